/** The arguments of {@link EssdSnapshotGroup}, what it reports of each member, and its type token. */
import type * as pulumi from "@pulumi/pulumi";

import type { Timeouts } from "../rules/timeouts";
import type { RestoreDiskArgs } from "../snapshot/args";

export interface EssdSnapshotGroupArgs {
  /** The instance whose disks are snapshotted at one instant (`i-…`). */
  instanceId: pulumi.Input<string>;
  /**
   * Only these disks of the instance (at most 16 IDs: the provider's limit). Default: every disk
   * of the instance. Set at most one of `diskIds` and `excludeDiskIds`.
   */
  diskIds?: string[];
  /** Every disk of the instance but these (at most 16 IDs), for example a multi-attach or encrypted disk. */
  excludeDiskIds?: string[];
  /**
   * How many days the component keeps each group it made, 1 to 65536. ECS has no retention for
   * groups (they are kept until deleted): the first `pulumi up` after a rotated group's
   * retention has passed deletes it, and the preview before says so. Only groups this component
   * made (its `essd-snapshots:group` tag) are ever deleted.
   */
  retentionDays: number;
  /** The group's name in ECS (2 to 128 characters, a letter first). Default: derived from the component's name and generation. */
  groupName?: string;
  /** 2 to 256 characters, not starting with `http://` or `https://`. */
  description?: string;
  /** Tags of the group: at most 18 of your own (the component adds its two). */
  tags?: Record<string, string>;
  /** Rotation: changing it makes a new group; the old one is kept until its retention ends. */
  generation?: string;
  /**
   * `false` (default): a group removed from the program, rotated or hit by `pulumi destroy` stays
   * until its retention ends (deleted by a later `up` of this component). `true`: Pulumi deletes it.
   */
  deleteOnDestroy?: boolean;
  /**
   * How long Pulumi waits (`"90m"`). Default create: 10 minutes plus one per GiB of the group's
   * disks, since the provider waits for every member's upload (Status accomplished).
   */
  customTimeouts?: Timeouts;
  /**
   * Disks to restore from the group's member snapshots, declared with it: each entry names the
   * member by its disk (`diskId`). The same as calling `createDisk(diskId, name, args)` for each
   * (in TypeScript both ways work), and the way other languages restore. Their IDs are
   * `restoredDiskIds`, in this order.
   */
  restore?: GroupRestoreArgs;
}

/** What {@link EssdSnapshotGroupArgs.restore} declares: disks made from the group's member snapshots. */
export interface GroupRestoreArgs {
  /** Disks made from member snapshots, as `createDisk(diskId, name, args)` makes them. */
  disks?: NamedGroupRestoreDiskArgs[];
}

/** A disk of {@link GroupRestoreArgs.disks}: its name, the member it is made from, and its arguments. */
export interface NamedGroupRestoreDiskArgs extends RestoreDiskArgs {
  /** The disk's resource name is `<component>-<name>`, unique among the component's restores. */
  name: string;
  /** The disk of the group whose member snapshot the new disk is made from (`d-…`). */
  diskId: string;
}

/** One member snapshot of the group: its disk, its ID and whether it is usable. */
export interface GroupMember {
  /** The disk of the instance this member snapshot was taken of. */
  diskId: string;
  /** The member snapshot's ID (`s-…`). */
  snapshotId: string;
  /** True when ECS reports the member snapshot usable (instant access, or its upload finished). */
  available: boolean;
}

/** The type token of {@link EssdSnapshotGroup}. */
export const ESSD_SNAPSHOT_GROUP_TYPE = "essd-snapshots:index:EssdSnapshotGroup";
