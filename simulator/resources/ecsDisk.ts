/**
 * `alicloud:ecs/ecsDisk:EcsDisk` (terraform-provider-alicloud `alicloud/resource_alicloud_ecs_disk.go`;
 * names from @pulumi/alicloud 3.108 `ecs/ecsDisk.d.ts`).
 */
import type { CreateDiskRequest, SimulatedCloud } from "../model";
import { num, str, tags, type Props, type ServedResource } from "../served";

export const ecsDisk = {
  kind: "resource",
  token: "alicloud:ecs/ecsDisk:EcsDisk" as const,
  inputNames: [
    "advancedFeatures",
    "availabilityZone",
    "burstingEnabled",
    "category",
    "deleteAutoSnapshot",
    "deleteWithInstance",
    "description",
    "diskName",
    "dryRun",
    "enableAutoSnapshot",
    "encryptAlgorithm",
    "encrypted",
    "instanceId",
    "kmsKeyId",
    "multiAttach",
    "name",
    "paymentType",
    "performanceLevel",
    "provisionedIops",
    "resourceGroupId",
    "size",
    "snapshotId",
    "storageSetId",
    "storageSetPartitionNumber",
    "tags",
    "type",
    "zoneId",
  ],
  // snapshot_id, zone_id (availability_zone), encrypted, kms_key_id.
  forceNew: { snapshotId: true, zoneId: true, availabilityZone: true, encrypted: true, kmsKeyId: true },
  idPrefix: "d-",

  create(cloud, inputs, idFor) {
    const d = cloud.createDisk(diskRequest(inputs), idFor);
    return { id: d.id, state: diskState(cloud, d.id, inputs) };
  },

  read(cloud, id, inputs) {
    return cloud.disk(id) && diskState(cloud, id, inputs);
  },

  update(cloud, id, _olds, news) {
    cloud.modifyDisk(id, {
      size: num(news.size),
      diskName: str(news.diskName),
      description: str(news.description),
      performanceLevel: str(news.performanceLevel),
      category: str(news.category),
      tags: tags(news.tags) ?? {},
    });
    return diskState(cloud, id, news);
  },

  delete(cloud, id) {
    cloud.deleteDisk(id);
  },
} satisfies ServedResource;

function diskRequest(inputs: Props): CreateDiskRequest {
  return {
    snapshotId: str(inputs.snapshotId),
    size: num(inputs.size) ?? undefined,
    zoneId: str(inputs.zoneId) ?? str(inputs.availabilityZone),
    category: str(inputs.category),
    performanceLevel: str(inputs.performanceLevel),
    encrypted: typeof inputs.encrypted === "boolean" ? inputs.encrypted : undefined,
    kmsKeyId: str(inputs.kmsKeyId),
    diskName: str(inputs.diskName) ?? str(inputs.name),
    description: str(inputs.description),
    tags: tags(inputs.tags),
    resourceGroupId: str(inputs.resourceGroupId),
  };
}

function diskState(cloud: SimulatedCloud, id: string, inputs: Props): Props {
  const d = cloud.disk(id);
  if (!d) return { ...inputs };
  return {
    ...inputs,
    category: d.category,
    size: d.size,
    zoneId: d.zoneId,
    availabilityZone: d.zoneId,
    encrypted: d.encrypted === "on",
    kmsKeyId: d.kmsKeyId,
    diskName: d.diskName,
    name: d.diskName,
    description: d.description,
    performanceLevel: d.performanceLevel,
    // The provider reads snapshot_id back from SourceSnapshotId, even once the snapshot is released.
    snapshotId: d.snapshotId,
    status: d.status,
    tags: d.tags,
    regionId: cloud.regionId,
    paymentType: d.paymentType,
    resourceGroupId: d.resourceGroupId,
    createTime: d.creationTime,
  };
}
