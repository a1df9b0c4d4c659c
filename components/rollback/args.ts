/** The DiskRollback component's arguments and type token. */
import type * as pulumi from "@pulumi/pulumi";

export const DISK_ROLLBACK_TYPE = "essd-snapshots:index:DiskRollback";

/**
 * A rollback of one disk to one of its own snapshots (ECS ResetDisk), done once per request.
 */
export interface DiskRollbackArgs {
  /** The disk to roll back (its data since the snapshot is lost). */
  diskId: pulumi.Input<string>;
  /**
   * The snapshot to roll back to: taken of that same disk, in its region, usable (finished, or
   * instant access while it uploads). A copy made by CopySnapshot is refused, as ECS refuses it.
   */
  snapshotId: pulumi.Input<string>;
  /**
   * What names this rollback (a ticket, a date). The disk is reset when the rollback is first
   * deployed and again only when `diskId`, `snapshotId` or `request` change — never on a plain
   * re-run. Change it to roll back to the same snapshot once more. Default: the snapshot ID.
   */
  request?: pulumi.Input<string>;
  /**
   * Let the rollback stop a Running instance (StopInstance), reset the disk and start it again
   * (StartInstance); the instance is down meanwhile. Default false: a Running instance is
   * refused in the preview, as ResetDisk needs it Stopped.
   */
  stopInstance?: pulumi.Input<boolean>;
  /**
   * Take a snapshot of the disk first (an `EssdLocalSnapshot`, checked in the preview like any
   * other), so that the rollback can itself be undone; its ID is `safetySnapshotId`. A plain
   * value, default true. Costs one snapshot's storage for `safetySnapshotRetentionDays`.
   */
  safetySnapshot?: boolean;
  /** Days the safety snapshot is kept (1 to 65536); default 30. */
  safetySnapshotRetentionDays?: pulumi.Input<number>;
}
