/**
 * The rollback's preview check: the disk and its instance as the provider reports them (the
 * shared, batched lookup of lookups.ts), and the snapshot by ID in the disk's region
 * (getEcsSnapshots), checked by rules/rollback.ts. It resolves with what the reviewer reads and
 * every problem found: whether they refuse the preview depends on whether this update rolls
 * the disk back at all (component.ts), which only the engine's diff decides.
 */
import * as pulumi from "@pulumi/pulumi";
import { getEcsSnapshots } from "@pulumi/alicloud/ecs";

import { resolveRegion, stackRegion } from "../ecs/region";
import { lookupDisk, type ProviderSnapshot } from "../lookups";
import { checkRollback, describeRollbackPlan, type RollbackFacts, type RollbackPlan } from "../rules/rollback";

/** What the check found: the disk's region, the plan the reviewer reads, and why ECS would refuse it. */
export interface RollbackVerdict extends RollbackPlan {
  regionId: string;
  /** Every reason ECS would refuse ResetDisk now; empty when it would take it. */
  problems: string[];
}

export interface RollbackCheck {
  name: string;
  provider: pulumi.ProviderResource | undefined;
  safetySnapshot: boolean;
}

/** Looks the facts up and checks them. */
export async function checkRollbackNow(
  check: RollbackCheck,
  diskId: string,
  snapshotId: string,
  stopInstance: boolean,
): Promise<RollbackVerdict> {
  const lookup = await lookupDisk(diskId, check.provider);
  const regionId = lookup.disk?.regionId || resolveRegion({ configRegion: stackRegion() }).regionId;
  const answer = await getEcsSnapshots({ ids: [snapshotId] }, check.provider ? { provider: check.provider } : {});
  const found = (answer.snapshots ?? []).find((s: ProviderSnapshot) => (s.snapshotId || s.id) === snapshotId);
  const d = lookup.disk;
  const facts: RollbackFacts = {
    name: check.name,
    diskId,
    snapshotId,
    regionId,
    stopInstance,
    disk: d && {
      id: d.id,
      status: d.status,
      instanceId: d.instanceId,
      lockReasons: (d.operationLocks ?? []).map((l) => l.lockReason),
    },
    instance: lookup.instance && { id: lookup.instance.id, status: lookup.instance.status },
    snapshot: found && {
      id: snapshotId,
      sourceDiskId: found.sourceDiskId || found.diskId,
      status: found.status,
      instantAccess: found.instantAccess,
      creationTime: found.creationTime,
    },
  };
  if (lookup.instance === null) facts.instance = null;
  const problems = checkRollback(facts);
  const plan = describeRollbackPlan({
    diskId,
    snapshotId,
    instance: facts.instance,
    stopInstance,
    snapshotTime: found?.creationTime || undefined,
    safetySnapshot: check.safetySnapshot,
  });
  return { ...plan, regionId, problems };
}
