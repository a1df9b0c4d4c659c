/** The arguments of {@link EssdLocalSnapshot} and of its restores, the facts it reports, its type token. */
import type * as pulumi from "@pulumi/pulumi";
import type { EcsDisk } from "@pulumi/alicloud/ecs";

import type { SnapshotCopyArgs } from "../copy/args";
import type { Timeouts } from "../rules/timeouts";

/** What to do with a disk that ECS would refuse. */
export type EligibilityMode = "enforce" | "warn";

/** When creation counts as done: `available` (usable in seconds) or `accomplished` (upload finished). */
export type WaitUntil = "available" | "accomplished";

export interface EssdLocalSnapshotArgs {
  /**
   * The ID of the disk to snapshot: an existing disk (`d-…`), or the `id` of a disk made in
   * this program. Set exactly one of `diskId` and `disk`.
   */
  diskId?: pulumi.Input<string>;
  /**
   * A disk declared in this program. Its declared category (and encryption, where known) is
   * checked during the preview, before the disk exists; its status once it does. Set exactly
   * one of `diskId` and `disk`.
   */
  disk?: EcsDisk;
  /**
   * How many days ECS keeps the snapshot: a whole number from 1 to 65536. The snapshot is
   * released, and stops being billed, when they have passed. Changing it later updates the
   * snapshot in place, once its upload has finished.
   */
  retentionDays: pulumi.Input<number>;
  /**
   * The snapshot's name in ECS: 2 to 128 characters, starting with a letter; letters, digits,
   * `.`, `:`, `_`, `-`; not starting with `auto`, `http://` or `https://`.
   * Default: derived from the component's name, so it is valid and the same on every run.
   */
  snapshotName?: pulumi.Input<string>;
  /** 2 to 256 characters, not starting with `http://` or `https://`. Default: none. */
  description?: pulumi.Input<string>;
  /**
   * Tags on the snapshot: at most 20; keys of 1 to 128 characters that do not start with
   * `aliyun` or `acs:`; values of at most 128 characters; no `http://` or `https://` in either.
   */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** The resource group of the snapshot. Default: the account's default resource group. */
  resourceGroupId?: pulumi.Input<string>;
  /**
   * `"flash"` takes a legacy local snapshot (CreateSnapshot `Category=flash`): `cloud_essd`
   * disks only, unencrypted only, and only for accounts that used local snapshots before
   * 2020-12-14. Default: no category sent, which gives an instant-access snapshot, usable in
   * seconds, on every ESSD-series disk and free of charge.
   */
  category?: "flash";
  /**
   * `"enforce"` (default): a disk that ECS would refuse makes `snapshotId` reject with an
   * error that lists every rule it fails, and no snapshot is created. `"warn"`: the same text
   * is logged as a warning and the snapshot is attempted anyway. A disk that is not found is
   * an error in both modes.
   */
  eligibility?: EligibilityMode;
  /**
   * `"available"` (default): creation is done as soon as ECS reports the snapshot usable,
   * seconds for an ESSD, while its upload finishes in the background. `"accomplished"`: wait
   * until the upload has finished (minutes to hours for large disks).
   */
  waitUntil?: WaitUntil;
  /**
   * Rotation: any string the caller chooses (a release, a date), never the clock. Changing it
   * replaces the snapshot with a new one, and the disks and images restored from it with it,
   * in one reviewable preview. It is written to the snapshot's tag
   * `essd-snapshots:generation` and, when `snapshotName` is not set, to its name.
   */
  generation?: pulumi.Input<string>;
  /**
   * `false` (default): a snapshot removed from the program, replaced by a rotation or hit by
   * `pulumi destroy` stays in the cloud until its retention period ends (`retainOnDelete`),
   * so no data is lost by a deletion in the program. `true`: Pulumi deletes it, with `force`,
   * so that a snapshot that disks were made from can be deleted too.
   */
  deleteOnDestroy?: boolean;
  /**
   * How long Pulumi waits for the snapshot's create, update and delete (`"90m"`, `"2h"`).
   * Default: create 10 minutes, or with `waitUntil: "accomplished"` 10 minutes plus one per
   * GiB of the disk; update the same as an accomplished create, because the provider waits
   * for the upload to finish before it changes the retention (for a snapshot still uploading, at
   * least 10 minutes plus ECS's `RemainTime` × 1.5; a shorter `update` given is refused in the
   * preview); delete the provider's.
   */
  customTimeouts?: Timeouts;
  /**
   * Copies of the snapshot in other regions of the account (CopySnapshot), one resource each:
   * `{ regionId, retentionDays?, tags?, kmsKeyId? }`, one per region, never the snapshot's own.
   * Retention and tags default to the snapshot's; an encrypted snapshot needs `kmsKeyId`, a key
   * of the target region. ECS copies only a snapshot whose upload has finished, so copies make
   * `waitUntil` default to `"accomplished"` (`"available"` is refused). A copy is kept on delete
   * like the snapshot (`deleteOnDestroy` deletes it); a new `generation` makes new copies and
   * keeps the old ones until their retention ends.
   */
  copies?: SnapshotCopyArgs[];
}

/** A disk restored from the snapshot with {@link EssdLocalSnapshot.createDisk}. */
export interface RestoreDiskArgs {
  /**
   * `false`: the disk stays in the cloud when it is removed from the program, replaced by a
   * rotation or hit by `pulumi destroy` (`retainOnDelete`); its attachment is deleted, so it is
   * detached. `true`: Pulumi deletes it then. Default: the snapshot's `deleteOnDestroy` (kept).
   */
  deleteOnDestroy?: boolean;
  /** GiB, at least the source disk's size. Default: the source disk's size. */
  size?: pulumi.Input<number>;
  /** Default: the source disk's zone. */
  zoneId?: pulumi.Input<string>;
  /**
   * `cloud_essd`, `cloud_auto` or `cloud_essd_entry`: ESSD series, which `ecs.EcsDisk` of
   * @pulumi/alicloud 3.108 accepts (not `cloud_regional_disk_auto`). Default: `cloud_essd`.
   */
  category?: pulumi.Input<string>;
  /** `PL0`..`PL3` for `cloud_essd`. Default: the provider's (PL1). */
  performanceLevel?: pulumi.Input<string>;
  /** Default: encrypted when the source disk is. An unencrypted disk from an encrypted source is refused. */
  encrypted?: pulumi.Input<boolean>;
  /** The KMS key of an encrypted disk. */
  kmsKeyId?: pulumi.Input<string>;
  /** Default: derived from the resource name, valid and stable. */
  diskName?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Default: the snapshot's tags. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Attach the new disk to this instance (an `ecs.EcsDiskAttachment` child), in the disk's zone. */
  instanceId?: pulumi.Input<string>;
}

/** A custom image made from a system-disk snapshot with {@link EssdLocalSnapshot.createImage}. */
export interface RestoreImageArgs {
  /**
   * `false`: the image stays in the cloud when it is removed from the program, replaced by a
   * rotation or hit by `pulumi destroy` (`retainOnDelete`). `true`: Pulumi deletes it then.
   * Default: the snapshot's `deleteOnDestroy` (kept). An image kept from a snapshot that is
   * deleted is refused: ECS does not delete a snapshot an image was made from.
   */
  deleteOnDestroy?: boolean;
  /**
   * Unique in the region. Default: derived from the resource name, the generation, the platform
   * and the architecture (each replaces the image), so a new image never collides with the old
   * one while both exist. A name of your own: change it with any of those, unless the image has
   * `deleteOnDestroy` (then the old image is deleted before the new one is made).
   */
  imageName?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** `x86_64` or `arm64`. Default: the provider's. */
  architecture?: pulumi.Input<string>;
  /**
   * The operating system distribution: one of the values `ecs.Image` accepts (`IMAGE_PLATFORMS`:
   * `Aliyun`, `Ubuntu`, `CentOS Stream`, `Windows Server 2022`, …), spelled exactly so. Changing
   * it replaces the image. Default: the provider's.
   */
  platform?: pulumi.Input<string>;
  /** Default: the snapshot's tags. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  resourceGroupId?: pulumi.Input<string>;
}

/** The facts about the source disk, as ECS reported them when the snapshot was planned. */
export interface SourceDisk {
  id: string;
  /** API spelling, for example `cloud_essd`. */
  category: string;
  sizeGiB: number;
  zoneId: string;
  diskType: "system" | "data";
  encrypted: boolean;
  /** The instance it is attached to; empty when it is not attached. */
  instanceId: string;
}

/** The type token of {@link EssdLocalSnapshot}. */
export const ESSD_LOCAL_SNAPSHOT_TYPE = "essd-snapshots:index:EssdLocalSnapshot";

/**
 * Whether a deletion in the program (a removal, a rotation, `pulumi destroy`) deletes the
 * resource in the cloud: its own `deleteOnDestroy` when set, else `otherwise`.
 */
export function deletedOnDelete(deleteOnDestroy: boolean | undefined, otherwise: boolean): boolean {
  return deleteOnDestroy ?? otherwise;
}
