/**
 * The EssdSnapshotGroup component: every disk of an instance (or a list, or all but some)
 * snapshotted at one instant by a snapshot-consistent group, checked in the preview, with a
 * retention ECS does not give groups, and its member snapshots as outputs for restores.
 */
import * as pulumi from "@pulumi/pulumi";
import { EcsSnapshotGroup, type EcsDisk } from "@pulumi/alicloud/ecs";

import { UserFacingError } from "../internal/errors";
import { childName } from "../internal/names";
import { GROUP_TAG, describeExpiry, expiredGroups } from "../rules/groups";
import { GENERATION_TAG, describeInvalidInputs, validateResourceName } from "../rules/inputs";
import { deriveSnapshotName } from "../rules/naming";
import { snapshotTimeouts } from "../rules/timeouts";
import type { RestoreDiskArgs } from "../snapshot/args";
import { createDisk as restoreDisk } from "../snapshot/restores";
import { lookedUpSource } from "../snapshot/source";
import { describeName, withoutUnset } from "../snapshot/validate";
import { ESSD_SNAPSHOT_GROUP_TYPE, type EssdSnapshotGroupArgs, type GroupMember } from "./args";
import { checkGroupDisks, type GroupVerdict } from "./check";
import { deleteGroup, groupById, groupsOf } from "./cloud";
import { validateGroupArgs } from "./validate";

/**
 * A crash-consistent snapshot of several disks of one instance (a RAID or LVM volume, a database
 * on striped disks): one ECS snapshot-consistent group, every disk at the same instant.
 */
export class EssdSnapshotGroup extends pulumi.ComponentResource {
  /** The group's ID; rejects, with every problem naming its disk, when the group is refused. */
  public readonly groupId: pulumi.Output<string>;
  /** One entry per disk: its member snapshot and whether it is usable (DescribeSnapshotGroups). */
  public readonly members: pulumi.Output<GroupMember[]>;
  /** Disk ID → member snapshot ID, for restores wired in the same program. */
  public readonly memberSnapshotIds: pulumi.Output<Record<string, string>>;
  /** Earlier groups of this component past their retention: deleted by this `up`, announced by the preview. */
  public readonly expiredGroupIds: pulumi.Output<string[]>;
  /** True unless `deleteOnDestroy`: a deletion in the program leaves the group in the cloud until its retention ends. */
  public readonly keptOnDelete: boolean;
  /** The IDs of the disks declared in `restore.disks`, in their order (empty when none). */
  public readonly restoredDiskIds: pulumi.Output<string[]>;

  constructor(name: string, args: EssdSnapshotGroupArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const problems = [...validateResourceName(name), ...validateGroupArgs(args)];
    if (problems.length > 0) throw new Error(describeInvalidInputs(describeName(name), problems));
    // The retention is the component's (ECS has none for groups): an input, so policy packs read it.
    super(ESSD_SNAPSHOT_GROUP_TYPE, name, { retentionDays: args.retentionDays }, opts);
    args = withoutUnset(args);
    this.keptOnDelete = args.deleteOnDestroy !== true;
    // The owner tag: the project, the stack and the component; how expiry finds its own groups.
    const owner = `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
    const tags = {
      ...args.tags,
      [GROUP_TAG]: owner,
      ...(args.generation !== undefined ? { [GENERATION_TAG]: args.generation } : {}),
    };
    const provider = opts.provider;
    const instanceId = pulumi.output(args.instanceId);
    const verdict = new Promise<GroupVerdict>((resolve, reject) =>
      instanceId.apply((id) =>
        checkGroupDisks({
          resource: this,
          name,
          instanceId: id,
          diskIds: args.diskIds,
          excludeDiskIds: args.excludeDiskIds,
          owner,
          generation: args.generation,
          provider,
        }).then(resolve, reject),
      ),
    );
    // The provider waits for every member's upload: the create timeout grows with the group's disks.
    const customTimeouts = snapshotTimeouts("accomplished", undefined, args.customTimeouts);
    const checkedInstance = pulumi.output(
      verdict.then((v) => {
        Object.assign(customTimeouts, snapshotTimeouts("accomplished", v.totalGiB || undefined, args.customTimeouts));
        return args.instanceId;
      }),
    );
    const group = new EcsSnapshotGroup(
      childName(name, "group"),
      {
        instanceId: checkedInstance,
        diskIds: args.diskIds,
        excludeDiskIds: args.excludeDiskIds,
        snapshotGroupName: args.groupName ?? deriveSnapshotName(name, args.generation),
        description: args.description,
        tags,
      },
      {
        parent: this,
        retainOnDelete: this.keptOnDelete,
        // The provider updates tags in place; a new generation must be a new group.
        replaceOnChanges: [`tags["${GENERATION_TAG}"]`],
        // Neither ForceNew nor updated by the provider (a silent no-op): no diff to show for them.
        ignoreChanges: ["diskIds", "excludeDiskIds"],
        customTimeouts,
      },
    );
    // What is not a public output is kept outside the instance, so the schema that other
    // languages get from this class (Pulumi's component analyzer) shows only the outputs.
    states.set(this, { group, componentName: name, verdict, generation: args.generation, tags });
    this.groupId = pulumi.output(verdict).apply(() => group.id);
    this.members = this.groupId.apply((id) => membersOf(this, id));
    this.memberSnapshotIds = this.members.apply((list) =>
      Object.fromEntries(list.map((m) => [m.diskId, m.snapshotId])),
    );
    this.expiredGroupIds = pulumi
      .output(verdict)
      .apply(() => expire(this, name, owner, args.retentionDays, args.generation));
    this.restoredDiskIds = pulumi.all(
      (args.restore?.disks ?? []).map(
        ({ name: restoreName, diskId, ...restoreArgs }) => this.createDisk(diskId, restoreName, restoreArgs).id,
      ),
    );
    this.registerOutputs({
      groupId: this.groupId,
      members: this.members,
      memberSnapshotIds: this.memberSnapshotIds,
      expiredGroupIds: this.expiredGroupIds,
      keptOnDelete: this.keptOnDelete,
      restoredDiskIds: this.restoredDiskIds,
    });
  }

  /** The child `ecs.EcsSnapshotGroup`. */
  public get group(): EcsSnapshotGroup {
    return stateOf(this).group;
  }

  /**
   * A disk restored from the member snapshot of `diskId` (one restored disk per member), with
   * the lifecycle of EssdLocalSnapshot's restores: kept on rotation, expiry, refresh and destroy
   * unless `deleteOnDestroy`; a new generation replaces it. Named `<component>-<name>`. The same
   * as an entry of the argument `restore.disks`, which other languages use.
   */
  public createDisk(
    diskId: string,
    name: string,
    args: RestoreDiskArgs = {},
    opts: pulumi.CustomResourceOptions = {},
  ): EcsDisk {
    const state = stateOf(this);
    const componentName = state.componentName;
    const sourceDisk = pulumi.output(
      state.verdict.then((v) => {
        const source = v.sources[diskId];
        if (!source)
          throw new UserFacingError(
            `Snapshot group "${componentName}" has no member of disk ${diskId}, so "${name}" cannot be restored from it; its disks are ${v.diskIds.join(", ")}.`,
            this,
          );
        return source;
      }),
    );
    const snapshotId = this.memberSnapshotIds.apply((m) => {
      const id = m[diskId];
      if (!id)
        throw new UserFacingError(`Snapshot group "${componentName}" has no member snapshot of disk ${diskId}.`, this);
      return id;
    });
    return restoreDisk(
      {
        component: this,
        name: componentName,
        snapshotId,
        deletedOnDelete: !this.keptOnDelete,
        generation: state.generation,
        tags: state.tags,
        source: () => lookedUpSource(sourceDisk, diskId),
      },
      name,
      args,
      opts,
    ).disk;
  }
}

/** What a group keeps that is not a public output. */
interface State {
  group: EcsSnapshotGroup;
  componentName: string;
  /** What the check found: resolves when the group may be made, rejects with the refusal. */
  verdict: Promise<GroupVerdict>;
  generation: string | undefined;
  tags: Record<string, string>;
}

const states = new WeakMap<EssdSnapshotGroup, State>();

function stateOf(component: EssdSnapshotGroup): State {
  const state = states.get(component);
  if (!state) throw new Error("An EssdSnapshotGroup is used before its constructor has finished.");
  return state;
}

/** The group's members, read from ECS once the group exists (unknown in a preview of a new group). */
async function membersOf(component: pulumi.Resource, id: string): Promise<GroupMember[]> {
  try {
    const found = await groupById(id);
    return (found?.snapshots ?? []).map((s) => ({
      diskId: s.sourceDiskId,
      snapshotId: s.snapshotId,
      available: s.available,
    }));
  } catch (err) {
    throw new UserFacingError(
      `The member snapshots of snapshot group ${id} could not be read (DescribeSnapshotGroups): ${err instanceof Error ? err.message : String(err)}. Check the credentials (ecs:DescribeSnapshotGroups) and region.`,
      component,
    );
  }
}

/**
 * Expiry: the earlier groups this component made (its owner tag, another generation), older than
 * the retention on ECS's clock. The preview says which; `up` deletes them. Nothing else is touched.
 */
async function expire(
  component: pulumi.Resource,
  name: string,
  owner: string,
  retentionDays: number,
  generation: string | undefined,
): Promise<string[]> {
  let found: Awaited<ReturnType<typeof groupsOf>>;
  try {
    found = await groupsOf(owner);
  } catch (err) {
    throw new UserFacingError(
      `The earlier groups of snapshot group "${name}" could not be listed, so none past its retention of ${retentionDays} days is deleted: ${err instanceof Error ? err.message : String(err)}. Check the credentials (ecs:DescribeSnapshotGroups) and region.`,
      component,
    );
  }
  const current = (g: { tags: Record<string, string> }) =>
    (Object.prototype.hasOwnProperty.call(g.tags, GENERATION_TAG) ? g.tags[GENERATION_TAG] : undefined) === generation;
  const expired = expiredGroups(
    found.groups
      .filter((g) => !current(g))
      .map((g) => ({ id: g.snapshotGroupId, tags: g.tags, creationTime: g.creationTime })),
    owner,
    retentionDays,
    found.now,
  );
  if (expired.length === 0) return [];
  void pulumi.log.info(describeExpiry(name, retentionDays, expired), component);
  if (!pulumi.runtime.isDryRun()) for (const g of expired) await deleteGroup(g.id);
  return expired.map((g) => g.id);
}
