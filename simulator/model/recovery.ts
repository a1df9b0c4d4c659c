/**
 * What the provider has no resource for, as ECS does it: copy a snapshot to another region of
 * the account (CopySnapshot), roll a disk back to one of its snapshots (ResetDisk), stop and
 * start an instance (StopInstance, StartInstance), and DescribeSnapshots with the filters the
 * API has (DiskId, InstanceId, SnapshotIds) in any region, paged by MaxResults/NextToken. Free
 * functions over a {@link SimulatedCloud}; each rule names its source in simulator/README.md
 * ("Recovery: sources"). They refuse with {@link EcsError} and ECS's code; the HTTP door
 * (simulator/doors/http.ts) gives each code the HTTP status the API reference lists.
 *
 * The account's main region (`cloud.regionId`) holds its disks, instances and snapshots; its
 * other regions (`copyRegions` of the account file) hold only the snapshots copied there.
 */
import type { SimulatedCloud } from "./cloud";
import { EcsError } from "./errors";
import { STARTING_SECONDS, STOPPING_SECONDS, beginTransition, settleInstances } from "./instanceStates";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from "./limits";
import type {
  CopySnapshotRequest,
  DescribeRegionSnapshotsRequest,
  RecoveryState,
  ResetDiskRequest,
  SimCopy,
  SimInstance,
  SimReset,
  SimSnapshot,
} from "./types";

/** DescribeSnapshots MaxResults: at most 100, 10 when not sent (API reference). */
export const MAX_SNAPSHOT_RESULTS = 100;
export const DEFAULT_SNAPSHOT_RESULTS = 10;

/** The cloud's other regions and rollbacks (empty for a state file written before they existed). */
export function recoveryOf(cloud: SimulatedCloud): RecoveryState {
  cloud.state.recovery ??= { regions: {}, resets: [] };
  return cloud.state.recovery;
}

/** Every region of the account: the main one first, then those copies may go to. */
export function regionsOf(cloud: SimulatedCloud): string[] {
  return [cloud.regionId, ...Object.keys(recoveryOf(cloud).regions)];
}

/**
 * The alive snapshots of a region (its retention ended: released, as in the main region).
 * An unknown region is refused: `InvalidRegionId.NotExists` (CopySnapshot's table, 403).
 */
export function snapshotsIn(cloud: SimulatedCloud, regionId: string): SimSnapshot[] {
  if (regionId === cloud.regionId) return cloud.snapshots();
  const region = recoveryOf(cloud).regions[regionId];
  if (!region)
    throw new EcsError(
      "InvalidRegionId.NotExists",
      `Region not exists: ${regionId} is not a region of this account (${regionsOf(cloud).join(", ")}).`,
    );
  const now = cloud.now().getTime();
  finishCopies(cloud, region.snapshots, now);
  region.snapshots = region.snapshots.filter((s) => {
    const ends = cloud.retentionEndsAt(s);
    if (ends > now) return true;
    cloud.state.released.push({
      id: s.id,
      releasedAt: new Date(ends).toISOString(),
      reason: `retention of ${s.retentionDays} days ended (copy in ${regionId})`,
    });
    return false;
  });
  return region.snapshots;
}

// ---- CopySnapshot ----

/**
 * How long a copy takes: all of the source disk's data crosses regions ("The first time a disk
 * snapshot is copied, all data stored in the disk is copied", Copy a snapshot guide), at the
 * account's invented upload rate (the same figure as a snapshot's upload; no ECS page gives a
 * copy rate). ms.
 */
export function copyMs(cloud: SimulatedCloud, source: SimSnapshot): number {
  return cloud.uploadMs(source);
}

/**
 * Copies whose time has come are `accomplished` and usable. Until then a copy is `progressing`
 * and not usable (DescribeSnapshots Status/Available; a copy is no instant-access snapshot: the
 * stricter reading, since no page says a copy is usable before it completes).
 */
function finishCopies(cloud: SimulatedCloud, copies: SimCopy[], now: number): void {
  for (const c of copies) {
    if (c.status === "progressing" && cloud.uploadEndsAt(c) <= now) {
      c.status = "accomplished";
      c.available = true;
    }
  }
}

const NAME = /^[A-Za-z][A-Za-z0-9:_.-]{1,127}$/;

/**
 * CopySnapshot: a new snapshot in the destination region, with its own name, description,
 * retention and tags; the source stays. Refusals, in the API reference's words and codes.
 */
export function copySnapshot(cloud: SimulatedCloud, req: CopySnapshotRequest): SimCopy {
  cloud.call("CopySnapshot");
  const source = snapshotsIn(cloud, req.regionId).find((s) => s.id === req.snapshotId);
  if (!source)
    throw new EcsError("InvalidSnapshotId.NotFound", `The specified snapshot ${req.snapshotId} is not exists.`);
  if (req.destinationRegionId === req.regionId)
    throw new EcsError(
      "InvalidOperation.NotSupportCopyInSameRegion",
      `Copying snapshot in the same region is not supported: ${req.snapshotId} is in ${req.regionId}.`,
    );
  const target = snapshotsIn(cloud, req.destinationRegionId);
  // Local snapshots cannot be copied (CopySnapshot: "Local snapshots cannot be copied").
  if (source.category === "flash")
    throw new EcsError(
      "InvalidSnapshotCategory.NotSupportCopy",
      `The specified snapshot's category does not support copy: ${source.id} is a local snapshot (flash).`,
    );
  // Only a finished snapshot is copied: InvalidSnapshotId.NotReady "has not completed yet".
  if (source.status !== "accomplished")
    throw new EcsError(
      "InvalidSnapshotId.NotReady",
      `The specified snapshot has not completed yet: ${source.id} is ${source.status}.`,
    );
  if (req.kmsKeyId && req.encrypted !== true)
    throw new EcsError(
      "InvalidEncrypted.NotMatchKmsKeyId",
      `The specified parameter Encrypted must be true when KmsKeyId is not empty (${req.kmsKeyId}).`,
    );
  if (source.encrypted && req.encrypted !== true)
    throw new EcsError(
      "InvalidEncrypted.NotSupportDecrypt",
      `Encrypted snapshot not support copy to decrypt snapshot: ${source.id} is encrypted; send Encrypted=true (and a KMS key of ${req.destinationRegionId}).`,
    );
  if (req.destinationSnapshotName !== undefined && !validName(req.destinationSnapshotName))
    throw new EcsError(
      "InvalidSnapshotName.Malformed",
      `The specified SnapshotName is wrongly formed: ${JSON.stringify(req.destinationSnapshotName)}.`,
    );
  if (req.destinationSnapshotDescription !== undefined && !validDescription(req.destinationSnapshotDescription))
    throw new EcsError(
      "InvalidDescription.Malformed",
      `The specified description is wrongly formed: it must be 2 to 256 characters and not start with http:// or https://.`,
    );
  const days = req.retentionDays;
  if (
    days !== undefined &&
    days !== null &&
    !(Number.isInteger(days) && days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS)
  )
    throw new EcsError(
      "InvalidRetentionDays.Malformed",
      `The specified RetentionDays is not valid: ${days} (${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}).`,
    );
  const encrypted = req.encrypted === true;
  const copy: SimCopy = {
    ...source,
    id: newId(cloud),
    encrypted,
    // Encrypted without a key: the region's default service key (assumed; the reference names none).
    kmsKeyId: encrypted ? req.kmsKeyId || "default-service-key" : "",
    // A copy takes time (copyMs): progressing, not usable, until the cloud's clock passes its end.
    status: "progressing",
    available: false,
    instantAccess: false,
    uploadEndsAt: new Date(cloud.now().getTime() + copyMs(cloud, source)).toISOString(),
    retentionDays: days ?? null,
    createTime: cloud.now().toISOString(),
    snapshotName: req.destinationSnapshotName ?? "",
    description: req.destinationSnapshotDescription ?? "",
    tags: { ...req.tags },
    snapshotType: "user",
    sourceSnapshotId: source.id,
    sourceRegionId: req.regionId,
  };
  target.push(copy);
  return copy;
}

function validName(name: string): boolean {
  return NAME.test(name) && !/^(https?:\/\/|auto)/.test(name);
}

function validDescription(text: string): boolean {
  return text.length >= 2 && text.length <= 256 && !/^https?:\/\//.test(text);
}

// ---- ResetDisk ----

/**
 * ResetDisk: rolls a disk back to a snapshot of that same disk. The disk's instance must be
 * Stopped; a copy in another region is not found in the disk's region (CopySnapshot: "cannot
 * be used to roll back the disks for which source snapshots were created").
 */
export function resetDisk(cloud: SimulatedCloud, req: ResetDiskRequest): SimReset {
  cloud.call("ResetDisk");
  const disk = req.regionId === cloud.regionId ? cloud.state.disks.find((d) => d.id === req.diskId) : undefined;
  if (!disk)
    throw new EcsError("InvalidDiskId.NotFound", `The specified disk ${req.diskId} does not exist in ${req.regionId}.`);
  const snapshot = snapshotsIn(cloud, req.regionId).find((s) => s.id === req.snapshotId);
  if (!snapshot)
    throw new EcsError(
      "InvalidSnapshotId.NotFound",
      `The specified snapshot ${req.snapshotId} does not exist in ${req.regionId}.`,
    );
  if ((disk.operationLocks ?? []).some((l) => l.lockReason === "security"))
    throw new EcsError("InstanceLockedForSecurity", `The disk ${disk.id} is locked for security reasons.`);
  if (snapshot.sourceDiskId !== disk.id)
    throw new EcsError(
      "InvalidParameter.Mismatch",
      `The specified snapshot is not created from the specified disk: ${snapshot.id} was taken of ${snapshot.sourceDiskId}, not ${disk.id}.`,
    );
  if (disk.status !== "In_use" && disk.status !== "Available")
    throw new EcsError(
      "IncorrectDiskStatus",
      `The current status of disk ${disk.id} (${disk.status}) does not support this operation: it must be In_use or Available.`,
    );
  if (disk.status === "In_use" && disk.instanceId) {
    settleInstances(cloud.state, cloud.now());
    const instance = cloud.state.instances.find((i) => i.id === disk.instanceId);
    if (instance?.status !== "Stopped")
      throw new EcsError(
        "IncorrectInstanceStatus",
        `The current status of instance ${disk.instanceId} (${instance?.status ?? "not found"}) does not support this operation: ResetDisk needs it Stopped.`,
      );
  }
  if (!snapshot.available)
    throw new EcsError(
      "InvalidSnapshotId.NotReady",
      `The specified snapshot ${snapshot.id} is not usable yet (${snapshot.status}).`,
    );
  const reset: SimReset = { diskId: disk.id, snapshotId: snapshot.id, at: cloud.now().toISOString() };
  recoveryOf(cloud).resets.push(reset);
  return reset;
}

// ---- StopInstance, StartInstance ----

/**
 * StopInstance: a Running instance is `Stopping` when the call returns and `Stopped`
 * {@link STOPPING_SECONDS} later on the cloud's clock (StopInstance page: asynchronous).
 */
export function stopInstance(cloud: SimulatedCloud, regionId: string, instanceId: string): SimInstance {
  cloud.call("StopInstance");
  return moveInstance(cloud, regionId, instanceId, "Running", "Stopping", "Stopped", STOPPING_SECONDS);
}

/** StartInstance: a Stopped instance is `Starting`, then `Running` {@link STARTING_SECONDS} later. */
export function startInstance(cloud: SimulatedCloud, regionId: string, instanceId: string): SimInstance {
  cloud.call("StartInstance");
  return moveInstance(cloud, regionId, instanceId, "Stopped", "Starting", "Running", STARTING_SECONDS);
}

function moveInstance(
  cloud: SimulatedCloud,
  regionId: string,
  id: string,
  from: string,
  via: string,
  to: string,
  seconds: number,
): SimInstance {
  const now = cloud.now();
  settleInstances(cloud.state, now);
  const instance = regionId === cloud.regionId ? cloud.state.instances.find((i) => i.id === id) : undefined;
  if (!instance)
    throw new EcsError("InvalidInstanceId.NotFound", `The specified instance ${id} does not exist in ${regionId}.`);
  if (instance.status !== from)
    throw new EcsError(
      "IncorrectInstanceStatus",
      `The current status of the resource does not support this operation: instance ${id} is ${instance.status}, not ${from}.`,
    );
  beginTransition(cloud.state, instance, via, to, seconds, now);
  return instance;
}

// ---- DescribeSnapshots in any region, with DiskId, InstanceId, SnapshotIds and NextToken ----

/** One page of DescribeSnapshots by MaxResults/NextToken; `nextToken` is empty on the last. */
export function describeRegionSnapshots(
  cloud: SimulatedCloud,
  req: DescribeRegionSnapshotsRequest,
  maxResults = DEFAULT_SNAPSHOT_RESULTS,
  nextToken = "",
): { snapshots: SimSnapshot[]; nextToken: string; totalCount: number } {
  cloud.call("DescribeSnapshots");
  if (!(Number.isInteger(maxResults) && maxResults >= 1 && maxResults <= MAX_SNAPSHOT_RESULTS))
    throw new EcsError(
      "InvalidParameter.MaxResults",
      `MaxResults must be 1 to ${MAX_SNAPSHOT_RESULTS}; got ${maxResults} (code unverified).`,
    );
  const start = nextToken === "" ? 0 : offsetOf(nextToken);
  const all = snapshotsIn(cloud, req.regionId);
  const type = req.snapshotType ?? "all";
  const onInstance = req.instanceId
    ? new Set(cloud.state.disks.filter((d) => d.instanceId === req.instanceId).map((d) => d.id))
    : undefined;
  const ids = req.snapshotIds ? new Set(req.snapshotIds) : undefined;
  const tags = Object.entries(req.tags ?? {});
  const matching = all.filter(
    (s) =>
      (type === "all" || s.snapshotType === type) &&
      (req.diskId === undefined || s.sourceDiskId === req.diskId) &&
      (onInstance === undefined || onInstance.has(s.sourceDiskId)) &&
      (ids === undefined || ids.has(s.id)) &&
      (req.status === undefined || req.status === "all" || s.status === req.status) &&
      (req.snapshotName === undefined || s.snapshotName === req.snapshotName) &&
      (req.category === undefined || s.category === req.category.toLowerCase()) &&
      (req.encrypted === undefined || s.encrypted === req.encrypted) &&
      tags.every(([k, v]) => s.tags[k] === v),
  );
  const page = matching.slice(start, start + maxResults);
  const end = start + page.length;
  return { snapshots: page, nextToken: end < matching.length ? `nt-${end}` : "", totalCount: matching.length };
}

function offsetOf(token: string): number {
  const m = /^nt-(\d+)$/.exec(token);
  if (!m)
    throw new EcsError(
      "InvalidParameter.NextToken",
      `The specified NextToken ${JSON.stringify(token)} is not valid (code unverified).`,
    );
  return Number(m[1]);
}

/** The next ID, in the cloud's own sequence (the same as its other generated IDs). */
function newId(cloud: SimulatedCloud): string {
  const n = cloud.state.nextId++;
  return `s-sim${String(n).padStart(6, "0")}`;
}
