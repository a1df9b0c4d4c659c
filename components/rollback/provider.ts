/**
 * The rollback resource's code, run by the dynamic provider plugin from the installed library
 * (components/internal/dynamic.ts): ResetDisk through the official SDK (components/ecs), with
 * the instance stopped and started around it when the caller allowed it.
 *
 * Its diff is the promise "never on a plain re-run": the disk is reset when the resource is
 * created, and again only when `diskId`, `snapshotId` or `request` change
 * (rules/rollback.ts `rollsBackAgain`). A change of the other inputs is recorded without a call;
 * deleting the resource calls nothing (a rollback is not undone by forgetting it; the safety
 * snapshot, a resource of its own, says how to undo it).
 */
import type * as pulumi from "@pulumi/pulumi";

import { EcsClient, type EcsDisk, type EcsInstance, type EcsSnapshot } from "../ecs";
import {
  checkRollback,
  describeRollbackRefusal,
  rollsBackAgain,
  stopsInstance,
  type RollbackFacts,
} from "../rules/rollback";

/** The kind under which the library's provider registry (components/internal/providers.ts) runs it. */
export const DISK_ROLLBACK_KIND = "DiskRollback";

/** What the component gives the resource. */
export interface RollbackInputs {
  /** The component's name, for sentences. */
  name: string;
  regionId: string;
  diskId: string;
  snapshotId: string;
  /** What names this rollback; a change rolls the disk back again. */
  request: string;
  stopInstance: boolean;
  /** The safety snapshot taken first; empty without one. */
  safetySnapshotId: string;
}

/** What the resource records once the disk is reset. */
export interface RollbackOutputs extends RollbackInputs {
  /** When ResetDisk returned (the machine's clock). */
  resetAt: string;
  /** The instance the rollback stopped and started again; empty when it stopped none. */
  stoppedInstanceId: string;
}

/** The ECS calls a rollback makes: EcsClient's, narrowed for tests. */
export type RollbackClient = Pick<
  EcsClient,
  "describeDisks" | "describeInstances" | "describeSnapshots" | "resetDisk" | "stopInstance" | "startInstance"
>;

export interface RollbackWaits {
  /** Between two reads of the instance's status; default 2 s. */
  pollMs?: number;
  /** How long the instance may take to stop or start; default 10 minutes. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The rollback itself: the disk, its instance and the snapshot read again (the cloud may have
 * changed since the preview, and DescribeSnapshots tells a copy, which the provider's data source
 * does not), the same rules as the preview, then StopInstance (waited for), ResetDisk,
 * StartInstance (waited for). An instance this stopped is started again even when ResetDisk fails.
 */
export async function rollBack(
  inputs: RollbackInputs,
  ecs: RollbackClient,
  waits: RollbackWaits = {},
): Promise<RollbackOutputs> {
  const [disk] = await ecs.describeDisks([inputs.diskId]);
  const [snapshot] = await ecs.describeSnapshots({ snapshotIds: [inputs.snapshotId] });
  const instance = disk?.instanceId ? ((await ecs.describeInstances([disk.instanceId]))[0] ?? null) : undefined;
  const facts = factsOf(inputs, disk, instance, snapshot);
  const problems = checkRollback(facts);
  if (problems.length > 0) throw new Error(describeRollbackRefusal(inputs.name, problems));

  const stopped = stopsInstance(facts) && instance ? instance.instanceId : "";
  if (stopped) {
    await ecs.stopInstance(stopped);
    await waitForInstance(ecs, stopped, "Stopped", waits);
  }
  let resetAt: string;
  try {
    await ecs.resetDisk(inputs.diskId, inputs.snapshotId);
    resetAt = new Date().toISOString();
  } finally {
    if (stopped) {
      await ecs.startInstance(stopped);
      await waitForInstance(ecs, stopped, "Running", waits);
    }
  }
  return { ...inputs, resetAt, stoppedInstanceId: stopped };
}

/** The rules' facts from ECS's answers. */
export function factsOf(
  inputs: RollbackInputs,
  disk: EcsDisk | undefined,
  instance: EcsInstance | null | undefined,
  snapshot: EcsSnapshot | undefined,
): RollbackFacts {
  return {
    name: inputs.name,
    diskId: inputs.diskId,
    snapshotId: inputs.snapshotId,
    regionId: inputs.regionId,
    stopInstance: inputs.stopInstance,
    disk: disk && {
      id: disk.diskId,
      status: disk.status,
      instanceId: disk.instanceId,
      lockReasons: disk.operationLocks,
    },
    instance: instance && { id: instance.instanceId, status: instance.status },
    snapshot: snapshot && {
      id: snapshot.snapshotId,
      sourceDiskId: snapshot.sourceDiskId,
      status: snapshot.status,
      available: snapshot.available,
      creationTime: snapshot.creationTime,
      sourceSnapshotId: snapshot.sourceSnapshotId,
      sourceRegionId: snapshot.sourceRegionId,
    },
  };
}

async function waitForInstance(
  ecs: RollbackClient,
  instanceId: string,
  status: string,
  { pollMs = 2000, timeoutMs = 10 * 60 * 1000, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: RollbackWaits,
): Promise<void> {
  let last = "";
  for (let waited = 0; waited <= timeoutMs; waited += pollMs) {
    last = (await ecs.describeInstances([instanceId]))[0]?.status ?? "not found";
    if (last === status) return;
    await sleep(pollMs);
  }
  throw new Error(
    `Instance ${instanceId} is still ${last} after ${Math.round(timeoutMs / 1000)} s; expected ${status}. Check it in the ECS console; run \`pulumi up\` again once it is ${status}.`,
  );
}

/** The client for the resource's region: the alicloud provider's credential sources, `ESSD_ECS_ENDPOINT` for tests. */
function clientFor(inputs: RollbackInputs): EcsClient {
  return new EcsClient({ regionId: inputs.regionId });
}

/** The provider the registry runs for {@link DISK_ROLLBACK_KIND}. */
export const diskRollbackProvider: pulumi.dynamic.ResourceProvider = {
  diff(_id: string, olds: RollbackOutputs, news: RollbackInputs): Promise<pulumi.dynamic.DiffResult> {
    const again = rollsBackAgain(
      olds as unknown as Record<string, unknown>,
      news as unknown as Record<string, unknown>,
    );
    return Promise.resolve({
      changes: again,
      replaces: olds.diskId !== news.diskId ? ["diskId"] : [],
      deleteBeforeReplace: false,
    });
  },
  async create(inputs: RollbackInputs): Promise<pulumi.dynamic.CreateResult> {
    const outs = await rollBack(inputs, clientFor(inputs));
    return { id: `${inputs.diskId}@${outs.resetAt}`, outs };
  },
  async update(_id: string, _olds: RollbackOutputs, news: RollbackInputs): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: await rollBack(news, clientFor(news)) };
  },
  delete(): Promise<void> {
    return Promise.resolve();
  },
};
