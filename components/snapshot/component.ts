/** The EssdLocalSnapshot component: a thin class that wires the plan, the check and the restores. */
import * as pulumi from "@pulumi/pulumi";
import { EcsSnapshot, type EcsDisk, type EcsSnapshotArgs, type Image } from "@pulumi/alicloud/ecs";

import { createCopies, type CopyMade } from "../copy/resource";
import { resolveRegion, stackRegion } from "../ecs/region";
import { knownOrUndefined } from "../internal/outputs";
import type { EligibilityReport } from "../rules/eligibility";
import { validateRestoreDeclaration } from "../rules/declaredRestores";
import { describeInvalidInputs, validateResourceName } from "../rules/inputs";
import type { SnapshotSummary } from "../rules/summary";
import {
  ESSD_LOCAL_SNAPSHOT_TYPE,
  type EssdLocalSnapshotArgs,
  type RestoreArgs,
  type RestoreDiskArgs,
  type RestoreImageArgs,
  type SourceDisk,
} from "./args";
import { eligibilityOf, type Verdict } from "./check";
import { plan } from "./plan";
import { createDisk, createImage, declaredRestoreLists, type Origin, type Restore } from "./restores";
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
  /** The snapshot's ID. Rejects, with every rule the disk fails, when the disk is refused. */
  public readonly snapshotId: pulumi.Output<string>;
  /** True unless `deleteOnDestroy`: a deletion in the program leaves the snapshot in the cloud until it expires. */
  public readonly keptOnDelete: boolean;
  /** The IDs of the disks declared in `restore.disks`, in their order (empty when none). */
  public readonly restoredDiskIds: pulumi.Output<string[]>;
  /** The IDs of the images declared in `restore.images`, in their order (empty when none). */
  public readonly restoredImageIds: pulumi.Output<string[]>;
  /** The IDs of the copies in other regions (`copies`), by region: `{ "cn-shanghai": "s-…" }`. */
  public readonly copySnapshotIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: EssdLocalSnapshotArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Argument mistakes are reported together, before anything is registered.
    const problems = [
      ...validateResourceName(name),
      ...validatePlainArgs(args),
      ...validateRestoreDeclaration((args as { restore?: unknown } | undefined)?.restore),
    ];
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
    const planned = plan(this, name, args, opts.dependsOn, () => stateOf(this).restores !== undefined);
    const snapshot = new EcsSnapshot(planned.name, planned.inputs, planned.options);
    // What is not a public output is kept outside the instance, so the schema that other
    // languages get from this class (Pulumi's component analyzer) shows only the outputs.
    states.set(this, {
      snapshot,
      componentName: name,
      args: planned.args,
      tags: planned.inputs.tags,
      generation: planned.generation,
      verdict: planned.verdict,
      restores: undefined,
      copiesMade: [],
    });
    this.keptOnDelete = !planned.deletedOnDelete;
    // A refused disk or input rejects this output even though the child's ID never resolves.
    this.snapshotId = planned.gate.apply(() => snapshot.id);
    const made = copies.length === 0 ? undefined : makeCopies(this, stateOf(this), givenWaitUntil);
    stateOf(this).copiesMade = made?.made ?? [];
    this.copySnapshotIds = made
      ? pulumi
          .all(made.copies.map((c) => pulumi.all([c.regionId, c.snapshotId])))
          .apply((pairs) => Object.fromEntries(pairs))
      : (noCopies ??= pulumi.output<Record<string, string>>({}));
    const declared = declaredRestores(this, args.restore);
    this.restoredDiskIds = listOutput(declared.diskIds);
    this.restoredImageIds = listOutput(declared.imageIds);
    // What is empty is registered as a plain value: the state is the same, and the SDK has no
    // output to await and serialize for it (a fleet of thousands registers mostly empty lists).
    this.registerOutputs({
      snapshotId: this.snapshotId,
      keptOnDelete: this.keptOnDelete,
      restoredDiskIds: declared.diskIds.length > 0 ? this.restoredDiskIds : [],
      restoredImageIds: declared.imageIds.length > 0 ? this.restoredImageIds : [],
      copySnapshotIds: made ? this.copySnapshotIds : {},
    });
  }

  /** The child `ecs.EcsSnapshot`. Its `diskId` waits for the eligibility check. */
  public get snapshot(): EcsSnapshot {
    return stateOf(this).snapshot;
  }

  /** The source disk's facts as looked up (unknown during a preview of a disk not yet created). */
  public get sourceDisk(): pulumi.Output<SourceDisk> {
    const state = stateOf(this);
    return (state.lazySourceDisk ??= fromVerdict(state.verdict, (v) => v.sourceDisk));
  }

  /** Every rule the disk fails and every warning, as checked (empty lists when eligible). */
  public get eligibility(): pulumi.Output<EligibilityReport> {
    const state = stateOf(this);
    return (state.lazyEligibility ??= fromVerdict(state.verdict, eligibilityOf));
  }

  /**
   * What a reviewer checks in the preview: disk, kind, retention and expiry, tags, whether it
   * is kept on delete, generation, restored disks and images, and one sentence saying it all.
   * Restores made in the same turn of the program as the first read of it are included.
   */
  public get summary(): pulumi.Output<SnapshotSummary> {
    const state = stateOf(this);
    return (state.lazySummary ??= snapshotSummary({
      name: state.componentName,
      args: state.args,
      keptOnDelete: this.keptOnDelete,
      snapshotId: this.snapshotId,
      restores: () => state.restores,
      copies: copySummaries(state.copiesMade),
    }));
  }

  /**
   * A disk made from the snapshot: the source disk's size and zone, category `cloud_essd`,
   * and the snapshot's tags unless given. Refused during the preview, with nothing
   * registered, when it is smaller than the source disk, not ESSD-series, or unencrypted
   * from an encrypted source; nothing is registered either when the snapshot is refused.
   * The disk is named `<component>-<name>`; `instanceId` attaches it. The same as an entry of
   * the argument `restore.disks`, which other languages use.
   */
  public createDisk(name: string, args: RestoreDiskArgs = {}, opts: pulumi.CustomResourceOptions = {}): EcsDisk {
    const state = stateOf(this);
    const { disk, restore } = createDisk(origin(this, state), name, args, opts);
    state.restores = [...(state.restores ?? []), restore];
    return disk;
  }

  /**
   * A custom image made from the snapshot of a system disk. Refused during the preview, with
   * nothing registered, when the source is a data disk or is encrypted. The snapshot goes in
   * `diskDeviceMappings`, which forces a replacement when it changes (a top-level `snapshotId`
   * change is a silent no-op in the provider). The image is named `<component>-<name>`. The
   * same as an entry of the argument `restore.images`, which other languages use.
   */
  public createImage(name: string, args: RestoreImageArgs = {}, opts: pulumi.CustomResourceOptions = {}): Image {
    const state = stateOf(this);
    const { image, restore } = createImage(origin(this, state), name, args, opts);
    state.restores = [...(state.restores ?? []), restore];
    return image;
  }
}

/** What a component keeps that is not a public output. */
interface State {
  snapshot: EcsSnapshot;
  // Kept small: a fleet holds thousands of these, and every byte kept is marked by each full GC.
  componentName: string;
  args: EssdLocalSnapshotArgs;
  tags: EcsSnapshotArgs["tags"];
  generation: pulumi.Input<string> | undefined;
  /** What the check found: resolves when the disk may be snapshotted, rejects with the refusal. */
  verdict: Promise<Verdict> | pulumi.Output<Verdict>;
  /** The disks and images made from the snapshot, once there is one. */
  restores: readonly Restore[] | undefined;
  // Made on first use: a program of thousands of snapshots pays only for what it reads.
  lazySource?: SourceForRestores;
  lazySourceDisk?: pulumi.Output<SourceDisk>;
  lazyEligibility?: pulumi.Output<EligibilityReport>;
  lazySummary?: pulumi.Output<SnapshotSummary>;
  /** The copies in other regions (`copies`). */
  copiesMade: readonly CopyMade[];
}

const states = new WeakMap<EssdLocalSnapshot, State>();

function stateOf(component: EssdLocalSnapshot): State {
  const state = states.get(component);
  if (!state) throw new Error("An EssdLocalSnapshot is used before its constructor has finished.");
  return state;
}

/** What a restore reads of this snapshot. */
function origin(component: EssdLocalSnapshot, state: State): Origin {
  return {
    component,
    name: state.componentName,
    snapshotId: component.snapshotId,
    deletedOnDelete: !component.keptOnDelete,
    generation: state.generation,
    tags: state.tags,
    source: () => sourceOf(component, state),
  };
}

/** What restores read of the source disk, built on first use. */
function sourceOf(component: EssdLocalSnapshot, state: State): SourceForRestores {
  return (state.lazySource ??= state.args.disk
    ? declaredSource(state.args.disk)
    : lookedUpSource(component.sourceDisk, state.args.diskId as pulumi.Input<string>));
}

/** The copies in other regions (see components/copy/resource.ts). */
function makeCopies(component: EssdLocalSnapshot, state: State, waitUntil: string | undefined) {
  return createCopies(
    {
      component,
      name: state.componentName,
      snapshotId: component.snapshotId,
      regionId: resolveRegion({ configRegion: stackRegion() }).regionId,
      encrypted: knownOrUndefined(component.sourceDisk).apply((d) => d?.encrypted),
      flash: state.args.category === "flash",
      waitUntil,
      retentionDays: state.args.retentionDays,
      tags: state.tags,
      generation: state.generation,
      deletedOnDelete: !component.keptOnDelete,
    },
    state.args.copies ?? [],
  );
}

/** What the summary lists of the copies; undefined without copies. */
function copySummaries(
  made: readonly CopyMade[],
): pulumi.Output<{ regionId: string; retentionDays: number | null }[]> | undefined {
  if (made.length === 0) return undefined;
  return pulumi.all(
    made.map((c) =>
      pulumi
        .all([knownOrUndefined(c.regionId), knownOrUndefined(c.retentionDays)])
        .apply(([regionId, days]) => ({ regionId: regionId ?? "(unknown region)", retentionDays: days ?? null })),
    ),
  );
}

/** The restores of the `restore` argument, made as createDisk and createImage make them, and their IDs. */
function declaredRestores(
  component: EssdLocalSnapshot,
  restore: RestoreArgs | undefined,
): { diskIds: pulumi.Output<string>[]; imageIds: pulumi.Output<string>[] } {
  const { disks, images } = declaredRestoreLists(restore);
  const diskIds = disks.map(({ name, args }) => component.createDisk(name, args).id);
  const imageIds = images.map(({ name, args }) => component.createImage(name, args).id);
  return { diskIds, imageIds };
}

// The outputs of nothing, made once and shared by every component that has none (outputs are
// immutable): a fleet of thousands of snapshots mostly restores and copies nothing.
let noCopies: pulumi.Output<Record<string, string>> | undefined;
let noIds: pulumi.Output<string[]> | undefined;

/** The IDs as one output; the shared empty one when there are none. */
function listOutput(ids: pulumi.Output<string>[]): pulumi.Output<string[]> {
  return ids.length > 0 ? pulumi.all(ids) : (noIds ??= pulumi.output<string[]>([]));
}

/**
 * What `pick` reads of the verdict, as an output. A promise is lifted through its disk ID, a
 * string: pulumi.output would copy the verdict's objects, and this way they are handed on as they are.
 */
function fromVerdict<T>(verdict: Promise<Verdict> | pulumi.Output<Verdict>, pick: (v: Verdict) => T): pulumi.Output<T> {
  if (!(verdict instanceof Promise)) return verdict.apply(pick);
  return pulumi.output(verdict.then((v) => v.diskId)).apply(() => verdict.then(pick));
}
