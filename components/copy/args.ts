/** A copy of the snapshot in another region: what the caller gives, and what the copy resource holds. */
import type * as pulumi from "@pulumi/pulumi";

/** One entry of `EssdLocalSnapshotArgs.copies`. */
export interface SnapshotCopyArgs {
  /** The region to copy to, such as `cn-shanghai`: another region than the snapshot's. */
  regionId: pulumi.Input<string>;
  /** Days ECS keeps the copy, 1 to 65536. Default: the snapshot's `retentionDays`. */
  retentionDays?: pulumi.Input<number>;
  /** Tags on the copy. Default: the snapshot's tags. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * A KMS key of the target region: the copy is encrypted with it. Required when the snapshot is
   * encrypted (ECS keeps an encrypted snapshot's copy encrypted, and a key serves one region).
   */
  kmsKeyId?: pulumi.Input<string>;
}

/** The inputs of the copy resource, as its provider reads them (plain values at run time). */
export interface SnapshotCopyInputs {
  sourceSnapshotId: string;
  sourceRegionId: string;
  regionId: string;
  retentionDays: number;
  tags: Record<string, string>;
  kmsKeyId: string;
  snapshotName: string;
  description: string;
}

/** What the copy resource reports once made (DescribeSnapshots in the target region). */
export interface SnapshotCopyOutputs {
  /** The copy's ID, in the target region. */
  snapshotId: string;
  /** `progressing` while ECS copies the data, then `accomplished`. */
  status: string;
  /** Usable (a disk can be made from it): true once accomplished. */
  available: boolean;
  encrypted: boolean;
  creationTime: string;
}
