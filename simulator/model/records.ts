/**
 * A disk as DescribeDisks reports it, every field of the provider's `GetEcsDisksDisk`: what the
 * caller gives, and for the rest what ECS reports for an ordinary pay-as-you-go ESSD PL1 data
 * disk. CreateDisk builds its disks with it; the account fixtures build theirs with it too.
 */
import type { SimDisk } from "./types";

export function diskRecord(id: string, fields: Partial<SimDisk> = {}): SimDisk {
  const base: SimDisk = {
    id,
    diskId: id,
    diskName: `disk-${id}`,
    name: `disk-${id}`,
    description: "",
    category: "cloud_essd",
    performanceLevel: "PL1",
    size: 100,
    status: "In_use",
    instanceId: "",
    device: "/dev/xvdb",
    type: "data",
    diskType: "data",
    encrypted: "off",
    kmsKeyId: "",
    zoneId: "",
    availabilityZone: "",
    regionId: "",
    attachedTime: "",
    detachedTime: "",
    creationTime: "",
    expiredTime: "",
    expirationTime: "",
    paymentType: "PayAsYouGo",
    operationLocks: [],
    mountInstanceNum: 0,
    mountInstances: [],
    autoSnapshotPolicyId: "",
    deleteAutoSnapshot: true,
    deleteWithInstance: false,
    enableAutoSnapshot: false,
    enableAutomatedSnapshotPolicy: false,
    imageId: "",
    iops: 6800,
    iopsRead: 0,
    iopsWrite: 0,
    portable: true,
    productCode: "",
    resourceGroupId: "rg-default",
    snapshotId: "",
    tags: {},
  };
  const merged = { ...base, ...fields };
  // Fields ECS reports twice, under two names, and the instance an attached disk is mounted on.
  merged.diskType = merged.type;
  merged.availabilityZone = merged.zoneId;
  if (merged.instanceId && fields.mountInstances === undefined) {
    merged.mountInstances = [
      { instanceId: merged.instanceId, device: merged.device, attachedTime: merged.attachedTime },
    ];
    merged.mountInstanceNum = 1;
  }
  return merged;
}
