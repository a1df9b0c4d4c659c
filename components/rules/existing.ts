/**
 * What the snapshots already in the cloud decide: whether the component's snapshot exists (so
 * eligibility no longer blocks it), whether a new one fits the disk's quota, and whether a
 * change of retention is one ECS can make. Pure: plain facts in, findings out.
 */
import type { Violation } from "./eligibility";
import { GENERATION_TAG } from "./inputs";
import { bulleted } from "./message";

/** At most this many manual snapshots per disk (CreateSnapshot: `QuotaExceed.Snapshot`). */
export const MAX_MANUAL_SNAPSHOTS_PER_DISK = 256;
/** From this many manual snapshots of one disk on, a new snapshot is allowed with a warning. */
export const QUOTA_WARNING_AT = 240;

/** A manual snapshot alive in the cloud, as DescribeSnapshots reports it. */
export interface CloudSnapshot {
  id: string;
  sourceDiskId: string;
  snapshotName: string;
  tags: Record<string, string>;
  /** `flash` for a legacy local snapshot, else `standard`. */
  category: string;
  /** Days ECS keeps it; undefined when it has none (kept until deleted) or none was reported. */
  retentionDays: number | undefined;
  /** `progressing`, `accomplished` or `failed`. */
  status: string;
  creationTime: string;
  /** GiB of the source disk when the snapshot was taken; undefined when not reported. */
  sourceDiskSize: number | undefined;
  diskType: "system" | "data";
  encrypted: boolean;
  /** Percent uploaded (`Progress`), while `progressing`; undefined when not reported. */
  progress?: number;
  /** Seconds left of the upload, ECS's estimate (`RemainTime`); undefined when not reported. */
  remainSeconds?: number;
}

/**
 * What identifies the component's snapshot in the cloud: its disk, its name, its kind, and its
 * generation tag (absent when the component has no generation). A field left undefined is not
 * known yet (an input known only after the preview): then nothing matches.
 */
export interface SnapshotIdentity {
  diskId: string;
  snapshotName: string | undefined;
  /** The value of the generation tag; `null` when the component has no generation. */
  generation: string | null | undefined;
  flash: boolean;
}

/**
 * The snapshot this component made earlier and that is still alive, if any: same disk, name,
 * kind and generation. The newest when several match (one kept from an earlier deployment under
 * the same name, say). A failed snapshot is not one.
 */
export function findExisting(snapshots: readonly CloudSnapshot[], id: SnapshotIdentity): CloudSnapshot | undefined {
  if (id.snapshotName === undefined || id.generation === undefined) return undefined;
  let found: CloudSnapshot | undefined;
  for (const s of snapshots) {
    if (s.sourceDiskId !== id.diskId || s.snapshotName !== id.snapshotName || s.status === "failed") continue;
    if ((s.category === "flash") !== id.flash) continue;
    const tag = Object.prototype.hasOwnProperty.call(s.tags, GENERATION_TAG) ? s.tags[GENERATION_TAG] : null;
    if (tag !== id.generation) continue;
    if (!found || s.creationTime > found.creationTime) found = s;
  }
  return found;
}

/** The quota of manual snapshots per disk, counting those alive and those this update makes. */
export interface QuotaReport {
  violations: Violation[];
  warnings: string[];
}

/**
 * `alive`: the disk's manual snapshots in the cloud, whatever their status (one still uploading
 * counts). `planned`: how many this update makes of the disk, this one included.
 */
export function checkQuota(diskId: string, alive: number, planned: number): QuotaReport {
  const total = alive + planned;
  const rule = `ECS keeps at most ${MAX_MANUAL_SNAPSHOTS_PER_DISK} manual snapshots of a disk (QuotaExceed.Snapshot), and a snapshot kept by retainOnDelete counts until its retention ends. Delete snapshots of this disk you no longer need, or shorten the retention of future ones (alive ≈ retention days × rotations per day), then preview again.`;
  const made = planned === 1 ? "this one" : `the ${planned} this update makes`;
  if (total > MAX_MANUAL_SNAPSHOTS_PER_DISK) {
    return {
      violations: [
        {
          rule: "quota",
          found: `it has ${alive} manual snapshots, and with ${made} it would have ${total}`,
          required: rule,
        },
      ],
      warnings: [],
    };
  }
  if (total >= QUOTA_WARNING_AT) {
    return {
      violations: [],
      warnings: [
        `Disk ${diskId} will have ${total} of its ${MAX_MANUAL_SNAPSHOTS_PER_DISK} manual snapshots (${alive} alive, and ${made}): ${MAX_MANUAL_SNAPSHOTS_PER_DISK - total} more and ECS refuses new ones (QuotaExceed.Snapshot). Delete snapshots you no longer need or shorten the retention (alive ≈ retention days × rotations per day).`,
      ],
    };
  }
  return { violations: [], warnings: [] };
}

/**
 * ECS can only extend a snapshot's retention (ModifySnapshotAttribute): a shorter value for an
 * existing snapshot is refused. Undefined when the change is allowed or either value is unknown.
 */
export function checkRetentionChange(
  resourceName: string,
  existing: Pick<CloudSnapshot, "id" | "retentionDays">,
  retentionDays: number | undefined,
): string | undefined {
  const kept = existing.retentionDays;
  if (kept === undefined || retentionDays === undefined || retentionDays >= kept) return undefined;
  return `retentionDays of "${resourceName}" is ${retentionDays}, but its snapshot ${existing.id} is already kept for ${kept} days: ECS can only extend a snapshot's retention (ModifySnapshotAttribute), never shorten it. Keep retentionDays at ${kept} or more; for a shorter retention from now on, change generation too, so that a new snapshot is taken (the old one stays until its ${kept} days have passed).`;
}

/**
 * The warning for an existing snapshot whose disk a new snapshot could not be taken of now: the
 * snapshot stays and the update goes on.
 */
export function describeKeptSnapshot(
  disk: string,
  resourceName: string,
  existing: Pick<CloudSnapshot, "id">,
  violations: readonly Violation[],
): string {
  return bulleted(
    `Disk ${disk} could not be snapshotted now, but "${resourceName}" already has its snapshot ${existing.id} of it: the snapshot stays, and this update goes on.`,
    violations.map((v) => v.found),
    `A new snapshot of this disk (a new generation, or after ECS releases ${existing.id} when its retention ends) will be refused until the disk can be snapshotted again.`,
  );
}

/**
 * @deprecated The component now refuses such a snapshot in the preview (rules/uploads.ts:
 * checkUploading, checkOnePerUpdate); kept for other tools that used this warning.
 *
 * ECS does not create a snapshot of a disk while another one is being created (CreateSnapshot:
 * "a snapshot is being created for the disk"). Whether an instant-access snapshot still uploading
 * (`progressing`) counts is not documented, so this is a warning, not a refusal: `creating` are
 * the disk's snapshots still `progressing`, `planned` the snapshots of it this update makes.
 */
export function checkCreating(diskId: string, creating: readonly string[], planned: number): string | undefined {
  if (creating.length === 0 && planned <= 1) return undefined;
  const why =
    creating.length > 0
      ? `snapshot ${creating.join(", ")} of it is still being created (status progressing)`
      : `this update makes ${planned} snapshots of it`;
  return `Disk ${diskId}: ${why}, and ECS creates one snapshot of a disk at a time (CreateSnapshot), so this one may be refused at up (IncorrectDiskStatus.CreatingSnapshot). Wait until the snapshot being created is accomplished, or make one snapshot of the disk per update.`;
}

/**
 * Why a component with restores makes its snapshot in this update: none of its generation is
 * alive in the cloud. After an expiry, this is what tells a reviewer that the restores stay.
 */
export function describeNewSnapshot(disk: string, resourceName: string, generation: string | null | undefined): string {
  const of = generation ? ` of generation "${generation}"` : "";
  return `No snapshot of disk ${disk} by "${resourceName}"${of} is alive in the cloud, so this update makes one: the first${generation ? " of this generation" : ""}, or one in place of a snapshot ECS released when its retention ended (the disks and images restored from that one stay as they are).`;
}
