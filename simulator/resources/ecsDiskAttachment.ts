/**
 * `alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment` (terraform-provider-alicloud
 * `alicloud/resource_alicloud_ecs_disk_attachment.go`; names from @pulumi/alicloud 3.108
 * `ecs/ecsDiskAttachment.d.ts`). Every change replaces it: it has no Update.
 */
import { str, type ServedResource } from "../served";

/** How long AttachDisk takes under the mocks door: the disk is In_use only once it is done. */
const ATTACH_DELAY_MS = 20;

export const ecsDiskAttachment = {
  kind: "resource",
  token: "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment" as const,
  inputNames: ["bootable", "deleteWithInstance", "diskId", "instanceId", "keyPairName", "password"],
  // disk_id and instance_id.
  forceNew: { diskId: true, instanceId: true },
  createDelayMs: ATTACH_DELAY_MS,

  create(cloud, inputs) {
    const a = cloud.attachDisk(str(inputs.diskId) ?? "", str(inputs.instanceId) ?? "");
    return { id: a.id, state: { ...inputs, diskId: a.diskId, instanceId: a.instanceId, device: a.device } };
  },

  read(cloud, id, inputs) {
    const a = cloud.attachment(id);
    return a && { ...inputs, diskId: a.diskId, instanceId: a.instanceId, device: a.device };
  },

  delete(cloud, _id, state) {
    // The attachment's delete detaches the disk.
    cloud.detachDisk(str(state.diskId) ?? "", str(state.instanceId) ?? "");
  },
} satisfies ServedResource;
