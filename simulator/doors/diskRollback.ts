/**
 * The library's DiskRollback reset (essd-snapshots components/rollback/provider.ts) as the mocks
 * door serves it: what that provider asks of ECS, done to the model through its operations, so
 * ECS's refusals are the model's (ResetDisk, StopInstance, StartInstance in model/recovery.ts),
 * not the component's. Its waits for the instance advance the cloud's clock instead of sleeping,
 * as the provider's waits do here (waits.ts). Under the engine the real provider runs instead,
 * against the local ECS API over the same model.
 */
import {
  STARTING_SECONDS,
  STOPPING_SECONDS,
  resetDisk,
  startInstance,
  stopInstance,
  type SimulatedCloud,
} from "../model";

type Inputs = Record<string, unknown>;

/**
 * Stops the disk's Running instance when `stopInstance` allows it (and waits until Stopped),
 * ResetDisk, then starts the instance it stopped (and waits until Running), also when ResetDisk
 * is refused. The state: the inputs, `resetAt` (the cloud's time) and `stoppedInstanceId`.
 */
export function diskRollback(cloud: SimulatedCloud, inputs: Inputs): { id: string; state: Inputs } {
  const regionId = typeof inputs.regionId === "string" && inputs.regionId ? inputs.regionId : cloud.regionId;
  const diskId = typeof inputs.diskId === "string" ? inputs.diskId : "";
  const snapshotId = typeof inputs.snapshotId === "string" ? inputs.snapshotId : "";
  const instanceId = cloud.disk(diskId)?.instanceId ?? "";
  const running = instanceId !== "" && cloud.instance(instanceId)?.status === "Running";
  const stopped = inputs.stopInstance === true && running ? instanceId : "";
  if (stopped) {
    stopInstance(cloud, regionId, stopped);
    cloud.advance(STOPPING_SECONDS * 1000);
  }
  try {
    const reset = resetDisk(cloud, { regionId, diskId, snapshotId });
    return { id: `${diskId}@${reset.at}`, state: { ...inputs, resetAt: reset.at, stoppedInstanceId: stopped } };
  } finally {
    if (stopped) {
      startInstance(cloud, regionId, stopped);
      cloud.advance(STARTING_SECONDS * 1000);
    }
  }
}
