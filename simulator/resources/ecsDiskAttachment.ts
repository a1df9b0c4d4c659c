/**
 * `alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment` (terraform-provider-alicloud v1.289.0
 * `alicloud/resource_alicloud_ecs_disk_attachment.go`, Read through `service_alicloud_ecs.go`;
 * names from @pulumi/alicloud 3.108 `ecs/ecsDiskAttachment.d.ts`). Every change of `diskId` or
 * `instanceId` replaces it; `deleteWithInstance` updates as a no-op.
 */
import { str, type Props, type ServedResource } from "../served";
import {
  ResourceInitFailed,
  WaitTimeout,
  incrementalWait,
  isExpectedError,
  needRetry,
  retry,
  waitForState,
} from "../waits";

/** How long AttachDisk takes under the mocks door: the disk is In_use only once it is done. */
const ATTACH_DELAY_MS = 20;

/** AttachDisk is retried on NeedRetry or these (:96-107); DetachDisk also on DisksDetachingOnEcsExceeded. */
const ATTACH_RETRY = [
  "IncorrectDiskStatus",
  "IncorrectInstanceStatus",
  "OperationConflict",
  "InternalError",
  "InvalidOperation.Conflict",
  "IncorrectDiskStatus.Initializing",
];

export const ecsDiskAttachment = {
  kind: "resource",
  token: "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment" as const,
  inputNames: ["bootable", "deleteWithInstance", "diskId", "instanceId", "keyPairName", "password"],
  // bootable Default false (:30), delete_with_instance Default false (:36).
  defaults: { bootable: false, deleteWithInstance: false },
  // bootable, disk_id, instance_id, key_pair_name, password (:27-61).
  forceNew: { bootable: true, diskId: true, instanceId: true, keyPairName: true, password: true },
  idPrefix: "d-",
  // Timeouts: Create 10, Delete 10 minutes; no Update (:22-25).
  timeouts: { create: 10, delete: 10 },
  createDelayMs: ATTACH_DELAY_MS,

  create(cloud, inputs, op) {
    const diskId = str(inputs.diskId) ?? "";
    const instanceId = str(inputs.instanceId) ?? "";
    const retryable = (err: unknown) => needRetry(err) || isExpectedError(err, ATTACH_RETRY);
    const a = retry(cloud, { timeoutMs: op.timeoutMs, retryable, sleepMs: incrementalWait(3000, 3000) }, () =>
      cloud.attachDisk(diskId, instanceId),
    );
    const state = { ...inputs, diskId: a.diskId, instanceId: a.instanceId, device: a.device };
    // Then waits for the disk In_use, no delay (:114-116).
    try {
      waitForState(cloud, {
        target: ["In_use"],
        refresh: () => cloud.disk(diskId)?.status ?? "",
        timeoutMs: op.timeoutMs,
        delayMs: 0,
        where: { file: "resource_alicloud_ecs_disk_attachment.go", line: 116, id: a.id },
      });
    } catch (err) {
      if (err instanceof WaitTimeout) throw new ResourceInitFailed(a.id, state, err);
      throw err;
    }
    return { id: a.id, state };
  },

  // Read (:150-168) through DescribeEcsDiskAttachment (service_alicloud_ecs.go:714-728): the ID is
  // `<diskId>:<instanceId>`; NotFound when the disk is gone, or when it is on another instance (or
  // none) and not In_use. A disk In_use on another instance reads as that instance.
  read(cloud, id, inputs) {
    const [diskId, recorded] = id.split(":");
    const d = cloud.disk(diskId);
    if (!d) return undefined;
    if (d.instanceId !== recorded && d.status !== "In_use") return undefined;
    return { ...inputs, diskId: d.id, instanceId: d.instanceId, device: d.device };
  },

  // delete_with_instance is not ForceNew and its Update is a no-op (:169-172).
  update(_cloud, _id, olds: Props, news: Props) {
    return { ...olds, ...news, diskId: olds.diskId, instanceId: olds.instanceId };
  },

  delete(cloud, id, state, op) {
    const diskId = str(state.diskId) ?? id.split(":")[0];
    const instanceId = str(state.instanceId) ?? id.split(":")[1];
    const retryable = (err: unknown) =>
      needRetry(err) || isExpectedError(err, [...ATTACH_RETRY, "DisksDetachingOnEcsExceeded"]);
    retry(cloud, { timeoutMs: op.timeoutMs, retryable, sleepMs: incrementalWait(3000, 3000) }, () =>
      cloud.detachDisk(diskId, instanceId),
    );
    // Then waits for the disk Available, no delay; a disk gone is done (:207-211).
    waitForState(cloud, {
      target: ["Available", ""],
      refresh: () => cloud.disk(diskId)?.status ?? "",
      timeoutMs: op.timeoutMs,
      delayMs: 0,
      where: { file: "resource_alicloud_ecs_disk_attachment.go", line: 211, id },
    });
  },
} satisfies ServedResource;
