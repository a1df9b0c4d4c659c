import * as pulumi from "@pulumi/pulumi";
import { EcsDisk, EcsDiskAttachment, EcsSnapshot, Image, type EcsSnapshotArgs } from "@pulumi/alicloud/ecs";

import { lookupDisk, lookupSnapshots, type DiskLookup } from "./lookups";
import { UserFacingError } from "./internal/errors";
import { knownOrUndefined, isEventual, rejects, settle } from "./internal/outputs";
import {
  checkCategory,
  checkEligibility,
  checkEncryption,
  describeRefusal,
  diskNotFound,
  type EligibilityReport,
  type SnapshotKind,
  type Violation,
} from "./rules/eligibility";
import {
  RESTORE_DISK_ARGUMENTS,
  RESTORE_IMAGE_ARGUMENTS,
  SNAPSHOT_ARGUMENTS,
  checkArgument,
  isUnset,
  type ArgumentRule,
} from "./rules/arguments";
import {
  GENERATION_TAG,
  describeInvalidInputs,
  isPlainMap,
  tagInput,
  validateArgumentMap,
  validateDiskResource,
  validateDiskSource,
  validateResourceName,
  validateRoomForGenerationTag,
  validateTagValue,
} from "./rules/inputs";
import { deriveDiskName, deriveImageName, deriveSnapshotName } from "./rules/naming";
import { checkRestoreDisk, checkRestoreImage, describeRestoreRefusal, type RestoreSource } from "./rules/restore";
import { describeValue, hideValue } from "./rules/values";
import { summarize, type SnapshotSummary } from "./rules/summary";
import {
  checkCreating,
  checkQuota,
  checkRetentionChange,
  describeKeptSnapshot,
  describeNewSnapshot,
  findExisting,
  type CloudSnapshot,
} from "./rules/existing";
import { snapshotTimeouts, type Timeouts } from "./rules/timeouts";

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
   * 2 GiB of the disk; update the same as an accomplished create, because the provider waits
   * for the upload to finish before it changes the retention; delete the provider's.
   */
  customTimeouts?: Timeouts;
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
  /** ESSD series only (API spelling, `cloud_essd`). Default: `cloud_essd`. */
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
   * Unique in the region. Default: derived from the resource name and the generation, so a
   * rotation's new image never collides with the old one while both exist.
   */
  imageName?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** `x86_64` or `arm64`. Default: the provider's. */
  architecture?: pulumi.Input<string>;
  /** The operating system distribution, for example `Aliyun`. Default: the provider's. */
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

/** The rules plan() applies to outputs when they resolve; diskId's output is checked by assess(), before the lookup. */
const { diskId: _checkedBeforeLookup, ...LATER_SNAPSHOT_ARGUMENTS } = SNAPSHOT_ARGUMENTS;

/** The type token of {@link EssdLocalSnapshot}. */
export const ESSD_LOCAL_SNAPSHOT_TYPE = "essd-snapshots:index:EssdLocalSnapshot";

/**
 * A fast snapshot of an ESSD-series disk: instant access by default, or a legacy local
 * snapshot with `category: "flash"`. Every rule CreateSnapshot applies to the disk is checked
 * before the snapshot can be created, during the preview whenever the disk's facts are known,
 * and all of a program's disks are looked up with one getEcsDisks call per provider.
 */
export class EssdLocalSnapshot extends pulumi.ComponentResource {
  /** The child `ecs.EcsSnapshot`. Its `diskId` waits for the eligibility check. */
  public readonly snapshot: EcsSnapshot;
  /** The snapshot's ID. Rejects, with every rule the disk fails, when the disk is refused. */
  public readonly snapshotId: pulumi.Output<string>;
  /** True unless `deleteOnDestroy`: a deletion in the program leaves the snapshot in the cloud until it expires. */
  public readonly keptOnDelete: boolean;

  // Kept small: a fleet holds thousands of these, and every byte kept is marked by each full GC.
  private readonly componentName: string;
  private readonly args: EssdLocalSnapshotArgs;
  private readonly tags: EcsSnapshotArgs["tags"];
  private readonly generation: pulumi.Input<string> | undefined;
  /** The disk ID once the check has passed. */
  private readonly checkedDiskId: pulumi.Output<string>;
  /** What the check found, set before checkedDiskId resolves. */
  private verdict: Verdict | undefined;
  /** Names of the disks and images made from the snapshot, once there is one. */
  private restores: { disks: string[]; images: pulumi.Input<string>[]; deleted?: pulumi.Input<string>[] } | undefined;
  // Made on first use: a program of thousands of snapshots pays only for what it reads.
  private lazySource: SourceForRestores | undefined;
  private lazySourceDisk: pulumi.Output<SourceDisk> | undefined;
  private lazyEligibility: pulumi.Output<EligibilityReport> | undefined;
  private lazySummary: pulumi.Output<SnapshotSummary> | undefined;

  constructor(name: string, args: EssdLocalSnapshotArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Argument mistakes are reported together, before anything is registered.
    const problems = [...validateResourceName(name), ...validatePlainArgs(args)];
    if (problems.length > 0) throw new Error(describeInvalidInputs(describeName(name), problems));
    super(ESSD_LOCAL_SNAPSHOT_TYPE, name, {}, opts);
    args = withoutUnset(args);

    // Kept short on purpose: the SDK captures a stack trace, with this frame in it, for each of
    // the child's ~70 internal promises, and V8 locates a frame by scanning its function's code
    // up to the call. The planning happens in plan(), which is not on the stack by then.
    const plan = this.plan(name, args, opts.dependsOn);
    this.snapshot = new EcsSnapshot(`${name}-snapshot`, plan.inputs, plan.options);
    this.componentName = name;
    this.args = plan.args;
    this.keptOnDelete = plan.keptOnDelete;
    this.generation = plan.generation;
    this.tags = plan.inputs.tags;
    this.checkedDiskId = plan.checkedDiskId;
    // A refused disk or input rejects this output even though the child's ID never resolves.
    this.snapshotId = plan.gate.apply(() => this.snapshot.id);
    this.registerOutputs({ snapshotId: this.snapshotId, keptOnDelete: this.keptOnDelete });
  }

  /** The source disk's facts as looked up (unknown during a preview of a disk not yet created). */
  public get sourceDisk(): pulumi.Output<SourceDisk> {
    return (this.lazySourceDisk ??= this.checkedDiskId.apply(() => (this.verdict as Verdict).sourceDisk));
  }

  /** Every rule the disk fails and every warning, as checked (empty lists when eligible). */
  public get eligibility(): pulumi.Output<EligibilityReport> {
    return (this.lazyEligibility ??= this.checkedDiskId.apply(() => {
      const { violations, warnings } = this.verdict as Verdict;
      return { violations: [...(violations ?? [])], warnings: [...(warnings ?? [])] };
    }));
  }

  /**
   * What a reviewer checks in the preview: disk, kind, retention and expiry, tags, whether it
   * is kept on delete, generation, restored disks and images, and one sentence saying it all.
   * Restores made in the same turn of the program as the first read of it are included.
   */
  public get summary(): pulumi.Output<SnapshotSummary> {
    return (this.lazySummary ??= this.summarize());
  }

  /**
   * A disk made from the snapshot: the source disk's size and zone, category `cloud_essd`,
   * and the snapshot's tags unless given. Refused during the preview, with nothing
   * registered, when it is smaller than the source disk, not ESSD-series, or unencrypted
   * from an encrypted source; nothing is registered either when the snapshot is refused.
   * The disk is named `<component>-<name>`; `instanceId` attaches it.
   */
  public createDisk(name: string, args: RestoreDiskArgs = {}, opts: pulumi.CustomResourceOptions = {}): EcsDisk {
    const resourceName = `${this.componentName}-${describeName(name)}`;
    const pending: pulumi.Output<unknown>[] = [];
    args = this.restoreArgs(resourceName, name, args, RESTORE_DISK_ARGUMENTS, pending);
    const source = this.source;
    const category = args.category ?? "cloud_essd";
    const checked = pulumi
      .all([source.facts, knownOrUndefined(args.size), knownOrUndefined(category), knownOrUndefined(args.encrypted)])
      .apply(([source, sizeGiB, cat, encrypted]) => {
        const problems = checkRestoreDisk({ sizeGiB, category: cat, encrypted }, source);
        if (problems.length > 0) {
          throw new UserFacingError(describeRestoreRefusal("disk", resourceName, this.componentName, problems), this);
        }
        return true;
      });
    const disk = new EcsDisk(
      resourceName,
      {
        snapshotId: afterChecks(this.snapshotId, checked, pending),
        size: args.size ?? source.sizeGiB,
        zoneId: args.zoneId ?? source.zoneId,
        category,
        performanceLevel: args.performanceLevel,
        encrypted: args.encrypted ?? source.encrypted,
        kmsKeyId: args.kmsKeyId,
        diskName: args.diskName ?? deriveDiskName(resourceName),
        description: args.description,
        tags: args.tags ?? this.tags,
      },
      // Defaults are the source's facts when the disk is made: a source that grows or is released
      // later neither resizes nor replaces it.
      this.restoreOptions(
        opts,
        ["snapshotId", ...(["size", "zoneId", "encrypted"] as const).filter((k) => args[k] === undefined)],
        this.deletesRestore(args.deleteOnDestroy),
      ),
    );
    if (args.zoneId === undefined) {
      source.zoneId.apply((zone) => {
        if (zone === undefined)
          void pulumi.log.warn(
            `The source disk of "${this.componentName}" is gone, so the zone of the restored disk "${resourceName}" is not known: a disk already restored keeps its zone, but a new one needs zoneId.`,
            disk,
          );
      });
    }
    if (args.instanceId !== undefined) {
      new EcsDiskAttachment(
        `${resourceName}-attachment`,
        { diskId: disk.id, instanceId: args.instanceId },
        { parent: this },
      );
    }
    const restores = (this.restores ??= { disks: [], images: [] });
    restores.disks.push(resourceName);
    if (this.deletesRestore(args.deleteOnDestroy)) (restores.deleted ??= []).push(resourceName);
    return disk;
  }

  /**
   * A custom image made from the snapshot of a system disk. Refused during the preview, with
   * nothing registered, when the source is a data disk or is encrypted. The snapshot goes in
   * `diskDeviceMappings`, which forces a replacement when it changes (a top-level `snapshotId`
   * change is a silent no-op in the provider). The image is named `<component>-<name>`.
   */
  public createImage(name: string, args: RestoreImageArgs = {}, opts: pulumi.CustomResourceOptions = {}): Image {
    const resourceName = `${this.componentName}-${describeName(name)}`;
    const pending: pulumi.Output<unknown>[] = [];
    args = this.restoreArgs(resourceName, name, args, RESTORE_IMAGE_ARGUMENTS, pending);
    if (!this.keptOnDelete && args.deleteOnDestroy === false) {
      throw new Error(
        `The image "${resourceName}" has deleteOnDestroy false, but snapshot "${this.componentName}" has deleteOnDestroy true: ECS refuses to delete a snapshot that an image was made from (SnapshotCreatedImage), so a destroy would fail. Leave deleteOnDestroy out on the image, or keep the snapshot too.`,
      );
    }
    const checked = this.source.facts.apply((source) => {
      const problems = checkRestoreImage(source);
      if (problems.length > 0) {
        throw new UserFacingError(describeRestoreRefusal("image", resourceName, this.componentName, problems), this);
      }
      return true;
    });
    // Checked with the other arguments above (an output when it resolves).
    const imageName =
      args.imageName !== undefined ? args.imageName : derived(this.generation, (g) => deriveImageName(resourceName, g));
    const image = new Image(
      resourceName,
      {
        diskDeviceMappings: [{ snapshotId: afterChecks(this.snapshotId, checked, pending) }],
        imageName,
        description: args.description,
        architecture: args.architecture,
        platform: args.platform,
        tags: args.tags ?? this.tags,
        resourceGroupId: args.resourceGroupId,
      },
      this.restoreOptions(opts, ["diskDeviceMappings"], this.deletesRestore(args.deleteOnDestroy)),
    );
    // The summary names the image as ECS will (known during a preview, unless an input is not).
    const shownName = isEventual(imageName)
      ? knownOrUndefined(imageName).apply((n) => n ?? resourceName)
      : (imageName as string);
    const restores = (this.restores ??= { disks: [], images: [] });
    restores.images.push(shownName);
    if (this.deletesRestore(args.deleteOnDestroy)) (restores.deleted ??= []).push(shownName);
    return image;
  }

  /**
   * A restore's arguments, checked: plain mistakes throw one Error before anything is
   * registered; outputs are replaced by outputs that reject, naming the argument, when what
   * they resolve to is refused (so the restored resource is never registered).
   */
  private restoreArgs<A extends object>(
    resourceName: string,
    name: unknown,
    args: A | null | undefined,
    rules: Record<string, ArgumentRule>,
    pending: pulumi.Output<unknown>[],
  ): A {
    const given = (args ?? {}) as Record<string, unknown>;
    const problems = validateResourceName(name);
    if (!isPlainMap(given)) problems.push(...validateArgumentMap(given));
    else problems.push(...plainProblems(given, rules));
    if (problems.length > 0) throw new Error(describeInvalidInputs(resourceName, problems));
    return this.withEventualChecks(resourceName, withoutUnset(given), rules, pending) as A;
  }

  /** `args` with each output replaced by one checked by its rule when it resolves (pushed to `pending`). */
  private withEventualChecks(
    name: string,
    args: Record<string, unknown>,
    rules: Record<string, ArgumentRule>,
    pending: pulumi.Output<unknown>[],
  ): Record<string, unknown> {
    let checked: Record<string, unknown> | undefined;
    for (const input of Object.keys(rules)) {
      const value = args[input];
      let replaced: unknown = value;
      // A map without a prototype is copied: the SDK's serialization calls toString on values.
      if (input === "tags" && isPlainMap(value) && Object.getPrototypeOf(value) === null) replaced = { ...value };
      if (isEventual(value))
        replaced = this.validated(name, value, (v, show) => checkArgument(rules[input], v, input, show));
      else if (input === "tags" && hasEventualValues(value))
        replaced = this.checkedTagValues(name, value as Record<string, unknown>, pending);
      if (replaced === value) continue;
      if (isEventual(value)) pending.push(replaced as pulumi.Output<unknown>);
      (checked ??= { ...args })[input] = replaced;
    }
    return checked ?? args;
  }

  /** A plain tag map whose values may be outputs: each output checked when it resolves. */
  private checkedTagValues(name: string, tags: Record<string, unknown>, pending: pulumi.Output<unknown>[]) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(tags)) {
      if (!isEventual(value)) out[key] = value;
      else {
        const input = tagInput("tags", key);
        pending.push((out[key] = this.validated(name, value, (v, show) => validateTagValue(v, input, show))));
      }
    }
    return out;
  }

  /** A restore is deleted on delete when it says so, else when the snapshot is (deleteOnDestroy). */
  private deletesRestore(deleteOnDestroy: boolean | undefined): boolean {
    return deleteOnDestroy ?? !this.keptOnDelete;
  }

  /**
   * The options of a disk or image restored from the snapshot. A snapshot re-created under the
   * same generation (ECS released it when its retention ended, and `up --refresh` made a new one)
   * has a new ID: the input that carries it is ignored, so what was restored stays. A rotation (a
   * new generation) replaces it (`replacementTrigger`), and the old one is kept in the cloud
   * (`retainOnDelete`) unless `deleteOnDestroy`.
   */
  private restoreOptions(
    opts: pulumi.CustomResourceOptions,
    ignored: string[],
    deleteOnDestroy: boolean,
  ): pulumi.CustomResourceOptions {
    return {
      ...opts,
      parent: this,
      retainOnDelete: opts.retainOnDelete ?? !deleteOnDestroy,
      ignoreChanges: [...(opts.ignoreChanges ?? []), ...ignored],
      replacementTrigger: (opts.replacementTrigger as unknown) ?? this.generation,
    };
  }

  /** What restores read of the source disk, built on first use. */
  private get source(): SourceForRestores {
    return (this.lazySource ??= this.args.disk
      ? declaredSource(this.args.disk)
      : lookedUpSource(this.sourceDisk, this.args.diskId as pulumi.Input<string>));
  }

  /**
   * The summary resolves once the program's current turn is over, so restores made right after
   * construction are in it, and once the check is over, so a refused snapshot says so.
   */
  private summarize(): pulumi.Output<SnapshotSummary> {
    const args = this.args;
    const restoresMade = new Promise<void>((resolve) => setImmediate(resolve));
    const label = args.disk
      ? declaredLabel(args.disk)
      : derived(args.diskId as pulumi.Input<string>, (id) => id, "(known after the disk exists)");
    // After the restores are made, what they are and whether the snapshot is refused.
    const later = pulumi.output(
      restoresMade.then(() => ({
        refused: rejects(this.snapshotId),
        disks: [...(this.restores?.disks ?? [])],
        images: [...(this.restores?.images ?? [])],
        deleted: [...(this.restores?.deleted ?? [])],
      })),
    );
    const make = (
      later: { refused: boolean; disks: string[]; images: string[]; deleted: string[] },
      disk: string,
      retentionDays?: number,
      tags?: Record<string, string>,
      generation?: string,
    ) =>
      summarize({
        snapshot: this.componentName,
        disk,
        flash: args.category === "flash",
        retentionDays: retentionDays ?? null,
        tags: { ...tags },
        keptOnDelete: this.keptOnDelete,
        generation: generation ?? null,
        restoredDisks: later.disks,
        restoredImages: later.images,
        restoresDeletedOnDelete: later.deleted,
        refused: later.refused,
      });
    const facts = [label, args.retentionDays, args.tags, args.generation];
    if (!facts.some((f) => isEventual(f) || hasEventualValues(f))) {
      const plain = args as { retentionDays: number; tags?: Record<string, string>; generation?: string };
      return later.apply((l) => make(l, label as string, plain.retentionDays, plain.tags, plain.generation));
    }
    return pulumi
      .all([
        later,
        knownOrUndefined(label),
        knownOrUndefined(args.retentionDays),
        knownOrUndefined(args.tags),
        knownOrUndefined(args.generation),
      ])
      .apply(([l, disk, retentionDays, tags, generation]) =>
        make(l, disk ?? "(known after the disk exists)", retentionDays, tags, generation),
      );
  }

  /** The child's inputs and options, the check it waits for, and what snapshotId waits for. */
  private plan(
    name: string,
    args: EssdLocalSnapshotArgs,
    dependsOn: pulumi.ComponentResourceOptions["dependsOn"],
  ): Plan {
    const kind: SnapshotKind = args.category === "flash" ? "flash" : "instant-access";
    const mode: EligibilityMode = args.eligibility ?? "enforce";
    const provider = this.getProvider("alicloud:ecs/getEcsDisks:getEcsDisks");
    const keptOnDelete = args.deleteOnDestroy !== true;

    // Plain inputs were validated before registration and stay plain (cheap); eventual ones are
    // validated when they resolve, and the snapshot's ID waits for them.
    const eventual: pulumi.Output<unknown>[] = [];
    const given = args as unknown as Record<string, unknown>;
    const checkedArgs = this.withEventualChecks(
      name,
      given,
      LATER_SNAPSHOT_ARGUMENTS,
      eventual,
    ) as unknown as EssdLocalSnapshotArgs;
    const generation = checkedArgs.generation;
    const userTags = checkedArgs.tags;
    const snapshotName =
      checkedArgs.snapshotName !== undefined
        ? checkedArgs.snapshotName
        : derived(generation, (g) => deriveSnapshotName(name, g));
    // Filled in from the disk's size when the lookup has answered: the SDK reads the options'
    // customTimeouts only when it sends the registration, after diskId (which waits for the
    // lookup) has resolved. tests/engine/existing.test.ts reads them back from the state.
    const waitUntil = args.waitUntil ?? "available";
    const customTimeouts = snapshotTimeouts(waitUntil, undefined, args.customTimeouts);
    const wanted = Promise.all([settle(snapshotName), settle(generation), settle(checkedArgs.retentionDays)]).then(
      ([n, g, r]) => ({ snapshotName: n, generation: generation === undefined ? null : g, retentionDays: r }),
    );
    const check: Check = { name, kind, mode, provider, wanted, customTimeouts, waitUntil, given: args.customTimeouts };

    // A promise when the disk ID is plain (the usual case, cheaper for the SDK to serialize than
    // an output), an output otherwise (it carries the disk's dependency and unknowns).
    const diskId = this.assess(check, args, dependsOn);
    const checkedDiskId = diskId instanceof Promise ? pulumi.output(diskId) : diskId;
    const inputs: EcsSnapshotArgs = {
      diskId,
      category: kind === "flash" ? "flash" : undefined,
      retentionDays: checkedArgs.retentionDays,
      snapshotName,
      description: checkedArgs.description,
      tags: withGenerationTag(userTags, generation),
      resourceGroupId: checkedArgs.resourceGroupId,
      waitUntil,
      force: keptOnDelete ? undefined : true,
    };
    const options: pulumi.CustomResourceOptions = {
      parent: this,
      retainOnDelete: keptOnDelete,
      // The provider updates tags in place; a new generation must be a new snapshot.
      replaceOnChanges: [`tags["${GENERATION_TAG}"]`],
      customTimeouts,
    };
    // An input still unknown during a preview is checked when it is known: until then it holds
    // nothing up, so the ID of an existing snapshot stays known whenever the engine knows it.
    const gate = eventual.length > 0 ? pulumi.all([checkedDiskId, ...eventual.map(knownOrUndefined)]) : checkedDiskId;
    return { inputs, options, keptOnDelete, generation, checkedDiskId, gate, args: checkedArgs };
  }

  /**
   * The eligibility check, in two steps: the declared facts of a disk made in this program
   * (known during the preview, no lookup), then the disk as ECS reports it once its ID is known,
   * with the manual snapshots of the region. A snapshot this component already has in the cloud
   * (same disk, name, kind and generation) is not made again: its disk's problems are warnings.
   */
  private assess(
    check: Check,
    args: EssdLocalSnapshotArgs,
    dependsOn: pulumi.ComponentResourceOptions["dependsOn"],
  ): pulumi.Output<string> | Promise<string> {
    const { name, kind, mode } = check;
    const declared: pulumi.Output<Violation[]> | undefined = args.disk
      ? pulumi
          .all([knownOrUndefined(args.disk.category), knownOrUndefined(args.disk.encrypted), args.disk.urn])
          .apply(([category, encrypted, urn]) => {
            const early = [...checkCategory(category, kind), ...checkEncryption(encrypted, kind)];
            if (early.length > 0)
              this.refuse(name, `"${urn.split("::").pop()}" (declared in this program)`, early, mode);
            return early;
          })
      : undefined;

    const lookUp = (id: string, early: Violation[]): Promise<string> => this.decide(check, id, early);
    // The usual case, an existing disk's plain ID: the lookup's promise, nothing more.
    if (!args.disk && !dependsOn && !isEventual(args.diskId)) return lookUp(args.diskId as string, []);

    const diskId = args.disk
      ? args.disk.id
      : // The source: an output of diskId that resolves to null is refused too.
        this.validated(name, args.diskId as pulumi.Input<string>, (v, show) =>
          SNAPSHOT_ARGUMENTS.diskId.check(v, "diskId", show),
        );
    // Resources in dependsOn (an attachment, say) change the disk's state: look it up after them.
    const readyId = dependsOn ? pulumi.all([diskId, dependencyIds(dependsOn)]).apply(([id]) => id) : diskId;

    if (!declared) return readyId.apply((id) => lookUp(id, []));
    return declared.apply((early) => readyId.apply((id) => lookUp(id, early)));
  }

  /**
   * What the lookups decide for the disk `id`: the ID when the snapshot may stay or be made, a
   * refusal otherwise. Sets the verdict and the timeouts before it returns.
   */
  private async decide(check: Check, id: string, early: Violation[]): Promise<string> {
    const { name, kind, mode, provider } = check;
    const [lookup, index] = await Promise.all([lookupDisk(id, provider), lookupSnapshots(provider)]).catch(
      (err: unknown) => {
        // Bound to this component, so the runtime reports it as this resource's error, once.
        throw new UserFacingError(
          `Disk ${id} could not be checked for "${name}", so no snapshot is attempted: ${err instanceof Error ? err.message : String(err)}`,
          this,
        );
      },
    );
    const wanted = await check.wanted;
    const snapshots = index.byDisk.get(id) ?? [];
    const existing = findExisting(snapshots, {
      diskId: id,
      snapshotName: wanted.snapshotName,
      generation: wanted.generation,
      flash: kind === "flash",
    });
    const report = assessLookup(id, lookup, kind);
    const reported = new Set(early.map((v) => v.rule));
    const fresh = report.violations.filter((v) => !reported.has(v.rule));
    const warnings: string[] = [];
    const warn = (...more: string[]) => {
      for (const warning of more) {
        warnings.push(warning);
        void pulumi.log.warn(warning, this);
      }
    };
    warn(...report.warnings);
    if (existing) {
      // Eligibility decides whether a snapshot may be made, not whether one made earlier may stay.
      if (early.length > 0 || fresh.length > 0) warn(describeKeptSnapshot(id, name, existing, [...early, ...fresh]));
      const shortened = checkRetentionChange(name, existing, wanted.retentionDays);
      if (shortened) throw new UserFacingError(shortened, this);
    } else {
      if (fresh.length > 0) this.refuse(name, id, fresh, fresh.some((v) => v.rule === "not-found") ? "enforce" : mode);
      // What a reviewer of a preview after an expiry needs to read: why the snapshot is made again.
      if (this.restores && pulumi.runtime.isDryRun())
        void pulumi.log.info(describeNewSnapshot(id, name, wanted.generation), this);
      // This snapshot is to be made: it counts against the disk's quota, with the others this update makes.
      const planned = (index.claims.get(id) ?? 0) + 1;
      index.claims.set(id, planned);
      const quota = checkQuota(id, snapshots.length, planned);
      const creating = snapshots.filter((s) => s.status === "progressing").map((s) => s.id);
      const oneAtATime = checkCreating(id, creating, planned);
      warn(...quota.warnings, ...(oneAtATime ? [oneAtATime] : []));
      if (quota.violations.length > 0) this.refuse(name, id, quota.violations, mode);
    }
    const violations = early.length > 0 || fresh.length > 0 ? [...early, ...fresh] : undefined;
    const sourceDisk = lookup.disk ? toSourceDisk(lookup) : fromSnapshot(id, existing as CloudSnapshot);
    this.verdict = { violations, warnings: warnings.length > 0 ? warnings : undefined, sourceDisk };
    Object.assign(
      check.customTimeouts,
      snapshotTimeouts(check.waitUntil, sourceDisk.sizeGiB || undefined, check.given),
    );
    return id;
  }

  private refuse(name: string, diskId: string, violations: Violation[], mode: EligibilityMode): void {
    const message = describeRefusal(diskId, name, violations);
    if (mode === "warn") {
      void pulumi.log.warn(`${message}\neligibility is "warn": the snapshot is attempted anyway.`, this);
      return;
    }
    // "warn" cannot make a disk that does not exist snapshottable: no such advice then.
    const advice = violations.some((v) => v.rule === "not-found")
      ? ""
      : '\nSet eligibility: "warn" to attempt the snapshot anyway.';
    throw new UserFacingError(`${message}${advice}`, this);
  }

  /**
   * An input known only later, checked when it resolves; a secret's value is never shown. The
   * output's own value is checked as it is, not lifted by pulumi.output (which recurses into
   * objects, and throws on circular ones).
   */
  private validated<T>(
    name: string,
    value: pulumi.Input<T>,
    validate: (value: unknown, show: typeof describeValue) => string[],
  ): pulumi.Output<T> {
    const check = (resolved: unknown, secret: boolean): T => {
      const problems = validate(resolved, secret ? hideValue : describeValue);
      if (problems.length > 0) throw new UserFacingError(describeInvalidInputs(name, problems), this);
      return resolved as T;
    };
    if (value instanceof Promise) return pulumi.output(value.then((v: unknown) => check(v, false))) as pulumi.Output<T>;
    const out = value as pulumi.Output<T>;
    return out.apply(async (v): Promise<T> => check(v, (await pulumi.isSecret(out)) === true));
  }
}

/** What the check found; the lists are left out when empty (most disks), to keep little per snapshot. */
interface Verdict {
  violations: Violation[] | undefined;
  warnings: string[] | undefined;
  sourceDisk: SourceDisk;
}

/** What the disk's check needs to know of the component. */
interface Check {
  name: string;
  kind: SnapshotKind;
  mode: EligibilityMode;
  provider: pulumi.ProviderResource | undefined;
  /** What identifies the snapshot in the cloud, and the retention asked (undefined while unknown). */
  wanted: Promise<{ snapshotName?: string; generation: string | null | undefined; retentionDays?: number }>;
  /** The child's customTimeouts, filled in once the disk's size is known. */
  customTimeouts: Timeouts;
  waitUntil: WaitUntil;
  given: Timeouts | undefined;
}

/** What the constructor needs to make the child, worked out by {@link EssdLocalSnapshot.plan}. */
interface Plan {
  inputs: EcsSnapshotArgs;
  options: pulumi.CustomResourceOptions;
  keptOnDelete: boolean;
  generation: pulumi.Input<string> | undefined;
  /** The disk ID once the check has passed, as an output. */
  checkedDiskId: pulumi.Output<string>;
  /** What snapshotId waits for: the check, and the eventual inputs' validation. */
  gate: pulumi.Output<unknown>;
  /** The arguments, each output among them replaced by its checked self. */
  args: EssdLocalSnapshotArgs;
}

/** The rules applied to what the lookup found. */
export function assessLookup(diskId: string, lookup: DiskLookup, kind: SnapshotKind): EligibilityReport {
  if (!lookup.disk) return { violations: [diskNotFound(diskId, lookup.where)], warnings: [] };
  const d = lookup.disk;
  return checkEligibility(
    {
      id: d.id,
      category: d.category,
      encrypted: d.encrypted === "on",
      status: d.status,
      attachedTime: d.attachedTime ?? "",
      detachedTime: d.detachedTime ?? "",
      instanceId: d.instanceId,
      lockReasons: (d.operationLocks ?? []).map((l) => l.lockReason),
      expiredTime: d.expiredTime,
    },
    lookup.instance === undefined
      ? undefined
      : lookup.instance && { id: lookup.instance.id, status: lookup.instance.status },
    kind,
  );
}

/** What restores read of the source disk: facts for the rules, outputs for the defaults. */
interface SourceForRestores {
  label: pulumi.Output<string>;
  facts: pulumi.Output<RestoreSource>;
  sizeGiB: pulumi.Output<number>;
  /** Undefined when the source disk is gone. */
  zoneId: pulumi.Output<string | undefined>;
  encrypted: pulumi.Output<boolean | undefined>;
}

/** What restores know of a disk declared in this program: its declared size, zone and encryption. */
function declaredLabel(disk: EcsDisk): pulumi.Output<string> {
  return disk.urn.apply((urn) => `"${urn.split("::").pop()}" (declared in this program)`);
}

function declaredSource(disk: EcsDisk): SourceForRestores {
  const label = declaredLabel(disk);
  return {
    label,
    facts: pulumi
      .all([label, knownOrUndefined(disk.size), knownOrUndefined(disk.encrypted)])
      .apply(([name, sizeGiB, encrypted]) => ({
        disk: name,
        sizeGiB,
        encrypted,
        diskType: "data", // an ecs.EcsDisk is always a data disk
      })),
    sizeGiB: disk.size,
    zoneId: disk.zoneId,
    encrypted: disk.encrypted,
  };
}

/** What restores know of an existing disk: the facts its lookup returned. */
function lookedUpSource(sourceDisk: pulumi.Output<SourceDisk>, diskId: pulumi.Input<string>): SourceForRestores {
  return {
    label: knownOrUndefined(diskId).apply((id) => id ?? "(known after the disk exists)"),
    facts: knownOrUndefined(sourceDisk).apply((d) =>
      d === undefined
        ? { disk: "(unknown)" }
        : { disk: d.id, sizeGiB: d.sizeGiB, encrypted: d.encrypted, diskType: d.diskType },
    ),
    sizeGiB: sourceDisk.apply((d) => d.sizeGiB),
    zoneId: sourceDisk.apply((d) => d.zoneId || undefined),
    encrypted: sourceDisk.apply((d) => (d.encrypted ? true : undefined)),
  };
}

/** `fn(value)`, computed now when the value is plain, when it resolves otherwise. */
function derived<T, U>(value: pulumi.Input<T> | undefined, fn: (v: T | undefined) => U, unknown?: U): pulumi.Input<U> {
  if (!isEventual(value)) return fn(value as T | undefined);
  return unknown === undefined
    ? pulumi.output(value).apply((v) => fn(v as T))
    : knownOrUndefined(value).apply((v) => (v === undefined ? unknown : fn(v as T)));
}

/** The user's tags, with the generation tag when there is a generation. */
function withGenerationTag(
  tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
  generation: pulumi.Input<string> | undefined,
): pulumi.Input<Record<string, pulumi.Input<string>>> | undefined {
  if (generation === undefined) return tags;
  if (!isEventual(tags))
    return { ...(tags as Record<string, pulumi.Input<string>> | undefined), [GENERATION_TAG]: generation };
  return pulumi.output(tags).apply((t) => ({ ...t, [GENERATION_TAG]: generation }));
}

/**
 * What the snapshot tells of a disk that is gone: its size, type and encryption when the snapshot
 * was taken. Its category and zone are not known (empty).
 */
function fromSnapshot(id: string, snapshot: CloudSnapshot): SourceDisk {
  return {
    id,
    category: "",
    sizeGiB: snapshot.sourceDiskSize ?? 0,
    zoneId: "",
    diskType: snapshot.diskType,
    encrypted: snapshot.encrypted,
    instanceId: "",
  };
}

function toSourceDisk(lookup: DiskLookup): SourceDisk {
  const d = lookup.disk;
  if (!d) return undefined as unknown as SourceDisk; // unreachable: a missing disk is always refused
  const type = d.type || d.diskType;
  return {
    id: d.id,
    category: d.category,
    sizeGiB: d.size,
    zoneId: d.zoneId,
    diskType: type === "system" ? "system" : "data",
    encrypted: d.encrypted === "on",
    instanceId: d.instanceId ?? "",
  };
}

/** The IDs of the custom resources named in dependsOn: they resolve once those exist. */
function dependencyIds(dependsOn: pulumi.ComponentResourceOptions["dependsOn"]): pulumi.Output<string[]> {
  return pulumi.output(dependsOn ?? []).apply((deps) => {
    const list = (Array.isArray(deps) ? deps : [deps]) as pulumi.Resource[];
    return pulumi.all(list.filter((r) => pulumi.CustomResource.isInstance(r)).map((r) => r.id));
  });
}

function hasEventualValues(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.values(value).some(isEventual);
}

/** Every problem of the plain (already known) arguments; eventual ones are checked when they resolve. */
export function validatePlainArgs(args: EssdLocalSnapshotArgs): string[] {
  if (!isPlainMap(args)) return validateArgumentMap(args);
  const given = args as unknown as Record<string, unknown>;
  const problems = validateDiskSource(!isUnset(given.diskId), !isUnset(given.disk));
  if (!isUnset(given.disk)) problems.push(...validateDiskResource(given.disk, EcsDisk.isInstance(given.disk)));
  problems.push(...plainProblems(given, SNAPSHOT_ARGUMENTS));
  if (!isUnset(given.generation) && isPlainMap(given.tags)) {
    problems.push(...validateRoomForGenerationTag(Object.keys(given.tags).length));
  }
  return problems;
}

/** Every problem of the arguments known now: outputs are checked when they resolve, if their rule allows outputs. */
function plainProblems(args: Record<string, unknown>, rules: Record<string, ArgumentRule>): string[] {
  const problems: string[] = [];
  for (const [input, rule] of Object.entries(rules)) {
    const value = args[input];
    if (rule.eventual && isEventual(value)) continue;
    problems.push(...checkArgument(rule, value, input, describeValue, rule.eventual ? isEventual : undefined));
  }
  return problems;
}

/** The arguments without those set to `null` or `undefined` ("not set"); the same object when there are none. */
function withoutUnset<A extends object>(args: A): A {
  const entries = Object.entries(args);
  if (!entries.some(([, v]) => isUnset(v))) return args;
  return Object.fromEntries(entries.filter(([, v]) => !isUnset(v))) as A;
}

/** The snapshot's ID once the restore's checks (the source's, the eventual arguments') have passed. */
function afterChecks(
  snapshotId: pulumi.Output<string>,
  checked: pulumi.Output<boolean>,
  pending: pulumi.Output<unknown>[],
): pulumi.Output<string> {
  return pulumi.all([snapshotId, checked, ...pending]).apply(([id]) => id as string);
}

/** A name as messages show it: itself when it is text. */
function describeName(name: unknown): string {
  return typeof name === "string" ? name : describeValue(name);
}
