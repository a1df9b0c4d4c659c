/**
 * The stack program: one EssdLocalSnapshot per entry of `essd-snapshots:snapshots`, with the
 * disks and images restored from it, and one EssdSnapshotGroup per entry of `essd-snapshots:groups`, all driven by the stack's config in stacks/ (see
 * stack/config.ts for every setting). `pulumi preview --stack dev` runs it against the cloud;
 * `npm start` runs it offline, against the simulated account in stacks/dev.account.yaml.
 *
 * The module exports the program as a function, which Pulumi calls and whose result becomes
 * the stack outputs; the offline preview calls it the same way, once per run.
 */
import type * as pulumi from "@pulumi/pulumi";

import {
  EssdLocalSnapshot,
  EssdSnapshotGroup,
  type EssdLocalSnapshotArgs,
  type EssdSnapshotGroupArgs,
  type SnapshotSummary,
} from "./components";
import { readStackConfig, type GroupEntry, type SnapshotEntry, type StackDefaults } from "./stack/config";

/** The stack outputs. */
interface StackOutputs {
  region: string;
  /** Per snapshot: what a reviewer checks in the preview, with a one-sentence `text`. */
  summaries: Record<string, pulumi.Output<SnapshotSummary>>;
  /** Per snapshot: its ID in ECS (known once created). */
  snapshotIds: Record<string, pulumi.Output<string>>;
  /** Per group (`essd-snapshots:groups`; only when the stack has groups): its member snapshots, disk ID → snapshot ID (known once created). */
  groupMembers?: Record<string, pulumi.Output<Record<string, string>>>;
}

function essdSnapshots(): StackOutputs {
  // Every problem of the config is reported at once, before anything is registered.
  const config = readStackConfig();
  const summaries: StackOutputs["summaries"] = {};
  const snapshotIds: StackOutputs["snapshotIds"] = {};
  for (const entry of config.snapshots) {
    const snap = new EssdLocalSnapshot(entry.name, snapshotArgs(entry, config.defaults));
    restore(snap, entry);
    summaries[entry.name] = snap.summary;
    snapshotIds[entry.name] = snap.snapshotId;
  }
  const groupMembers: NonNullable<StackOutputs["groupMembers"]> = {};
  for (const entry of config.groups ?? []) {
    const group = new EssdSnapshotGroup(entry.name, groupArgs(entry, config.defaults));
    groupMembers[entry.name] = group.memberSnapshotIds;
  }
  const groups = Object.keys(groupMembers).length > 0 ? { groupMembers } : {};
  return { region: config.region, summaries, snapshotIds, ...groups };
}

/** A group's settings over the stack's defaults; its restores are its `restore` argument. */
function groupArgs(entry: GroupEntry, defaults: StackDefaults): EssdSnapshotGroupArgs {
  const tags = { ...defaults.tags, ...entry.tags };
  return {
    instanceId: entry.instanceId,
    diskIds: entry.diskIds,
    excludeDiskIds: entry.excludeDiskIds,
    // The config check guarantees one of the two.
    retentionDays: (entry.retentionDays ?? defaults.retentionDays) as number,
    groupName: entry.groupName,
    description: entry.description,
    tags: Object.keys(tags).length > 0 ? tags : undefined,
    generation: entry.generation,
    deleteOnDestroy: entry.deleteOnDestroy ?? defaults.deleteOnDestroy,
    customTimeouts: entry.customTimeouts ?? defaults.customTimeouts,
    restore: entry.restore,
  };
}

/** A snapshot's settings over the stack's defaults. */
function snapshotArgs(entry: SnapshotEntry, defaults: StackDefaults): EssdLocalSnapshotArgs {
  const tags = { ...defaults.tags, ...entry.tags };
  return {
    diskId: entry.diskId,
    // The config check guarantees one of the two.
    retentionDays: (entry.retentionDays ?? defaults.retentionDays) as number,
    snapshotName: entry.snapshotName,
    description: entry.description,
    tags: Object.keys(tags).length > 0 ? tags : undefined,
    resourceGroupId: entry.resourceGroupId ?? defaults.resourceGroupId,
    category: entry.category ?? defaults.category,
    eligibility: entry.eligibility ?? defaults.eligibility,
    waitUntil: entry.waitUntil ?? defaults.waitUntil,
    generation: entry.generation,
    deleteOnDestroy: entry.deleteOnDestroy ?? defaults.deleteOnDestroy,
    customTimeouts: entry.customTimeouts ?? defaults.customTimeouts,
    copies: entry.copies,
  };
}

/** The disks and images restored from the snapshot, named `<snapshot>-<name>` by the component. */
function restore(snap: EssdLocalSnapshot, entry: SnapshotEntry): void {
  for (const { name, ...args } of entry.restore?.disks ?? []) snap.createDisk(name, args);
  for (const { name, ...args } of entry.restore?.images ?? []) snap.createImage(name, args);
}

export = essdSnapshots;
