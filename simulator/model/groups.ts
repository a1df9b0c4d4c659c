/**
 * Snapshot-consistent groups, as ECS makes them: CreateSnapshotGroup (one instant, every disk of
 * an instance or a list of disks of one zone), DescribeSnapshotGroups (the groups, each with its
 * member snapshots) and DeleteSnapshotGroup. Free functions over a {@link SimulatedCloud}; the
 * member snapshots are ordinary snapshots of the cloud (DescribeSnapshots lists them, they count
 * for the disk's quota). Every rule names its source: the API pages CreateSnapshotGroup,
 * DescribeSnapshotGroups, DeleteSnapshotGroup, and the user guide "Create a snapshot-consistent
 * group" (simulator/FIDELITY.md, "Snapshot-consistent groups").
 */
import type { SimulatedCloud } from "./cloud";
import { EcsError } from "./errors";
import { MAX_MANUAL_SNAPSHOTS_PER_DISK } from "./limits";
import type {
  CreateSnapshotGroupRequest,
  DescribeSnapshotGroupsRequest,
  SimDisk,
  SimSnapshot,
  SimSnapshotGroup,
} from "./types";

/**
 * CreateSnapshotGroup: "Snapshot-consistent groups can be used to create snapshots only for
 * Enterprise SSDs (ESSDs), ESSD AutoPL disks, and ESSD Entry disks" — not Regional ESSD
 * (`cloud_regional_disk_auto`), which CreateSnapshot accepts: the page's list is the stricter side.
 */
export const GROUP_DISK_CATEGORIES = ["cloud_essd", "cloud_auto", "cloud_essd_entry"];

/** CreateSnapshotGroup: up to 16 disks and 32 TiB in a group, in most regions. */
export const GROUP_LIMITS = { disks: 16, totalGiB: 32 * 1024 };

/**
 * "Create a snapshot-consistent group" (user guide): China (Hohhot), Thailand (Bangkok), South
 * Korea (Seoul), Malaysia (Kuala Lumpur), UK (London), SAU (Riyadh - Partner Region) and UAE
 * (Dubai) take up to 128 disks and 256 TiB; their region IDs as ECS names them.
 */
export const LARGE_GROUP_REGIONS = [
  "cn-huhehaote",
  "ap-southeast-7",
  "ap-northeast-2",
  "ap-southeast-3",
  "eu-west-1",
  "me-central-1",
  "me-east-1",
];
export const LARGE_GROUP_LIMITS = { disks: 128, totalGiB: 256 * 1024 };

/** DescribeSnapshotGroups SnapshotGroupId.N: N from 1 to 10. */
export const MAX_GROUP_IDS = 10;

/** The limits of a region (count of disks, total GiB). */
export function groupLimitsOf(regionId: string): { disks: number; totalGiB: number } {
  return LARGE_GROUP_REGIONS.includes(regionId) ? LARGE_GROUP_LIMITS : GROUP_LIMITS;
}

/** The cloud's groups (none in a state file written before groups existed). */
export function groupsOf(cloud: SimulatedCloud): SimSnapshotGroup[] {
  cloud.state.groups ??= [];
  return cloud.state.groups;
}

/** A group's status: DescribeSnapshotGroups Status, progressing until every member is accomplished. */
export function groupStatus(cloud: SimulatedCloud, group: SimSnapshotGroup): string {
  const members = membersOf(cloud, group);
  if (members.some((s) => s.status === "failed")) return "failed";
  if (members.some((s) => s.status === "progressing")) return "progressing";
  return "accomplished";
}

/** The member snapshots still alive, in the group's order. */
export function membersOf(cloud: SimulatedCloud, group: SimSnapshotGroup): SimSnapshot[] {
  const alive = cloud.snapshots();
  return group.snapshotIds.flatMap((id) => alive.find((s) => s.id === id) ?? []);
}

/**
 * CreateSnapshotGroup: every disk is checked before any snapshot is taken (one instant: all or
 * nothing), with the codes and HTTP statuses of the page's error table.
 */
export function createSnapshotGroup(cloud: SimulatedCloud, req: CreateSnapshotGroupRequest): SimSnapshotGroup {
  cloud.call("CreateSnapshotGroup");
  cloud.releaseExpired();
  const diskIds = req.diskIds ?? [];
  const exclude = req.excludeDiskIds ?? [];
  if (diskIds.length > 0 && exclude.length > 0)
    throw new EcsError(
      "InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict",
      "The use of parameter 'ExcludeDiskIds' and 'DiskIds' at the same time is not supported.",
    );
  let disks: SimDisk[];
  if (req.instanceId) {
    const instance = cloud.state.instances.find((i) => i.id === req.instanceId);
    if (!instance)
      throw new EcsError(
        "InvalidInstanceId.NotFound",
        `The specified InstanceId ${req.instanceId} does not exist.`,
        404,
      );
    const own = cloud.state.disks.filter((d) => d.instanceId === req.instanceId);
    // "If you specify InstanceId, you can use DiskId.N to specify only disks on the specified ECS instance."
    const foreign = diskIds.filter((id) => !own.some((d) => d.id === id));
    for (const id of foreign)
      if (!cloud.state.disks.some((d) => d.id === id))
        throw new EcsError("InvalidDiskId.NotFound", `The specified DiskId ${id} does not exist.`, 404);
    if (foreign.length > 0)
      throw new EcsError(
        "DiskId.ValueNotSupported",
        `The specified parameter diskid is not supported: ${foreign.join(", ")} not attached to ${req.instanceId} (code unverified).`,
        403,
      );
    disks = diskIds.length > 0 ? own.filter((d) => diskIds.includes(d.id)) : own.filter((d) => !exclude.includes(d.id));
    if (own.length === 0)
      throw new EcsError("InvalidInstance.NoDisk", `There is no disk mounted on the instance ${req.instanceId}.`, 403);
  } else {
    if (diskIds.length === 0)
      throw new EcsError("MissingParamter.InstanceId", "The specified InstanceId should not be null.");
    disks = diskIds.map((id) => {
      const d = cloud.state.disks.find((x) => x.id === id);
      if (!d) throw new EcsError("InvalidDiskId.NotFound", `The specified DiskId ${id} does not exist.`, 404);
      return d;
    });
  }
  const limits = groupLimitsOf(cloud.regionId);
  if (disks.length > limits.disks)
    throw new EcsError(
      "NumberExceed.TooManyDisks",
      `The number of all disks in the request exceeds: ${disks.length} disks, at most ${limits.disks} in ${cloud.regionId}.`,
      403,
    );
  const total = disks.reduce((sum, d) => sum + d.size, 0);
  if (total > limits.totalGiB)
    throw new EcsError(
      "CapacityExceed.TooManyDisks",
      `The capacity of all disks in the request exceeds: ${total} GiB, at most ${limits.totalGiB} GiB in ${cloud.regionId}.`,
      403,
    );
  const zones = [...new Set(disks.map((d) => d.zoneId))];
  if (zones.length > 1)
    throw new EcsError(
      "InvalidDiskIds.NotInSameZone",
      `The specified disks are not in the same availability zone: ${zones.join(", ")}.`,
    );
  for (const d of disks) checkMember(cloud, d);
  const at = cloud.now().toISOString();
  const members = disks.map((d) => memberSnapshot(cloud, d, at, req.resourceGroupId));
  cloud.state.snapshots.push(...members);
  const group: SimSnapshotGroup = {
    id: newId(cloud, "ssg-"),
    name: req.name ?? "",
    description: req.description ?? "",
    instanceId: req.instanceId ?? "",
    resourceGroupId: req.resourceGroupId ?? "rg-default",
    tags: { ...req.tags },
    createTime: at,
    snapshotIds: members.map((s) => s.id),
  };
  groupsOf(cloud).push(group);
  return group;
}

/** One disk of a group, with the refusals the CreateSnapshotGroup table lists for a disk. */
function checkMember(cloud: SimulatedCloud, d: SimDisk): void {
  if (!GROUP_DISK_CATEGORIES.includes(d.category))
    throw new EcsError(
      "DiskCategory.OperationNotSupported",
      `The operation is not supported to the specified disk due to its disk category: ${d.id} is ${d.category}.`,
    );
  // The table lists "The special disk is encrypted, not support this operate." under the same code.
  if (d.encrypted === "on")
    throw new EcsError(
      "DiskCategory.OperationNotSupported",
      `The special disk is encrypted, not support this operate: ${d.id}.`,
    );
  if ((d.mountInstanceNum ?? 0) > 1 || (d.mountInstances ?? []).length > 1)
    throw new EcsError(
      "InvalidOperation.MultiAttachDisk",
      `Multi attach disk does not support this operation: ${d.id} is attached to ${d.mountInstances.length} instances.`,
      403,
    );
  if ((d.operationLocks ?? []).some((l) => l.lockReason === "security"))
    throw new EcsError(
      "InstanceLockedForSecurity",
      `The disk attached instance is locked due to security: ${d.id}.`,
      403,
    );
  if (d.status === "Available" && !d.attachedTime && !d.detachedTime)
    throw new EcsError(
      "IncorrectDiskStatus.NeverAttached",
      `The specified disk has never been attached to any instance: ${d.id}.`,
      403,
    );
  if (d.status !== "In_use" && d.status !== "Available")
    throw new EcsError(
      "IncorrectDiskStatus",
      `The current disk status does not support this operation: ${d.id} is ${d.status}.`,
      403,
    );
  if (d.status === "In_use" && d.instanceId) {
    const inst = cloud.state.instances.find((i) => i.id === d.instanceId);
    if (!inst || (inst.status !== "Running" && inst.status !== "Stopped"))
      throw new EcsError(
        "IncorrectInstanceStatus",
        `The current status of the resource does not support this operation: instance ${d.instanceId} is ${inst?.status ?? "not found"}.`,
      );
  }
  // The table lists 403 IncorrectDiskStatus.CreatingSnapshot; the guide allows 10 tasks a disk.
  // The stricter reading is taken, as for CreateSnapshot.
  const creating = cloud.state.snapshots.find((s) => s.sourceDiskId === d.id && s.status === "progressing");
  if (creating)
    throw new EcsError(
      "IncorrectDiskStatus.CreatingSnapshot",
      `A previous snapshot creation is in process: ${creating.id} of ${d.id}.`,
      403,
    );
  const manual = cloud.state.snapshots.filter((s) => s.sourceDiskId === d.id && s.snapshotType === "user").length;
  if (manual >= MAX_MANUAL_SNAPSHOTS_PER_DISK)
    throw new EcsError(
      "QuotaExceed.Snapshot",
      `The snapshot quota exceeds: ${d.id} has ${manual} manual snapshots, at most ${MAX_MANUAL_SNAPSHOTS_PER_DISK}.`,
      403,
    );
}

/**
 * A member snapshot: an ESSD-series snapshot, instant access, uploading; "stored indefinitely until
 * you delete" it (CreateSnapshotGroup: no retention). Its name and tags are not the group's.
 */
function memberSnapshot(cloud: SimulatedCloud, d: SimDisk, at: string, resourceGroupId?: string): SimSnapshot {
  return {
    id: newId(cloud, "s-"),
    sourceDiskId: d.id,
    sourceDiskSize: d.size,
    sourceDiskType: d.type || d.diskType,
    encrypted: false,
    kmsKeyId: "",
    category: "standard",
    instantAccess: true,
    status: "progressing",
    available: true,
    retentionDays: null,
    createTime: at,
    snapshotName: "",
    description: "",
    tags: {},
    resourceGroupId: resourceGroupId ?? "rg-default",
    snapshotType: "user",
  };
}

/**
 * DescribeSnapshotGroups: the groups that match every filter (Tag.N filtered by ECS, each given
 * tag with its value), oldest first. At most {@link MAX_GROUP_IDS} SnapshotGroupId.N.
 */
export function describeSnapshotGroups(
  cloud: SimulatedCloud,
  req: DescribeSnapshotGroupsRequest = {},
): SimSnapshotGroup[] {
  cloud.call("DescribeSnapshotGroups");
  cloud.releaseExpired();
  if (req.snapshotGroupIds && req.snapshotGroupIds.length > MAX_GROUP_IDS)
    throw new EcsError(
      "InvalidParameter.SnapshotGroupId",
      `SnapshotGroupId.N takes at most ${MAX_GROUP_IDS} IDs; got ${req.snapshotGroupIds.length} (code unverified).`,
    );
  const wanted = Object.entries(req.tags ?? {});
  return groupsOf(cloud).filter(
    (g) =>
      (req.instanceId === undefined || g.instanceId === req.instanceId) &&
      (req.name === undefined || g.name === req.name) &&
      (req.snapshotGroupIds === undefined || req.snapshotGroupIds.includes(g.id)) &&
      (req.statuses === undefined || req.statuses.length === 0 || req.statuses.includes(groupStatus(cloud, g))) &&
      wanted.every(([k, v]) => g.tags[k] === v),
  );
}

/**
 * DeleteSnapshotGroup: the group and its member snapshots, except a member a custom image was made
 * from, which is kept (DeleteSnapshotGroup, operation description). A group that does not exist:
 * InvalidSnapshotGroupId.NotFound (code unverified).
 */
export function deleteSnapshotGroup(cloud: SimulatedCloud, id: string): void {
  cloud.call("DeleteSnapshotGroup");
  const groups = groupsOf(cloud);
  const group = groups.find((g) => g.id === id);
  if (!group)
    throw new EcsError(
      "InvalidSnapshotGroupId.NotFound",
      `The specified snapshot-consistent group ${id} does not exist (code unverified).`,
      404,
    );
  const byImage = new Set(cloud.state.images.flatMap((i) => i.snapshotIds));
  const members = new Set(group.snapshotIds.filter((sid) => !byImage.has(sid)));
  cloud.state.snapshots = cloud.state.snapshots.filter((s) => !members.has(s.id));
  cloud.state.groups = groups.filter((g) => g !== group);
}

/** ModifySnapshotGroup (name, description) and TagResources/UntagResources (ResourceType snapshotgroup). */
export function modifySnapshotGroup(
  cloud: SimulatedCloud,
  id: string,
  req: { name?: string; description?: string; tags?: Record<string, string> },
): SimSnapshotGroup {
  const group = groupsOf(cloud).find((g) => g.id === id);
  if (!group)
    throw new EcsError(
      "InvalidSnapshotGroupId.NotFound",
      `The specified snapshot-consistent group ${id} does not exist (code unverified).`,
      404,
    );
  if (req.name !== undefined || req.description !== undefined) cloud.call("ModifySnapshotGroup");
  if (req.tags !== undefined) cloud.call(Object.keys(req.tags).length > 0 ? "TagResources" : "UntagResources");
  if (req.name !== undefined) group.name = req.name;
  if (req.description !== undefined) group.description = req.description;
  if (req.tags !== undefined) group.tags = { ...req.tags };
  return group;
}

/** The next ID, in the cloud's own sequence. */
function newId(cloud: SimulatedCloud, prefix: string): string {
  const n = cloud.state.nextId++;
  return `${prefix}sim${String(n).padStart(6, "0")}`;
}
