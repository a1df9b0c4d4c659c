/** The EssdLocalSnapshot component: a thin class that wires the plan, the check and the restores. */
import * as pulumi from "@pulumi/pulumi";
import { EcsSnapshot, type EcsDisk, type EcsSnapshotArgs, type Image } from "@pulumi/alicloud/ecs";

import { createCopies, type CopyMade } from "../copy/resource";
import { resolveRegion, stackRegion } from "../ecs/region";
import { childName } from "../internal/names";
import { knownOrUndefined } from "../internal/outputs";
import type { EligibilityReport } from "../rules/eligibility";
import { describeInvalidInputs, validateResourceName } from "../rules/inputs";
import type { SnapshotSummary } from "../rules/summary";
import {
  ESSD_LOCAL_SNAPSHOT_TYPE,
  type EssdLocalSnapshotArgs,
  type RestoreDiskArgs,
  type RestoreImageArgs,
  type SourceDisk,
} from "./args";
import { eligibilityOf, type Verdict } from "./check";
import { plan } from "./plan";
import { createDisk, createImage, type Origin, type Restore } from "./restores";
import { declaredSource, lookedUpSource, type SourceForRestores } from "./source";
import { snapshotSummary } from "./summary";
import { describeName, validatePlainArgs, withoutUnset } from "./validate";

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
  /** The IDs of the copies in other regions (`copies`), by region: `{ "cn-shanghai": "s-…" }`. */
  public readonly copySnapshotIds: pulumi.Output<Record<string, string>>;

  // Kept small: a fleet holds thousands of these, and every byte kept is marked by each full GC.
  private readonly componentName: string;
  private readonly args: EssdLocalSnapshotArgs;
  private readonly tags: EcsSnapshotArgs["tags"];
  private readonly generation: pulumi.Input<string> | undefined;
  /** What the check found: resolves when the disk may be snapshotted, rejects with the refusal. */
  private readonly verdict: Promise<Verdict> | pulumi.Output<Verdict>;
  /** The disks and images made from the snapshot, once there is one. */
  private restores: readonly Restore[] | undefined;
  // Made on first use: a program of thousands of snapshots pays only for what it reads.
  private lazySource: SourceForRestores | undefined;
  private lazySourceDisk: pulumi.Output<SourceDisk> | undefined;
  private lazyEligibility: pulumi.Output<EligibilityReport> | undefined;
  private lazySummary: pulumi.Output<SnapshotSummary> | undefined;
  private readonly copiesMade: readonly CopyMade[];

  constructor(name: string, args: EssdLocalSnapshotArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Argument mistakes are reported together, before anything is registered.
    const problems = [...validateResourceName(name), ...validatePlainArgs(args)];
    if (problems.length > 0) throw new Error(describeInvalidInputs(describeName(name), problems));
    super(ESSD_LOCAL_SNAPSHOT_TYPE, name, {}, opts);
    args = withoutUnset(args);
    const givenWaitUntil = args.waitUntil;
    const copies = args.copies ?? [];
    // ECS copies only a snapshot whose upload has finished: copies wait for it by default.
    if (copies.length > 0 && givenWaitUntil === undefined) args = { ...args, waitUntil: "accomplished" };

    // Kept short on purpose: the SDK captures a stack trace, with this frame in it, for each of
    // the child's ~70 internal promises, and V8 locates a frame by scanning its function's code
    // up to the call. The planning happens in plan(), which is not on the stack by then.
    const planned = plan(this, name, args, opts.dependsOn, () => this.restores !== undefined);
    this.snapshot = new EcsSnapshot(childName(name, "snapshot"), planned.inputs, planned.options);
    this.componentName = name;
    this.args = planned.args;
    this.keptOnDelete = !planned.deletedOnDelete;
    this.generation = planned.generation;
    this.tags = planned.inputs.tags;
    this.verdict = planned.verdict;
    // A refused disk or input rejects this output even though the child's ID never resolves.
    this.snapshotId = planned.gate.apply(() => this.snapshot.id);
    const made = copies.length === 0 ? undefined : this.makeCopies(planned.args, givenWaitUntil);
    this.copiesMade = made?.made ?? [];
    this.copySnapshotIds = made
      ? pulumi
          .all(made.copies.map((c) => pulumi.all([c.regionId, c.snapshotId])))
          .apply((pairs) => Object.fromEntries(pairs))
      : pulumi.output<Record<string, string>>({});
    this.registerOutputs({
      snapshotId: this.snapshotId,
      keptOnDelete: this.keptOnDelete,
      copySnapshotIds: this.copySnapshotIds,
    });
  }

  /** The source disk's facts as looked up (unknown during a preview of a disk not yet created). */
  public get sourceDisk(): pulumi.Output<SourceDisk> {
    return (this.lazySourceDisk ??= fromVerdict(this.verdict, (v) => v.sourceDisk));
  }

  /** Every rule the disk fails and every warning, as checked (empty lists when eligible). */
  public get eligibility(): pulumi.Output<EligibilityReport> {
    return (this.lazyEligibility ??= fromVerdict(this.verdict, eligibilityOf));
  }

  /**
   * What a reviewer checks in the preview: disk, kind, retention and expiry, tags, whether it
   * is kept on delete, generation, restored disks and images, and one sentence saying it all.
   * Restores made in the same turn of the program as the first read of it are included.
   */
  public get summary(): pulumi.Output<SnapshotSummary> {
    return (this.lazySummary ??= snapshotSummary({
      name: this.componentName,
      args: this.args,
      keptOnDelete: this.keptOnDelete,
      snapshotId: this.snapshotId,
      restores: () => this.restores,
      copies:
        this.copiesMade.length === 0
          ? undefined
          : pulumi.all(
              this.copiesMade.map((c) =>
                pulumi
                  .all([knownOrUndefined(c.regionId), knownOrUndefined(c.retentionDays)])
                  .apply(([regionId, days]) => ({
                    regionId: regionId ?? "(unknown region)",
                    retentionDays: days ?? null,
                  })),
              ),
            ),
    }));
  }

  /** The copies in other regions (see components/copy/resource.ts). */
  private makeCopies(args: EssdLocalSnapshotArgs, waitUntil: string | undefined) {
    return createCopies(
      {
        component: this,
        name: this.componentName,
        snapshotId: this.snapshotId,
        regionId: resolveRegion({ configRegion: stackRegion() }).regionId,
        encrypted: knownOrUndefined(this.sourceDisk).apply((d) => d?.encrypted),
        flash: args.category === "flash",
        waitUntil,
        retentionDays: args.retentionDays,
        tags: this.tags,
        generation: this.generation,
        deletedOnDelete: !this.keptOnDelete,
      },
      args.copies ?? [],
    );
  }

  /**
   * A disk made from the snapshot: the source disk's size and zone, category `cloud_essd`,
   * and the snapshot's tags unless given. Refused during the preview, with nothing
   * registered, when it is smaller than the source disk, not ESSD-series, or unencrypted
   * from an encrypted source; nothing is registered either when the snapshot is refused.
   * The disk is named `<component>-<name>`; `instanceId` attaches it.
   */
  public createDisk(name: string, args: RestoreDiskArgs = {}, opts: pulumi.CustomResourceOptions = {}): EcsDisk {
    const { disk, restore } = createDisk(this.origin(), name, args, opts);
    this.restores = [...(this.restores ?? []), restore];
    return disk;
  }

  /**
   * A custom image made from the snapshot of a system disk. Refused during the preview, with
   * nothing registered, when the source is a data disk or is encrypted. The snapshot goes in
   * `diskDeviceMappings`, which forces a replacement when it changes (a top-level `snapshotId`
   * change is a silent no-op in the provider). The image is named `<component>-<name>`.
   */
  public createImage(name: string, args: RestoreImageArgs = {}, opts: pulumi.CustomResourceOptions = {}): Image {
    const { image, restore } = createImage(this.origin(), name, args, opts);
    this.restores = [...(this.restores ?? []), restore];
    return image;
  }

  /** What a restore reads of this snapshot. */
  private origin(): Origin {
    return {
      component: this,
      name: this.componentName,
      snapshotId: this.snapshotId,
      deletedOnDelete: !this.keptOnDelete,
      generation: this.generation,
      tags: this.tags,
      source: () => this.source,
    };
  }

  /** What restores read of the source disk, built on first use. */
  private get source(): SourceForRestores {
    return (this.lazySource ??= this.args.disk
      ? declaredSource(this.args.disk)
      : lookedUpSource(this.sourceDisk, this.args.diskId as pulumi.Input<string>));
  }
}

/**
 * What `pick` reads of the verdict, as an output. A promise is lifted through its disk ID, a
 * string: pulumi.output would copy the verdict's objects, and this way they are handed on as they are.
 */
function fromVerdict<T>(verdict: Promise<Verdict> | pulumi.Output<Verdict>, pick: (v: Verdict) => T): pulumi.Output<T> {
  if (!(verdict instanceof Promise)) return verdict.apply(pick);
  return pulumi.output(verdict.then((v) => v.diskId)).apply(() => verdict.then(pick));
}
