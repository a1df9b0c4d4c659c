/**
 * `alicloud:ecs/ecsDisk:EcsDisk` (terraform-provider-alicloud v1.289.0
 * `alicloud/resource_alicloud_ecs_disk.go`; names from @pulumi/alicloud 3.108 `ecs/ecsDisk.d.ts`).
 */
import type { CreateDiskRequest, SimulatedCloud } from "../model";
import { num, str, tags, type IsUnknown, type Props, type ServedResource } from "../served";
import { ResourceInitFailed, WaitTimeout, incrementalWait, needRetry, retry, waitForState } from "../waits";

/** The disk categories 3.108 accepts (:38-43; `ecsDisk.d.ts` `category`): no cloud_regional_disk_auto. */
export const DISK_CATEGORIES = [
  "cloud",
  "cloud_efficiency",
  "cloud_essd",
  "cloud_ssd",
  "cloud_auto",
  "cloud_essd_entry",
  "elastic_ephemeral_disk_standard",
  "elastic_ephemeral_disk_premium",
] as const;

/** Inputs that update in place (ModifyDiskAttribute, ResizeDisk, ModifyDiskSpec: :440-600). */
const IN_PLACE = ["size", "category", "performanceLevel", "diskName", "description"] as const;

/** CreateDisk retried on these codes or NeedRetry (:275-286). */
const CREATE_RETRY = ["ServiceUnavailable", "UnknownError", "LastTokenProcessing"];

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
  enums: {
    category: { field: "category", values: DISK_CATEGORIES },
    paymentType: { field: "payment_type", values: ["PayAsYouGo", "Subscription"] },
    performanceLevel: { field: "performance_level", values: ["PL0", "PL1", "PL2", "PL3"] },
    type: { field: "type", values: ["offline", "online"] },
  },
  // category Default cloud_efficiency (:42), delete_auto_snapshot Default false (:51).
  defaults: { category: "cloud_efficiency", deleteAutoSnapshot: false },
  // encrypted :86, kms_key_id :97, multi_attach :103, snapshot_id :142, storage_set_id :151,
  // storage_set_partition_number :156, zone_id :168, availability_zone :175.
  forceNew: {
    snapshotId: true,
    zoneId: true,
    availabilityZone: true,
    encrypted: true,
    kmsKeyId: true,
    multiAttach: true,
    storageSetId: true,
    storageSetPartitionNumber: true,
  },
  idPrefix: "d-",
  // Timeouts: Create 5, Update 15, Delete 5 minutes (:24-28).
  timeouts: { create: 5, update: 15, delete: 5 },

  create(cloud, inputs, op) {
    const retryable = (err: unknown) =>
      needRetry(err) || (err instanceof Error && CREATE_RETRY.some((c) => (err as { code?: string }).code === c));
    // One ClientToken for every attempt (buildClientToken at :206, before the retry loop at :276).
    const request = {
      ...diskRequest(inputs),
      clientToken: `CreateDisk-${cloud.now().toISOString()}-${cloud.state.nextId}`,
    };
    const d = retry(cloud, { timeoutMs: op.timeoutMs, retryable, sleepMs: incrementalWait(3000, 5000) }, () =>
      cloud.createDisk(request, op.idFor),
    );
    // Waits for Available or In_use, 10 s delay (:295-302: `fmt.Sprint(nil)` is "<nil>", so always).
    try {
      waitForState(cloud, {
        target: ["Available", "In_use"],
        refresh: () => cloud.disk(d.id)?.status ?? "",
        timeoutMs: op.timeoutMs,
        delayMs: 10_000,
        where: { file: "resource_alicloud_ecs_disk.go", line: 300, id: d.id },
      });
    } catch (err) {
      if (err instanceof WaitTimeout) throw new ResourceInitFailed(d.id, diskState(cloud, d.id, inputs), err);
      throw err;
    }
    return { id: d.id, state: diskState(cloud, d.id, inputs) };
  },

  // The bridge diffs the state against the program: a disk made larger than asked (from a larger
  // snapshot) shows `size` changed at the next update, which then tries to shrink it.
  drift(olds, news, isUnknown: IsUnknown) {
    return IN_PLACE.filter(
      (k) =>
        news[k] !== undefined &&
        news[k] !== null &&
        !isUnknown(news[k]) &&
        olds[k] !== undefined &&
        news[k] !== olds[k],
    );
  },

  read(cloud, id, inputs) {
    return cloud.disk(id) && diskState(cloud, id, inputs);
  },

  update(cloud, id, _olds, news, op) {
    retry(cloud, { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 5000) }, () =>
      cloud.modifyDisk(id, {
        size: num(news.size),
        diskName: str(news.diskName),
        description: str(news.description),
        performanceLevel: str(news.performanceLevel),
        category: str(news.category),
        tags: tags(news.tags) ?? {},
      }),
    );
    return diskState(cloud, id, news);
  },

  delete(cloud, id, _state, op) {
    // DescribeDisks first: a disk already gone is deleted (:631-679).
    if (!cloud.disk(id)) return;
    retry(cloud, { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 5000) }, () =>
      cloud.deleteDisk(id),
    );
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
