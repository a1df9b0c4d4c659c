/** The snapshot's plan: the child's inputs and options, the check it waits for, and what its ID waits for. */
import * as pulumi from "@pulumi/pulumi";
import type { EcsSnapshotArgs } from "@pulumi/alicloud/ecs";

import { derived, knownOrUndefined, isEventual, settle } from "../internal/outputs";
import { SNAPSHOT_ARGUMENTS } from "../rules/arguments";
import type { SnapshotKind } from "../rules/eligibility";
import { GENERATION_TAG } from "../rules/inputs";
import { deriveSnapshotName } from "../rules/naming";
import { snapshotTimeouts } from "../rules/timeouts";
import { deletedOnDelete, type EligibilityMode, type EssdLocalSnapshotArgs } from "./args";
import { childName } from "../internal/names";
import { adoptSnapshot } from "./adopt";
import { assess, type Check, type Verdict } from "./check";
import { withEventualChecks } from "./validate";

/** The rules plan() applies to outputs when they resolve; diskId's output is checked by assess(), before the lookup. */
const { diskId: _checkedBeforeLookup, ...LATER_SNAPSHOT_ARGUMENTS } = SNAPSHOT_ARGUMENTS;

/** What the constructor needs to make the child, worked out by {@link plan}. */
export interface Plan {
  /** The snapshot resource's name (what the adoption's transform looks for). */
  name: string;
  inputs: EcsSnapshotArgs;
  options: pulumi.CustomResourceOptions;
  /** Whether a deletion in the program deletes the snapshot (`deleteOnDestroy`). */
  deletedOnDelete: boolean;
  generation: pulumi.Input<string> | undefined;
  /** What the check found: a promise when the disk ID is plain, an output otherwise. */
  verdict: Promise<Verdict> | pulumi.Output<Verdict>;
  /** What snapshotId waits for: the check, and the eventual inputs' validation. */
  gate: pulumi.Output<unknown>;
  /** The arguments, each output among them replaced by its checked self. */
  args: EssdLocalSnapshotArgs;
}

/**
 * The child's inputs and options, the check it waits for, and what snapshotId waits for.
 * `component` is the EssdLocalSnapshot: the child's parent, and what errors are bound to;
 * `restored` says, when the lookup answers, whether anything was restored from the snapshot.
 */
export function plan(
  component: pulumi.ComponentResource,
  name: string,
  args: EssdLocalSnapshotArgs,
  dependsOn: pulumi.ComponentResourceOptions["dependsOn"],
  restored: () => boolean,
): Plan {
  const kind: SnapshotKind = args.category === "flash" ? "flash" : "instant-access";
  const mode: EligibilityMode = args.eligibility ?? "enforce";
  const provider = component.getProvider("alicloud:ecs/getEcsDisks:getEcsDisks");
  const deleted = deletedOnDelete(args.deleteOnDestroy, false);

  // Plain inputs were validated before registration and stay plain (cheap); eventual ones are
  // validated when they resolve, and the snapshot's ID waits for them.
  const { args: checkedArgs, eventual } = withEventualChecks(component, name, args, LATER_SNAPSHOT_ARGUMENTS);
  const generation = checkedArgs.generation;
  const userTags = checkedArgs.tags;
  const snapshotName =
    checkedArgs.snapshotName !== undefined
      ? checkedArgs.snapshotName
      : derived(generation, (g) => deriveSnapshotName(name, g));
  const waitUntil = args.waitUntil ?? "available";
  const customTimeouts = snapshotTimeouts(waitUntil, undefined, args.customTimeouts);
  const wanted = Promise.all([settle(snapshotName), settle(generation), settle(checkedArgs.retentionDays)]).then(
    ([n, g, r]) => ({ snapshotName: n, generation: generation === undefined ? null : g, retentionDays: r }),
  );
  const check: Check = {
    resource: component,
    name,
    kind,
    mode,
    provider,
    wanted,
    restored,
    updateTimeout: args.customTimeouts?.update,
  };

  const verdict = assess(check, args, dependsOn);
  // The SDK reads the options' customTimeouts only when it sends the registration, after diskId
  // has resolved: they are filled in from the disk's size just before it does.
  // tests/engine/existing.test.ts reads them back from the state.
  const ready = (v: Verdict): string => {
    Object.assign(
      customTimeouts,
      snapshotTimeouts(waitUntil, v.sourceDisk.sizeGiB || undefined, args.customTimeouts, v.updateMinutes),
    );
    return v.diskId;
  };
  // A promise when the disk ID is plain (the usual case, cheaper for the SDK to serialize than
  // an output), an output otherwise (it carries the disk's dependency and unknowns).
  // The component's snapshot already in the cloud is adopted, never made twice (adopt.ts): told
  // before the disk ID resolves, so before the snapshot can be registered. A disk ID given as an
  // output (always, from another language) is checked, and adopted, once it is known.
  const resourceName = childName(name, "snapshot");
  const adopted = (v: Verdict): string => {
    if (v.existingId !== undefined) adoptSnapshot(component, resourceName, v.existingId);
    return ready(v);
  };
  const diskId = verdict instanceof Promise ? verdict.then(adopted) : verdict.apply(adopted);
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
    force: deleted ? true : undefined,
  };
  const options: pulumi.CustomResourceOptions = {
    parent: component,
    retainOnDelete: !deleted,
    // The provider updates tags in place; a new generation must be a new snapshot.
    replaceOnChanges: [`tags["${GENERATION_TAG}"]`],
    customTimeouts,
  };
  // An input still unknown during a preview is checked when it is known: until then it holds
  // nothing up, so the ID of an existing snapshot stays known whenever the engine knows it.
  const gate = eventual.length > 0 ? pulumi.all([checkedDiskId, ...eventual.map(knownOrUndefined)]) : checkedDiskId;
  return {
    name: resourceName,
    inputs,
    options,
    deletedOnDelete: deleted,
    generation,
    verdict,
    gate,
    args: checkedArgs,
  };
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
