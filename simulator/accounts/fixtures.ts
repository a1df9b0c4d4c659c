/**
 * Builders for the disks, instances and snapshots of simulated accounts, filling every field of
 * the provider's output types with what ECS reports for an ordinary pay-as-you-go resource.
 */
import { diskRecord, type SimDisk, type SimInstance, type SimSnapshot } from "../model";

export const REGION = "cn-hangzhou";
export const ZONE = "cn-hangzhou-i";
const CREATED = "2026-01-05T08:00:00Z";
/** When a snapshot made outside the program was taken: before the tests' clock (2026-12-01). */
export const SNAPSHOT_CREATED = "2026-11-20T00:00:00Z";

/** A disk of the fixtures' region and zone, made and attached on {@link CREATED}: an ordinary ESSD PL1 data disk otherwise. */
export function disk(id: string, overrides: Partial<SimDisk> = {}): SimDisk {
  return diskRecord(id, {
    zoneId: ZONE,
    regionId: REGION,
    attachedTime: CREATED,
    creationTime: CREATED,
    ...overrides,
  });
}

export function instance(id: string, overrides: Partial<SimInstance> = {}): SimInstance {
  return {
    id,
    name: `ecs-${id}`,
    description: "",
    status: "Running",
    availabilityZone: ZONE,
    regionId: REGION,
    creationTime: CREATED,
    imageId: "aliyun_3_x64_20G_alibase_20260101.vhd",
    instanceType: "ecs.g7.large",
    instanceChargeType: "PostPaid",
    internetChargeType: "PayByTraffic",
    internetMaxBandwidthOut: 0,
    keyName: "",
    privateIp: "172.16.0.10",
    publicIp: "",
    eip: "",
    ramRoleName: "",
    resourceGroupId: "rg-default",
    securityGroups: ["sg-sim0001"],
    spotStrategy: "NoSpot",
    vpcId: "vpc-sim0001",
    vswitchId: "vsw-sim0001",
    tags: {},
    diskDeviceMappings: [],
    ...overrides,
  };
}

/** An ESSD data disk attached to `instanceId` (In_use). */
export function attached(id: string, instanceId: string, overrides: Partial<SimDisk> = {}): SimDisk {
  return disk(id, { status: "In_use", instanceId, ...overrides });
}

/**
 * A fleet: `diskCount` ESSD disks spread round-robin over `instanceCount` running instances.
 * IDs are stable: `d-fleet0000001`, `i-fleet000001`.
 */
export function fleet(diskCount: number, instanceCount: number): { disks: SimDisk[]; instances: SimInstance[] } {
  const instances = Array.from({ length: instanceCount }, (_, i) =>
    instance(`i-fleet${String(i + 1).padStart(6, "0")}`),
  );
  const disks = Array.from({ length: diskCount }, (_, i) =>
    attached(`d-fleet${String(i + 1).padStart(7, "0")}`, instances[i % instanceCount].id),
  );
  return { disks, instances };
}

/**
 * A snapshot made outside the program: manual, accomplished, instant access, of an ESSD data
 * disk of 100 GiB, kept 30 days from {@link SNAPSHOT_CREATED} (released at 2026-12-20).
 */
export function snapshot(id: string, sourceDiskId: string, overrides: Partial<SimSnapshot> = {}): SimSnapshot {
  const status = overrides.status ?? "accomplished";
  const instantAccess = overrides.instantAccess ?? true;
  return {
    id,
    sourceDiskId,
    sourceDiskSize: 100,
    sourceDiskType: "data",
    encrypted: false,
    kmsKeyId: "",
    category: "standard",
    instantAccess,
    status,
    // Usable once uploaded, or at once with instant access; a failed snapshot never.
    available: status === "accomplished" || (status === "progressing" && instantAccess),
    retentionDays: 30,
    createTime: SNAPSHOT_CREATED,
    snapshotName: "",
    description: "",
    tags: {},
    resourceGroupId: "rg-default",
    snapshotType: "user",
    ...overrides,
  };
}
