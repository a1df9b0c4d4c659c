/**
 * The group's check: its disks as ECS reports them (the program's shared lookups, and one
 * getEcsDisks of the instance to list its disks), the region's manual snapshots, and whether the
 * group of this generation exists already. A group to be made is refused, every problem naming
 * its disk, before any CreateSnapshotGroup; an existing group is kept, with warnings.
 */
import * as pulumi from "@pulumi/pulumi";
import { getEcsDisks, getEcsSnapshotGroups, getInstances } from "@pulumi/alicloud/ecs";

import { UserFacingError } from "../internal/errors";
import { lookupDisk, lookupSnapshots, type ProviderDisk } from "../lookups";
import { checkGroup, describeGroupRefusal, GROUP_TAG, type GroupDisk, type GroupProblem } from "../rules/groups";
import { GENERATION_TAG } from "../rules/inputs";
import type { SourceDisk } from "../snapshot/args";
import { diskFacts } from "../snapshot/check";
import { toSourceDisk } from "../snapshot/source";

/** What the check decided. */
export interface GroupVerdict {
  /** The disks the group is made of, in the instance's order. */
  diskIds: string[];
  /** GiB of those disks in all: the create timeout waits for every upload. */
  totalGiB: number;
  /** The group of this generation exists: it is kept, not made again. */
  exists: boolean;
  problems: GroupProblem[];
  /** Each member disk's facts, for the disks restored from its snapshot. */
  sources: Record<string, SourceDisk>;
}

export interface GroupCheck {
  resource: pulumi.Resource;
  name: string;
  instanceId: string;
  diskIds?: string[];
  excludeDiskIds?: string[];
  owner: string;
  generation?: string;
  provider?: pulumi.ProviderResource;
}

/** Looks the instance's disks up and applies the rules; rejects with the refusal when the group cannot be made. */
export async function checkGroupDisks(c: GroupCheck): Promise<GroupVerdict> {
  const opts: pulumi.InvokeOptions = c.provider ? { provider: c.provider } : {};
  let facts;
  try {
    facts = await gather(c, opts);
  } catch (err) {
    throw new UserFacingError(
      `The disks of instance ${c.instanceId} could not be checked for snapshot group "${c.name}", so no group is attempted: ${err instanceof Error ? err.message : String(err)}`,
      c.resource,
    );
  }
  const problems = checkGroup(facts.facts);
  if (problems.length > 0 && !facts.exists)
    throw new UserFacingError(describeGroupRefusal(c.name, c.instanceId, problems), c.resource);
  if (problems.length > 0)
    void pulumi.log.warn(
      `${describeGroupRefusal(c.name, c.instanceId, problems)}\nThe group of this generation exists already and is kept; a new generation would be refused.`,
      c.resource,
    );
  return {
    diskIds: facts.facts.disks.map((d) => d.id),
    totalGiB: facts.facts.disks.reduce((sum, d) => sum + d.sizeGiB, 0),
    exists: facts.exists,
    problems,
    sources: facts.sources,
  };
}

async function gather(c: GroupCheck, opts: pulumi.InvokeOptions) {
  const [listed, groups, index] = await Promise.all([
    getEcsDisks({ instanceId: c.instanceId }, opts),
    getEcsSnapshotGroups({ instanceId: c.instanceId }, opts),
    lookupSnapshots(c.provider),
  ]);
  // Filtered here too: whether the data source sends InstanceId to ECS or not, the answer is the same.
  const own = (listed.disks ?? []).filter((d) => d.instanceId === c.instanceId);
  const exclude = new Set(c.excludeDiskIds ?? []);
  const wanted = c.diskIds ?? own.map((d) => d.id).filter((id) => !exclude.has(id));
  const lookups = await Promise.all(wanted.map((id) => lookupDisk(id, c.provider)));
  let instance = lookups.find((l) => l.disk?.instanceId === c.instanceId)?.instance;
  if (instance === undefined) {
    const found = await getInstances({ ids: [c.instanceId], enableDetails: false }, opts);
    instance = (found.instances ?? []).find((i) => i.id === c.instanceId) ?? null;
  }
  const disks: GroupDisk[] = [];
  const sources: Record<string, SourceDisk> = {};
  const missing: string[] = [];
  const foreign: { id: string; instanceId: string }[] = [];
  wanted.forEach((id, i) => {
    const d = lookups[i].disk;
    if (!d) missing.push(id);
    else if (d.instanceId !== c.instanceId) foreign.push({ id, instanceId: d.instanceId });
    else {
      disks.push(groupDisk(d, index.byDisk.get(id) ?? []));
      sources[id] = toSourceDisk(d);
    }
  });
  const generation = c.generation ?? null;
  const exists = (groups.groups ?? []).some(
    (g) =>
      g.tags?.[GROUP_TAG] === c.owner &&
      (Object.prototype.hasOwnProperty.call(g.tags ?? {}, GENERATION_TAG) ? g.tags?.[GENERATION_TAG] : null) ===
        generation,
  );
  return {
    exists,
    sources,
    facts: {
      instanceId: c.instanceId,
      regionId: own[0]?.regionId ?? lookups.find((l) => l.disk)?.disk?.regionId ?? "",
      instance: instance ? { id: instance.id, status: instance.status } : null,
      disks,
      missing,
      foreign,
      strayExclusions: [...exclude].filter((id) => !own.some((d) => d.id === id)),
    },
  };
}

function groupDisk(d: ProviderDisk, snapshots: { status: string; id: string }[]): GroupDisk {
  return {
    ...diskFacts(d),
    zoneId: d.zoneId,
    sizeGiB: d.size,
    mountCount: Math.max(d.mountInstanceNum ?? 0, (d.mountInstances ?? []).length),
    manualSnapshots: snapshots.length,
    uploading: snapshots.find((s) => s.status === "progressing")?.id,
  };
}
