/**
 * Which disks CreateSnapshotGroup accepts as one group, and when a group the component made has
 * outlived its retention. Pure: plain facts in, findings out; every refusal names its disk.
 *
 * Sources: the ECS API page CreateSnapshotGroup (ESSD, ESSD AutoPL and ESSD Entry only; one zone;
 * at most 16 disks and 32 TiB; no multi-attach disk; with InstanceId, only that instance's disks;
 * its error table's "The special disk is encrypted, not support this operate."; the disk and
 * instance statuses, security lock, one snapshot at a time and the quota, as CreateSnapshot);
 * the user guide "Create a snapshot-consistent group" (128 disks and 256 TiB in seven regions; no
 * custom retention periods: a group is kept until it is deleted).
 */
import { checkInstance, checkLocks, checkStatus, type DiskFacts, type InstanceFacts } from "./eligibility";
import { MAX_MANUAL_SNAPSHOTS_PER_DISK } from "./existing";
import { bulleted } from "./message";

/** The categories CreateSnapshotGroup takes: not Regional ESSD, which CreateSnapshot takes. */
export const GROUP_CATEGORIES: readonly string[] = ["cloud_essd", "cloud_auto", "cloud_essd_entry"];

/** Regions where a group takes up to 128 disks and 256 TiB (user guide); 16 and 32 TiB elsewhere. */
export const LARGE_GROUP_REGIONS: readonly string[] = [
  "cn-huhehaote", // China (Hohhot)
  "ap-southeast-7", // Thailand (Bangkok)
  "ap-northeast-2", // South Korea (Seoul)
  "ap-southeast-3", // Malaysia (Kuala Lumpur)
  "eu-west-1", // UK (London)
  "me-central-1", // SAU (Riyadh - Partner Region)
  "me-east-1", // UAE (Dubai)
];

/**
 * The provider's `diskIds` and `excludeDiskIds` take at most 16 IDs (terraform-provider-alicloud
 * v1.289.0 `resource_alicloud_ecs_snapshot_group.go:38`, `:45`), even where ECS takes 128 disks.
 */
export const PROVIDER_MAX_DISK_IDS = 16;

/** The tag that names the component (project/stack/name) on each group it makes: how expiry finds them. */
export const GROUP_TAG = "essd-snapshots:group";

/** At most this many disks and GiB in one group, in `regionId`. */
export function groupLimits(regionId: string): { disks: number; totalGiB: number } {
  return LARGE_GROUP_REGIONS.includes(regionId)
    ? { disks: 128, totalGiB: 256 * 1024 }
    : { disks: 16, totalGiB: 32 * 1024 };
}

/** What the rules read of one disk of the group. */
export interface GroupDisk extends DiskFacts {
  zoneId: string;
  sizeGiB: number;
  /** Instances it is mounted on (more than one: a multi-attach disk). */
  mountCount: number;
  /** Its manual snapshots alive in the cloud. */
  manualSnapshots: number;
  /** A snapshot of it still uploading (`progressing`), if any: its ID. */
  uploading?: string;
}

/** One reason the group cannot be made: the disk it is about (none for the group as a whole). */
export interface GroupProblem {
  diskId?: string;
  found: string;
  required: string;
}

/** The facts the group's check reads. */
export interface GroupFacts {
  instanceId: string;
  regionId: string;
  /** The instance, or null when it was not found. */
  instance: InstanceFacts | null;
  /** The group's disks, found. */
  disks: GroupDisk[];
  /** Disks asked for that the region does not have. */
  missing: string[];
  /** Disks asked for that are attached to another instance (or to none). */
  foreign: { id: string; instanceId: string }[];
  /** Disks of `excludeDiskIds` that are not the instance's (ECS ignores them; likely a typo). */
  strayExclusions: string[];
}

/** Every reason CreateSnapshotGroup would refuse the group, each naming its disk; empty when none. */
export function checkGroup(facts: GroupFacts): GroupProblem[] {
  const problems: GroupProblem[] = [];
  if (facts.instance === null)
    problems.push({
      found: `instance ${facts.instanceId} was not found`,
      required:
        "a group is made of an existing instance's disks (InvalidInstanceId.NotFound). Check the instance ID and the provider's region.",
    });
  else
    problems.push(
      ...checkInstance(facts.instanceId, facts.instance).map(({ found, required }) => ({ found, required })),
    );
  for (const id of facts.missing)
    problems.push({
      diskId: id,
      found: "it was not found",
      required: "every disk of a group must exist in the provider's region (InvalidDiskId.NotFound).",
    });
  for (const f of facts.foreign)
    problems.push({
      diskId: f.id,
      found: f.instanceId
        ? `it is attached to ${f.instanceId}, not ${facts.instanceId}`
        : `it is not attached to ${facts.instanceId}`,
      required: `a group of an instance takes only that instance's disks (CreateSnapshotGroup DiskId.N with InstanceId). Leave it out, or snapshot it in a group of its own instance.`,
    });
  for (const id of facts.strayExclusions)
    problems.push({
      diskId: id,
      found: `it is in excludeDiskIds but not a disk of ${facts.instanceId}`,
      required: "exclude only disks of the instance: a mistyped ID would leave the disk you meant in the group.",
    });
  if (facts.instance !== null && facts.disks.length === 0 && facts.missing.length === 0 && facts.foreign.length === 0)
    problems.push({
      found: `no disk of ${facts.instanceId} is left in the group`,
      required: "a group needs at least one disk (InvalidInstance.NoDisk). Exclude fewer disks.",
    });
  for (const d of facts.disks) problems.push(...checkGroupDisk(d));
  problems.push(...checkGroupShape(facts.disks, facts.regionId));
  return problems;
}

/** The rules of one disk: category, encryption, multi-attach, status, locks, one upload at a time, quota. */
export function checkGroupDisk(d: GroupDisk): GroupProblem[] {
  const found: Omit<GroupProblem, "diskId">[] = [];
  if (d.category !== undefined && !GROUP_CATEGORIES.includes(d.category))
    found.push({
      found: `category is "${d.category}"`,
      required: `a snapshot-consistent group takes ${GROUP_CATEGORIES.join(", ")} disks only (DiskCategory.OperationNotSupported). Exclude it (excludeDiskIds), or snapshot it on its own.`,
    });
  if (d.encrypted === true)
    found.push({
      found: "it is encrypted",
      required:
        'CreateSnapshotGroup refuses encrypted disks (DiskCategory.OperationNotSupported: "The special disk is encrypted"). Exclude it, and snapshot it with EssdLocalSnapshot.',
    });
  if (d.mountCount > 1)
    found.push({
      found: `it is attached to ${d.mountCount} instances (multi-attach)`,
      required: "a group takes no multi-attach disk (InvalidOperation.MultiAttachDisk). Exclude it (excludeDiskIds).",
    });
  found.push(...checkStatus(d), ...checkLocks(d).violations);
  if (d.uploading)
    found.push({
      found: `its snapshot ${d.uploading} is still being created`,
      required:
        "ECS makes one snapshot of a disk at a time (IncorrectDiskStatus.CreatingSnapshot). Preview again once that upload has finished.",
    });
  if (d.manualSnapshots + 1 > MAX_MANUAL_SNAPSHOTS_PER_DISK)
    found.push({
      found: `it has ${d.manualSnapshots} manual snapshots`,
      required: `ECS keeps at most ${MAX_MANUAL_SNAPSHOTS_PER_DISK} manual snapshots of a disk, and each group adds one (QuotaExceed.Snapshot). Delete old snapshots or groups, or shorten retentions.`,
    });
  return found.map((p) => ({ diskId: d.id, found: p.found, required: p.required }));
}

/** The group as a whole: one zone, the count and total size of its disks for the region. */
export function checkGroupShape(
  disks: readonly Pick<GroupDisk, "id" | "zoneId" | "sizeGiB">[],
  regionId: string,
): GroupProblem[] {
  const problems: GroupProblem[] = [];
  const zones = new Map<string, string[]>();
  for (const d of disks) zones.set(d.zoneId, [...(zones.get(d.zoneId) ?? []), d.id]);
  if (zones.size > 1)
    problems.push({
      found: `its disks are in ${zones.size} zones: ${[...zones].map(([z, ids]) => `${z}: ${ids.join(", ")}`).join("; ")}`,
      required: "every disk of a group must be in one zone (InvalidDiskIds.NotInSameZone). Make one group per zone.",
    });
  const limits = groupLimits(regionId);
  if (disks.length > limits.disks)
    problems.push({
      found: `it has ${disks.length} disks (${disks.map((d) => d.id).join(", ")})`,
      required: `a group in ${regionId || "this region"} takes at most ${limits.disks} disks (NumberExceed.TooManyDisks). Split the disks into groups, or exclude some.`,
    });
  const total = disks.reduce((sum, d) => sum + d.sizeGiB, 0);
  if (total > limits.totalGiB)
    problems.push({
      found: `its disks hold ${total} GiB in all`,
      required: `a group in ${regionId || "this region"} holds at most ${limits.totalGiB} GiB (${limits.totalGiB / 1024} TiB; CapacityExceed.TooManyDisks). Split it.`,
    });
  return problems;
}

/** The refusal users read: the group, then one bullet per problem, each naming its disk. */
export function describeGroupRefusal(name: string, instanceId: string, problems: readonly GroupProblem[]): string {
  return bulleted(
    `Snapshot group "${name}" of instance ${instanceId} cannot be made (${problems.length} problem${problems.length === 1 ? "" : "s"}); no snapshot of any disk is taken:`,
    problems.map((p) => `${p.diskId ? `disk ${p.diskId}: ` : ""}${p.found}: ${p.required}`),
  );
}

/** A group found in the cloud, as getEcsSnapshotGroups reports it and its creation time. */
export interface FoundGroup {
  id: string;
  tags: Record<string, string>;
  /** ISO 8601; undefined when not known. */
  creationTime?: string;
}

/**
 * The groups that expiry deletes: those carrying this component's {@link GROUP_TAG} value, other
 * than the current one, created more than `retentionDays` before `now`. A group without the tag,
 * with another component's value, or of unknown age is never among them.
 */
export function expiredGroups(
  found: readonly FoundGroup[],
  owner: string,
  retentionDays: number,
  now: Date,
  currentId?: string,
): FoundGroup[] {
  const limit = now.getTime() - retentionDays * 24 * 60 * 60 * 1000;
  return found.filter(
    (g) =>
      g.tags[GROUP_TAG] === owner &&
      g.id !== currentId &&
      g.creationTime !== undefined &&
      !Number.isNaN(Date.parse(g.creationTime)) &&
      Date.parse(g.creationTime) <= limit,
  );
}

/** What the preview says of the groups expiry deletes at `up`. */
export function describeExpiry(name: string, retentionDays: number, expired: readonly FoundGroup[]): string {
  return bulleted(
    `Snapshot group "${name}": ${expired.length} earlier group${expired.length === 1 ? "" : "s"} it made ${expired.length === 1 ? "is" : "are"} older than its retention of ${retentionDays} days; \`pulumi up\` deletes ${expired.length === 1 ? "it" : "them"} (DeleteSnapshotGroup, with their snapshots, except one an image was made from):`,
    expired.map((g) => `${g.id}, created ${g.creationTime}`),
  );
}
