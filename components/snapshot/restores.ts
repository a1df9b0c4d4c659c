/** Disks and custom images restored from the snapshot: checked, registered, and recorded for the summary. */
import * as pulumi from "@pulumi/pulumi";
import { EcsDisk, EcsDiskAttachment, Image, type EcsSnapshotArgs } from "@pulumi/alicloud/ecs";

import { UserFacingError } from "../internal/errors";
import { childName } from "../internal/names";
import { knownOrUndefined, isEventual } from "../internal/outputs";
import { RESTORE_DISK_ARGUMENTS, RESTORE_IMAGE_ARGUMENTS } from "../rules/arguments";
import { deriveDiskName, deriveImageName, imageNameSuffix } from "../rules/naming";
import { checkRestoreDisk, checkRestoreImage, describeFixedImageName, describeRestoreRefusal } from "../rules/restore";
import { deletedOnDelete, type RestoreArgs, type RestoreDiskArgs, type RestoreImageArgs } from "./args";
import { adoptAttachment, adoptImage, adoptRestoredDisk, withAdoption } from "./adopt";
import type { SourceForRestores } from "./source";
import { checkedRestoreArgs, describeName } from "./validate";

/** What a restore needs to know of the snapshot it is made from. */
export interface Origin {
  /** The EssdLocalSnapshot: the parent of what is restored, and what errors are bound to. */
  component: pulumi.ComponentResource;
  /** The component's name; restores are named `<name>-<restore>`. */
  name: string;
  snapshotId: pulumi.Output<string>;
  /** Whether a deletion in the program deletes the snapshot: its restores then are too, unless they say otherwise. */
  deletedOnDelete: boolean;
  generation: pulumi.Input<string> | undefined;
  tags: EcsSnapshotArgs["tags"];
  /** What restores read of the source disk; built on first use, once the arguments are checked. */
  source: () => SourceForRestores;
}

/** One disk or image made from the snapshot, as the summary names it. */
export interface Restore {
  kind: "disk" | "image";
  name: pulumi.Input<string>;
  /** Deleted in the cloud when deleted in the program (`deleteOnDestroy`). */
  deletedOnDelete: boolean;
}

/** A disk made from the snapshot; see {@link EssdLocalSnapshot.createDisk}. */
export function createDisk(
  origin: Origin,
  name: string,
  given: RestoreDiskArgs,
  opts: pulumi.CustomResourceOptions,
): { disk: EcsDisk; restore: Restore } {
  const { component } = origin;
  const resourceName = childName(origin.name, describeName(name));
  const { args, eventual } = checkedRestoreArgs(component, resourceName, name, given, RESTORE_DISK_ARGUMENTS);
  const source = origin.source();
  const category = args.category ?? "cloud_essd";
  const checked = pulumi
    .all([source.facts, knownOrUndefined(args.size), knownOrUndefined(category), knownOrUndefined(args.encrypted)])
    .apply(([source, sizeGiB, cat, encrypted]) => {
      const problems = checkRestoreDisk({ sizeGiB, category: cat, encrypted }, source);
      if (problems.length > 0) {
        throw new UserFacingError(describeRestoreRefusal("disk", resourceName, origin.name, problems), component);
      }
      return true;
    });
  const deleted = deletedOnDelete(args.deleteOnDestroy, origin.deletedOnDelete);
  const disk = new EcsDisk(
    resourceName,
    {
      snapshotId: afterChecks(origin.snapshotId, checked, eventual),
      size: args.size ?? source.sizeGiB,
      zoneId: args.zoneId ?? source.zoneId,
      category,
      performanceLevel: args.performanceLevel,
      encrypted: args.encrypted ?? source.encrypted,
      kmsKeyId: args.kmsKeyId,
      diskName: args.diskName ?? deriveDiskName(resourceName),
      description: args.description,
      tags: args.tags ?? origin.tags,
    },
    // Defaults are the source's facts when the disk is made: a source that grows or is released
    // later neither resizes nor replaces it.
    withAdoption(
      restoreOptions(
        origin,
        opts,
        ["snapshotId", ...(["size", "zoneId", "encrypted"] as const).filter((k) => args[k] === undefined)],
        deleted,
      ),
      adoptRestoredDisk(component),
    ),
  );
  if (args.zoneId === undefined) {
    source.zoneId.apply((zone) => {
      if (zone === undefined)
        void pulumi.log.warn(
          `The source disk of "${origin.name}" is gone, so the zone of the restored disk "${resourceName}" is not known: a disk already restored keeps its zone, but a new one needs zoneId.`,
          disk,
        );
    });
  }
  if (args.instanceId !== undefined) {
    new EcsDiskAttachment(
      childName(resourceName, "attachment"),
      { diskId: disk.id, instanceId: args.instanceId },
      withAdoption({ parent: component }, adoptAttachment(component)),
    );
  }
  return { disk, restore: { kind: "disk", name: resourceName, deletedOnDelete: deleted } };
}

/** A custom image made from the snapshot of a system disk; see {@link EssdLocalSnapshot.createImage}. */
export function createImage(
  origin: Origin,
  name: string,
  given: RestoreImageArgs,
  opts: pulumi.CustomResourceOptions,
): { image: Image; restore: Restore } {
  const { component } = origin;
  const resourceName = childName(origin.name, describeName(name));
  const { args, eventual } = checkedRestoreArgs(component, resourceName, name, given, RESTORE_IMAGE_ARGUMENTS);
  if (origin.deletedOnDelete && args.deleteOnDestroy === false) {
    throw new Error(
      `The image "${resourceName}" has deleteOnDestroy false, but snapshot "${origin.name}" has deleteOnDestroy true: ECS refuses to delete a snapshot that an image was made from (SnapshotCreatedImage), so a destroy would fail. Leave deleteOnDestroy out on the image, or keep the snapshot too.`,
    );
  }
  const checked = origin.source().facts.apply((source) => {
    const problems = checkRestoreImage(source);
    if (problems.length > 0) {
      throw new UserFacingError(describeRestoreRefusal("image", resourceName, origin.name, problems), component);
    }
    return true;
  });
  // Checked with the other arguments above (an output when it resolves). A derived name follows
  // what forces a new image, so a replacement never meets the name of the image it replaces.
  const imageName = args.imageName !== undefined ? args.imageName : derivedImageName(resourceName, origin, args);
  const deleted = deletedOnDelete(args.deleteOnDestroy, origin.deletedOnDelete);
  const image = new Image(
    resourceName,
    {
      diskDeviceMappings: [{ snapshotId: afterChecks(origin.snapshotId, checked, eventual) }],
      imageName,
      description: args.description,
      architecture: args.architecture,
      platform: args.platform,
      tags: args.tags ?? origin.tags,
      resourceGroupId: args.resourceGroupId,
    },
    withAdoption(
      imageOptions(
        restoreOptions(origin, opts, ["diskDeviceMappings"], deleted),
        args.imageName !== undefined,
        deleted,
      ),
      adoptImage(component),
    ),
  );
  if (args.imageName !== undefined && !deleted && origin.generation !== undefined) {
    // A name that carries the generation changes with it: only a fixed one meets the kept image.
    pulumi.all([knownOrUndefined(args.imageName), knownOrUndefined(origin.generation)]).apply(([n, g]) => {
      if (n !== undefined && g !== undefined && !n.includes(g))
        void pulumi.log.warn(describeFixedImageName(resourceName, origin.name), image);
    });
  }
  // The summary names the image as ECS will (known during a preview, unless an input is not).
  const shownName = isEventual(imageName)
    ? knownOrUndefined(imageName).apply((n) => n ?? resourceName)
    : (imageName as string);
  return { image, restore: { kind: "image", name: shownName, deletedOnDelete: deleted } };
}

/**
 * An image with a name of the caller's: a replacement (a rotation, or a new platform or
 * architecture) meets the name of the image it replaces, since image names are unique in a
 * region (InvalidImageName.Duplicated). One deleted on delete is deleted first.
 */
function imageOptions(
  options: pulumi.CustomResourceOptions,
  fixedName: boolean,
  deleted: boolean,
): pulumi.CustomResourceOptions {
  if (!fixedName || !deleted || options.deleteBeforeReplace !== undefined) return options;
  return { ...options, deleteBeforeReplace: true };
}

/** The image's name from its resource name, the generation, the platform and the architecture. */
function derivedImageName(resourceName: string, origin: Origin, args: RestoreImageArgs): pulumi.Input<string> {
  const { generation } = origin;
  const { platform, architecture } = args;
  if (![generation, platform, architecture].some(isEventual))
    return deriveImageName(
      resourceName,
      imageNameSuffix(generation as string, platform as string, architecture as string),
    );
  return pulumi
    .all([generation, platform, architecture])
    .apply(([g, p, a]) => deriveImageName(resourceName, imageNameSuffix(g, p, a)));
}

/**
 * The options of a disk or image restored from the snapshot. A snapshot re-created under the
 * same generation (ECS released it when its retention ended, and `up --refresh` made a new one)
 * has a new ID: the input that carries it is ignored, so what was restored stays. A rotation (a
 * new generation) replaces it (`replacementTrigger`), and the old one is kept in the cloud
 * (`retainOnDelete`) unless it is deleted on delete.
 */
function restoreOptions(
  origin: Origin,
  opts: pulumi.CustomResourceOptions,
  ignored: string[],
  deleted: boolean,
): pulumi.CustomResourceOptions {
  return {
    ...opts,
    parent: origin.component,
    retainOnDelete: opts.retainOnDelete ?? !deleted,
    ignoreChanges: [...(opts.ignoreChanges ?? []), ...ignored],
    replacementTrigger: (opts.replacementTrigger as unknown) ?? origin.generation,
  };
}

/** The snapshot's ID once the restore's checks (the source's, the eventual arguments') have passed. */
function afterChecks(
  snapshotId: pulumi.Output<string>,
  checked: pulumi.Output<boolean>,
  eventual: pulumi.Output<unknown>[],
): pulumi.Output<string> {
  return pulumi.all([snapshotId, checked, ...eventual]).apply(([id]) => id as string);
}

/** The restores of the `restore` argument (already checked by validateRestoreDeclaration): names and arguments. */
export function declaredRestoreLists(restore: RestoreArgs | undefined): {
  disks: { name: string; args: RestoreDiskArgs }[];
  images: { name: string; args: RestoreImageArgs }[];
} {
  const split = <A extends { name: string }>(items: A[] | undefined) =>
    (items ?? []).map(({ name, ...args }) => ({ name, args }));
  return { disks: split(restore?.disks), images: split(restore?.images) };
}
