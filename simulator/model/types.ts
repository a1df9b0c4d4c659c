/**
 * What the simulated cloud holds and what its operations take, typed with the provider's own
 * output types for disks and instances (`GetEcsDisksDisk`, `GetInstancesInstance`) and with
 * ECS's request parameters for the rest.
 */
import type * as alicloud from "@pulumi/alicloud";

export type SimDisk = alicloud.types.output.ecs.GetEcsDisksDisk;
export type SimInstance = alicloud.types.output.ecs.GetInstancesInstance;

/** A snapshot as ECS keeps it (DescribeSnapshots). */
export interface SimSnapshot {
  id: string;
  sourceDiskId: string;
  /** GiB of the source disk when the snapshot was taken. */
  sourceDiskSize: number;
  /** `system` or `data`. */
  sourceDiskType: string;
  encrypted: boolean;
  /** The KMS key of an encrypted source disk; absent or empty when not encrypted. */
  kmsKeyId?: string;
  /** `standard`, or `flash` for a legacy local snapshot. */
  category: string;
  /** Instant access: usable as soon as it exists (every ESSD-series snapshot since 2023-10-12). */
  instantAccess: boolean;
  /**
   * `progressing` until the upload has finished (createTime + sourceDiskSize at the account's
   * upload rate), then `accomplished`; `failed` stays failed.
   */
  status: string;
  /**
   * When the upload ends (ISO 8601), for a snapshot an account file gives as still uploading;
   * otherwise derived from createTime, the size and the upload rate.
   */
  uploadEndsAt?: string;
  available: boolean;
  /** Empty: kept until deleted. */
  retentionDays: number | null;
  createTime: string;
  snapshotName: string;
  description: string;
  tags: Record<string, string>;
  resourceGroupId: string;
  /** The ClientToken of the CreateSnapshot request that made it. */
  clientToken?: string;
  /** `user` for a manual snapshot (what CreateSnapshot makes); `auto` for a policy's. */
  snapshotType: "user" | "auto";
}

/** A custom image (DescribeImages). */
export interface SimImage {
  id: string;
  imageName: string;
  /** The snapshots it was made from, system disk first. */
  snapshotIds: string[];
  status: string;
  architecture: string;
  platform: string;
  description: string;
  tags: Record<string, string>;
  resourceGroupId: string;
  createTime: string;
}

/** A disk attached to an instance (AttachDisk). Its ID is `<diskId>:<instanceId>`, as the provider's. */
export interface SimAttachment {
  id: string;
  diskId: string;
  instanceId: string;
  device: string;
}

/** Everything the cloud holds, as JSON (the simulated cloud's state file). */
export interface CloudState {
  regionId: string;
  otherDisksInRegion?: number;
  disks: SimDisk[];
  instances: SimInstance[];
  snapshots: SimSnapshot[];
  images: SimImage[];
  attachments: SimAttachment[];
  /** Snapshots released by ECS (retention ended), kept for `pulumi-sim cloud` to show. */
  released: { id: string; releasedAt: string; reason: string }[];
  /** The next number for a generated ID. */
  nextId: number;
  /** The account's other regions (copies) and its rollbacks: simulator/model/recovery.ts. */
  recovery?: RecoveryState;
  /**
   * The cloud's own time (ISO 8601): moved forward by the outside clock (ESSD_SIM_NOW, or the
   * real one) when that is later, and by the provider's waits; never back.
   */
  now?: string;
  /** The invented upload rate of this account (limits.ts DEFAULT_UPLOAD_MIB_PER_SECOND when absent). */
  uploadMiBPerSecond?: number;
  /** Failures still to inject (SimulatedCloud.injectFault), kept with the cloud so every door sees them. */
  faults?: Fault[];
  /** The ClientToken of each CreateDisk and CreateImage request served, and the object it made. */
  clientTokens?: Record<string, string>;
  /** Snapshot-consistent groups (simulator/model/groups.ts); absent in a state file written before them. */
  groups?: SimSnapshotGroup[];
}

/** What a fresh cloud starts with: an account's region, disks, instances and earlier snapshots. */
export interface AccountSpec {
  regionId: string;
  disks: SimDisk[];
  instances: SimInstance[];
  /**
   * Disks in the region that the program does not touch, counted for DescribeDisks paging
   * only (a region of thousands of disks, without building each one).
   */
  otherDisksInRegion?: number;
  /** Snapshots made outside the program (other tools, earlier deployments), alive or not yet released. */
  snapshots?: SimSnapshot[];
  /** Other regions of the account, where CopySnapshot may copy to (they hold no disks). */
  copyRegions?: string[];
  /** How fast snapshots upload, MiB/s: an invented figure (limits.ts DEFAULT_UPLOAD_MIB_PER_SECOND). */
  uploadMiBPerSecond?: number;
}

export interface CreateSnapshotRequest {
  /** ClientToken: a request repeated with the same token returns the snapshot the first one made. */
  clientToken?: string;
  diskId: string;
  category?: string;
  retentionDays?: number | null;
  snapshotName?: string;
  description?: string;
  tags?: Record<string, string>;
  resourceGroupId?: string;
}

export interface CreateDiskRequest {
  /** ClientToken: the same token, the same disk (CreateDisk "ensures the idempotence of the request"). */
  clientToken?: string;
  snapshotId?: string;
  size?: number;
  zoneId?: string;
  category?: string;
  performanceLevel?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
  diskName?: string;
  description?: string;
  tags?: Record<string, string>;
  resourceGroupId?: string;
}

/**
 * ModifyDiskAttribute (name, description), ResizeDisk (size), ModifyDiskSpec (category,
 * performance level) and the tag calls, as one update: a field left undefined is not changed,
 * but is still compared (the provider sends what differs from the disk).
 */
export interface ModifyDiskRequest {
  diskName?: string;
  description?: string;
  size?: number | null;
  performanceLevel?: string;
  category?: string;
  /** The disk's tags afterwards (empty: every tag removed). */
  tags: Record<string, string>;
}

export interface CreateImageRequest {
  /** ClientToken: the same token, the same image (CreateImage "ensures the idempotence of the request"). */
  clientToken?: string;
  /** The top-level snapshotId: a system image from one snapshot. */
  snapshotId?: string;
  /** diskDeviceMappings' snapshots, system disk first. */
  mappedSnapshotIds?: string[];
  imageName?: string;
  architecture?: string;
  platform?: string;
  description?: string;
  tags?: Record<string, string>;
  resourceGroupId?: string;
}

/** ModifyImageAttribute and the tag calls: a field left undefined is not changed. */
export interface ModifyImageRequest {
  imageName?: string;
  description?: string;
  platform?: string;
  /** The image's tags afterwards (empty: every tag removed). */
  tags: Record<string, string>;
}

/**
 * DescribeSnapshots' filters (its request parameters), each applied by ECS: every given one must
 * match. `tags`: every given tag key with its value.
 */
export interface DescribeSnapshotsRequest {
  category?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
  resourceGroupId?: string;
  snapshotName?: string;
  /** `auto`, `user` or `all` (ECS's default). */
  snapshotType?: string;
  /** `System` or `Data`, as the request spells it. */
  sourceDiskType?: string;
  /** `progressing`, `accomplished`, `failed` or `all`. */
  status?: string;
  tags?: Record<string, string>;
  /** `image`, `disk`, `image_disk` or `none`. */
  usage?: string;
}

/** One page of DescribeSnapshots: its snapshots and, when more follow, the token for the next page. */
export interface SnapshotPage {
  snapshots: SimSnapshot[];
  nextToken: string;
}

/** What a snapshot was used for (DescribeSnapshots Usage). */
export type SnapshotUsage = "image" | "disk" | "image_disk" | "none";

export interface ModifySnapshotRequest {
  snapshotName?: string;
  description?: string;
  retentionDays?: number | null;
  tags?: Record<string, string>;
  resourceGroupId?: string;
}

/**
 * A failure to inject into one ECS action (SimulatedCloud.injectFault): the action fails `times`
 * times with `code`, then behaves again. `when: "before"` (default): refused, nothing done;
 * `"after"`: the action takes effect, then its answer is the error (a lost response).
 */
export interface Fault {
  /** The ECS action, as the RAM policy names it: `CreateSnapshot`, `AttachDisk`, `DescribeSnapshots`… */
  action: string;
  /** The error code: `Throttling`, `ServiceUnavailable`, `InternalError`, or any other. */
  code: string;
  /** Its HTTP status; default 503 for ServiceUnavailable, 500 for InternalError, 403 for Throttling*, else 400. */
  httpStatus?: number;
  /** How many requests fail; default 1. */
  times?: number;
  /** Before the action (refused) or after it (done, then the answer lost); default before. */
  when?: "before" | "after";
}

/** What `preset` IDs the mocks door asks for: the same name always gets the same ID there. */
export type IdFor = (prefix: string) => string | undefined;

// ---- CopySnapshot, ResetDisk, StopInstance, StartInstance (simulator/model/recovery.ts) ----

/** A snapshot copied from another region (CopySnapshot): where it came from. */
export interface SimCopy extends SimSnapshot {
  sourceSnapshotId: string;
  sourceRegionId: string;
}

/** A disk rolled back to one of its snapshots (ResetDisk). */
export interface SimReset {
  diskId: string;
  snapshotId: string;
  at: string;
}

/** The account's other regions, each with the snapshots copied there, and the rollbacks made. */
export interface RecoveryState {
  regions: Record<string, { snapshots: SimCopy[] }>;
  resets: SimReset[];
  /** Instances Stopping or Starting, by ID (model/instanceStates.ts). */
  instanceTransitions?: Record<string, InstanceTransition>;
}

/** An instance on its way to `to` (Stopped or Running), which it reaches at `endsAt`. */
export interface InstanceTransition {
  to: string;
  endsAt: string;
}

export interface CopySnapshotRequest {
  /** The source snapshot's region. */
  regionId: string;
  destinationRegionId: string;
  snapshotId: string;
  destinationSnapshotName?: string;
  destinationSnapshotDescription?: string;
  retentionDays?: number | null;
  encrypted?: boolean;
  kmsKeyId?: string;
  tags?: Record<string, string>;
}

export interface ResetDiskRequest {
  regionId: string;
  diskId: string;
  snapshotId: string;
}

/** DescribeSnapshots with the filters the API has and the provider's data source does not send. */
export interface DescribeRegionSnapshotsRequest extends DescribeSnapshotsRequest {
  regionId: string;
  diskId?: string;
  instanceId?: string;
  snapshotIds?: string[];
}

// ---- CreateSnapshotGroup, DescribeSnapshotGroups, DeleteSnapshotGroup (simulator/model/groups.ts) ----

/** A snapshot-consistent group (DescribeSnapshotGroups): its member snapshots are ordinary snapshots. */
export interface SimSnapshotGroup {
  id: string;
  name: string;
  description: string;
  instanceId: string;
  resourceGroupId: string;
  tags: Record<string, string>;
  createTime: string;
  /** The member snapshots, one per disk, in the disks' order. */
  snapshotIds: string[];
}

export interface CreateSnapshotGroupRequest {
  instanceId?: string;
  diskIds?: string[];
  excludeDiskIds?: string[];
  name?: string;
  description?: string;
  tags?: Record<string, string>;
  resourceGroupId?: string;
}

/** DescribeSnapshotGroups' filters: every given one must match. */
export interface DescribeSnapshotGroupsRequest {
  instanceId?: string;
  name?: string;
  snapshotGroupIds?: string[];
  /** Status.N: progressing, accomplished, failed. */
  statuses?: string[];
  tags?: Record<string, string>;
}
