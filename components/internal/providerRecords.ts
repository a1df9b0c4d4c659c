/**
 * What the ECS API answers, as the provider's data sources would report it: a DescribeDisks
 * item as `getEcsDisks` maps it into a `disks` entry, a DescribeInstances item as
 * `getInstances` with `enableDetails: false` maps it into an `instances` entry. The lookups
 * that go to the ECS API directly (lookups.ts) hand these to the same rules as the
 * provider's answers. Pure.
 *
 * Sources (terraform-provider-alicloud v1.289.0):
 * - `alicloud/data_source_alicloud_ecs_disks.go` lines 539–624 (the `mapping`, `encrypted` "on"
 *   or "off", `payment_type` through `convertEcsDiskPaymentTypeResponse`,
 *   resource_alicloud_ecs_disk.go:681, `mount_instances`, `operation_locks`, and `tags` without
 *   the keys `ignoredTags`, tags.go:746, leaves out);
 * - `alicloud/data_source_alicloud_instances.go` lines 448–480 (the `mapping`; `private_ip` the
 *   first inner (classic) address, else the first VPC one; `public_ip` the first public
 *   address, else the EIP; `tags` through `tagsToMap`, service_alicloud_ecs.go:1591, which
 *   leaves out the same keys). Without details (line 365) there is no `ram_role_name` and no
 *   `disk_device_mappings`: empty here.
 */
import type * as alicloud from "@pulumi/alicloud";

import type { EcsDisk, EcsInstance } from "../ecs/client";

type ProviderDisk = alicloud.types.output.ecs.GetEcsDisksDisk;
type ProviderInstance = alicloud.types.output.ecs.GetInstancesInstance;

/** Tag keys the provider leaves out of what it reads (`ignoredTags`, `ecsTagIgnored`). */
export const IGNORED_TAG_KEY = /^(aliyun|acs:|http:\/\/|https:\/\/)/;

/** The tags without the keys the provider leaves out. */
export function providerTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !IGNORED_TAG_KEY.test(k)));
}

/** DiskChargeType as the provider names it (`convertEcsDiskPaymentTypeResponse`). */
function paymentType(diskChargeType: string): string {
  if (diskChargeType === "PostPaid") return "PayAsYouGo";
  if (diskChargeType === "PrePaid") return "Subscription";
  return diskChargeType;
}

/** A DescribeDisks item as the provider's getEcsDisks reports it. */
export function providerDisk(d: EcsDisk): ProviderDisk {
  return {
    id: d.diskId,
    diskId: d.diskId,
    diskName: d.diskName,
    name: d.diskName,
    description: d.description,
    category: d.category,
    performanceLevel: d.performanceLevel,
    size: d.size,
    status: d.status,
    type: d.type,
    diskType: d.type,
    instanceId: d.instanceId,
    device: d.device,
    encrypted: d.encrypted ? "on" : "off",
    kmsKeyId: d.kmsKeyId,
    zoneId: d.zoneId,
    availabilityZone: d.zoneId,
    regionId: d.regionId,
    attachedTime: d.attachedTime,
    detachedTime: d.detachedTime,
    creationTime: d.creationTime,
    expiredTime: d.expiredTime,
    expirationTime: d.expiredTime,
    paymentType: paymentType(d.diskChargeType),
    snapshotId: d.sourceSnapshotId,
    imageId: d.imageId,
    portable: d.portable,
    resourceGroupId: d.resourceGroupId,
    productCode: d.productCode,
    autoSnapshotPolicyId: d.autoSnapshotPolicyId,
    deleteAutoSnapshot: d.deleteAutoSnapshot,
    deleteWithInstance: d.deleteWithInstance,
    enableAutoSnapshot: d.enableAutoSnapshot,
    enableAutomatedSnapshotPolicy: d.enableAutomatedSnapshotPolicy,
    iops: d.iops,
    iopsRead: d.iopsRead,
    iopsWrite: d.iopsWrite,
    mountInstanceNum: d.mountInstanceNum,
    mountInstances: d.mountInstances.map((m) => ({ ...m })),
    operationLocks: d.operationLocks.map((lockReason) => ({ lockReason })),
    tags: providerTags(d.tags),
  };
}

/** A DescribeInstances item as the provider's getInstances reports it with `enableDetails: false`. */
export function providerInstance(i: EcsInstance): ProviderInstance {
  return {
    id: i.instanceId,
    name: i.instanceName,
    description: i.description,
    status: i.status,
    availabilityZone: i.zoneId,
    regionId: i.regionId,
    instanceType: i.instanceType,
    imageId: i.imageId,
    creationTime: i.creationTime,
    resourceGroupId: i.resourceGroupId,
    instanceChargeType: i.instanceChargeType,
    internetChargeType: i.internetChargeType,
    internetMaxBandwidthOut: i.internetMaxBandwidthOut,
    keyName: i.keyPairName,
    spotStrategy: i.spotStrategy,
    vpcId: i.vpcId,
    vswitchId: i.vSwitchId,
    privateIp: i.innerIps[0] ?? i.vpcPrivateIps[0] ?? "",
    publicIp: i.publicIps[0] ?? i.eip,
    eip: i.eip,
    securityGroups: [...i.securityGroupIds],
    ramRoleName: "",
    diskDeviceMappings: [],
    tags: providerTags(i.tags),
  };
}
