/**
 * The rollback's preview check: the disk and its instance as the provider reports them (the
 * shared, batched lookup of lookups.ts), and the snapshot by ID in the disk's region
 * (getEcsSnapshots), checked by rules/rollback.ts. It resolves with what the reviewer reads, or
 * rejects with every problem at once, bound to the component.
 */
import * as pulumi from "@pulumi/pulumi";
import { getEcsSnapshots } from "@pulumi/alicloud/ecs";

import { resolveRegion, stackRegion } from "../ecs/region";
import { UserFacingError } from "../internal/errors";
import { lookupDisk, type ProviderSnapshot } from "../lookups";
import {
  checkRollback,
  describeRollbackPlan,
  describeRollbackRefusal,
  type RollbackFacts,
  type RollbackPlan,
} from "../rules/rollback";

/** What the check found: the disk's region and the plan the reviewer reads. */
export interface RollbackVerdict extends RollbackPlan {
  regionId: string;
}

export interface RollbackCheck {
  resource: pulumi.Resource;
  name: string;
  provider: pulumi.ProviderResource | undefined;
  safetySnapshot: boolean;
}

/** Looks the facts up and checks them; rejects with the refusal (a {@link UserFacingError}). */
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
  if (problems.length > 0) throw new UserFacingError(describeRollbackRefusal(check.name, problems), check.resource);
  const plan = describeRollbackPlan({
    diskId,
    snapshotId,
    instance: facts.instance,
    stopInstance,
    snapshotTime: found?.creationTime || undefined,
    safetySnapshot: check.safetySnapshot,
  });
  return { ...plan, regionId };
}
