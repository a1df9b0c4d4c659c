/**
 * When ECS rolls a disk back to a snapshot (ResetDisk), and what a reviewer reads about it. Pure:
 * plain facts in, sentences out, for the component's preview check and for the resource's own
 * check right before it calls ResetDisk (the cloud may have changed in between).
 *
 * ECS's rules (ResetDisk page of the ECS API reference, 2014-05-26, and its error table):
 * - the snapshot "must be created from the disk specified by DiskId" (`InvalidParameter.Mismatch`);
 *   a copy made by CopySnapshot "cannot be used to roll back the disks for which source
 *   snapshots were created" (CopySnapshot page), and a copy in another region is not in the
 *   disk's region at all;
 * - the snapshot must be usable, DescribeSnapshots' `Available` (`InvalidSnapshotId.NotReady`):
 *   finished (`accomplished`), or an instant-access snapshot still uploading, which is usable
 *   "within seconds" (instant access guide); a `failed` snapshot never is;
 * - the disk `In_use` or `Available` (`IncorrectDiskStatus`), with no `security` lock
 *   (`InstanceLockedForSecurity`);
 * - the disk's instance `Stopped` (`IncorrectInstanceStatus`). StopInstance takes a `Running`
 *   instance only (StopInstance page), so an instance on its way (Starting, Stopping, Pending)
 *   can be neither reset nor stopped now.
 */
import { bulleted } from "./message";
import { describeValue } from "./values";

/** The disk as ECS reports it. */
export interface RollbackDiskFacts {
  id: string;
  status: string;
  /** Empty when the disk is not attached. */
  instanceId: string;
  /** `lockReason` of every operation lock. */
  lockReasons: string[];
}

/** The snapshot as ECS reports it in the disk's region. */
export interface RollbackSnapshotFacts {
  id: string;
  sourceDiskId: string;
  /** `progressing`, `accomplished` or `failed`. */
  status: string;
  /** DescribeSnapshots `Available`; undefined when the source of the facts does not report it (the provider's data source). */
  available?: boolean;
  /** Whether it was made with instant access (usable while it uploads). */
  instantAccess?: boolean;
  creationTime: string;
  /** A copy's source snapshot and region (CopySnapshot); empty or undefined for a snapshot taken of a disk. */
  sourceSnapshotId?: string;
  sourceRegionId?: string;
}

/** Everything one rollback's check reads. Facts left undefined are unknown: their rules wait. */
export interface RollbackFacts {
  /** The component's name, for sentences. */
  name: string;
  diskId: string;
  snapshotId: string;
  /** The disk's region, for sentences. */
  regionId: string;
  /** Undefined: not found in the region. */
  disk: RollbackDiskFacts | undefined;
  /** The disk's instance: undefined when the disk is not attached, null when not found. */
  instance: { id: string; status: string } | null | undefined;
  /** Undefined: not found in the disk's region. */
  snapshot: RollbackSnapshotFacts | undefined;
  /** The caller let the rollback stop a Running instance and start it again. */
  stopInstance: boolean;
}

const RESET_DISK_STATUSES = ["In_use", "Available"];

/** Whether ResetDisk would accept the snapshot now (DescribeSnapshots `Available`). */
export function snapshotUsable(s: RollbackSnapshotFacts): boolean {
  if (s.available !== undefined) return s.available;
  if (s.status === "accomplished") return true;
  return s.status === "progressing" && s.instantAccess === true;
}

/** Whether the snapshot is a copy made by CopySnapshot. */
export function isCopy(s: RollbackSnapshotFacts): boolean {
  return Boolean(s.sourceSnapshotId) || Boolean(s.sourceRegionId);
}

/** Every reason ECS would refuse this rollback, each a sentence naming disk, snapshot and value. */
export function checkRollback(f: RollbackFacts): string[] {
  const problems: string[] = [];
  const what = `rolling disk ${f.diskId} back to snapshot ${f.snapshotId}`;
  if (!f.disk)
    problems.push(
      `Disk ${f.diskId} was not found in ${f.regionId}: check diskId (a disk of the provider's region), then preview again.`,
    );
  const s = f.snapshot;
  if (!s) {
    problems.push(
      `Snapshot ${f.snapshotId} was not found in ${f.regionId}, the region of disk ${f.diskId}: ECS rolls a disk back only to a snapshot taken of it in its own region, never to a copy in another region. Set snapshotId to a snapshot of ${f.diskId} in ${f.regionId}.`,
    );
  } else {
    if (isCopy(s))
      problems.push(
        `Snapshot ${s.id} is a copy of ${s.sourceSnapshotId || "a snapshot"}${s.sourceRegionId ? ` from ${s.sourceRegionId}` : ""}: ECS does not roll a disk back to a copy (CopySnapshot). Set snapshotId to a snapshot taken of ${f.diskId} in ${f.regionId}.`,
      );
    else if (s.sourceDiskId !== f.diskId)
      problems.push(
        `Snapshot ${s.id} was taken of disk ${s.sourceDiskId || "(unknown)"}, not ${f.diskId}: ResetDisk rolls a disk back only to one of its own snapshots. Set snapshotId to a snapshot of ${f.diskId}, or diskId to ${s.sourceDiskId}.`,
      );
    if (!snapshotUsable(s))
      problems.push(
        s.status === "failed"
          ? `Snapshot ${s.id} has status "failed" and can never be used: choose another snapshot of ${f.diskId}.`
          : `Snapshot ${s.id} has status ${describeValue(s.status)} and is not usable yet (DescribeSnapshots Available is false): ResetDisk takes a finished snapshot, or an instant-access one while it uploads. Wait until it is accomplished, then preview again.`,
      );
  }
  const d = f.disk;
  if (d) {
    if (!RESET_DISK_STATUSES.includes(d.status))
      problems.push(
        `Disk ${d.id} has status ${describeValue(d.status)}: ResetDisk takes a disk that is In_use or Available. Wait until it is, then preview again.`,
      );
    if (d.lockReasons.includes("security"))
      problems.push(
        `Disk ${d.id} has a "security" operation lock: ECS refuses every ResetDisk on it (InstanceLockedForSecurity). Ask Alibaba Cloud support to lift the lock.`,
      );
    if (d.instanceId && d.status === "In_use") problems.push(...checkInstance(f, d.instanceId, what));
  }
  return problems;
}

function checkInstance(f: RollbackFacts, instanceId: string, what: string): string[] {
  const i = f.instance;
  if (i === null || i === undefined)
    return [
      `Instance ${instanceId} of disk ${f.diskId} was not found: ${what} needs it Stopped. Check the disk's instance.`,
    ];
  if (i.status === "Stopped") return [];
  if (i.status === "Running" && f.stopInstance) return [];
  if (i.status === "Running")
    return [
      `Instance ${i.id} of disk ${f.diskId} is Running: ResetDisk needs it Stopped. Stop it first, or set stopInstance: true to let the rollback stop it and start it again (it is down meanwhile).`,
    ];
  return [
    `Instance ${i.id} of disk ${f.diskId} has status ${describeValue(i.status)}: ResetDisk needs it Stopped${f.stopInstance ? ", and the rollback can stop only a Running instance" : ""}. Wait until it is ${f.stopInstance ? "Running or Stopped" : "Stopped"}, then preview again.`,
  ];
}

/** Whether the rollback will stop the instance (and start it again afterwards). */
export function stopsInstance(f: Pick<RollbackFacts, "instance" | "stopInstance">): boolean {
  return f.stopInstance && f.instance?.status === "Running";
}

/** The refusal bound to the component: every problem at once. */
export function describeRollbackRefusal(name: string, problems: readonly string[]): string {
  return bulleted(
    `DiskRollback "${name}" cannot roll the disk back; ECS would refuse ResetDisk:`,
    problems,
    "Nothing was changed.",
  );
}

/** What the rollback will do, for the reviewer: the snapshot, what is lost, the safety snapshot, the instance. */
export interface RollbackPlan {
  /** One sentence saying it all. */
  text: string;
  /** "data written to d-… since <time>". */
  lost: string;
  /** Whether the instance is stopped and started again. */
  stopsInstance: boolean;
}

export function describeRollbackPlan(
  f: Pick<RollbackFacts, "diskId" | "snapshotId" | "instance" | "stopInstance"> & {
    snapshotTime: string | undefined;
    safetySnapshot: boolean;
  },
): RollbackPlan {
  const since = f.snapshotTime ? ` since ${f.snapshotTime}` : " since the snapshot was taken";
  const lost = `data written to ${f.diskId}${since}`;
  const stops = stopsInstance(f);
  const parts = [
    `Rolls disk ${f.diskId} back to snapshot ${f.snapshotId}${f.snapshotTime ? ` (taken ${f.snapshotTime})` : ""}: ${lost} is lost`,
    f.safetySnapshot
      ? `; a safety snapshot of ${f.diskId} is taken first, so the rollback can itself be undone`
      : `; no safety snapshot is taken (safetySnapshot: false), so it cannot be undone`,
    stops && f.instance ? `. Instance ${f.instance.id} is stopped for it and started again afterwards` : "",
    ".",
  ];
  return { text: parts.join(""), lost, stopsInstance: stops };
}

/** The inputs whose change is a new rollback; any other change is recorded without a ResetDisk. */
export const ROLLBACK_KEYS = ["diskId", "snapshotId", "request"] as const;

/**
 * Whether an update of the rollback resource resets the disk again: only when the disk, the
 * snapshot or the request changed. A plain re-run (nothing changed) and a change of the options
 * alone never do.
 */
export function rollsBackAgain(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  return ROLLBACK_KEYS.some((k) => olds[k] !== news[k]);
}

/** The safety snapshot's retention when none is given, days. */
export const DEFAULT_SAFETY_RETENTION_DAYS = 30;

/**
 * Problems of a rollback's arguments known when the program runs (outputs are left to their
 * check): every one, each naming the argument and its value.
 */
export function validateRollbackArgs(args: Record<string, unknown>, isEventual: (v: unknown) => boolean): string[] {
  const problems: string[] = [];
  const text = (input: string, required: boolean) => {
    const v = args[input];
    if (isEventual(v) || (v === undefined && !required)) return;
    if (typeof v !== "string" || v.length === 0)
      problems.push(
        `${input} is ${describeValue(v)}; it must be a non-empty string${input === "request" ? " (or left out: the snapshot ID)" : ""}.`,
      );
  };
  text("diskId", true);
  text("snapshotId", true);
  text("request", false);
  const stop = args.stopInstance;
  if (stop !== undefined && !isEventual(stop) && typeof stop !== "boolean")
    problems.push(`stopInstance is ${describeValue(stop)}; it must be true or false (default false).`);
  const safety = args.safetySnapshot;
  if (safety !== undefined && typeof safety !== "boolean")
    problems.push(
      `safetySnapshot is ${describeValue(safety)}; it must be a plain true or false (default true), known when the program runs.`,
    );
  const days = args.safetySnapshotRetentionDays;
  if (
    days !== undefined &&
    !isEventual(days) &&
    !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 65536)
  )
    problems.push(
      `safetySnapshotRetentionDays is ${describeValue(days)}; it must be a whole number of days from 1 to 65536 (default ${DEFAULT_SAFETY_RETENTION_DAYS}).`,
    );
  if (safety === false && days !== undefined)
    problems.push(`safetySnapshotRetentionDays is given but safetySnapshot is false: leave one of them out.`);
  return problems;
}
