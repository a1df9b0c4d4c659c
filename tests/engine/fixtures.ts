/** The accounts and stack files the engine tests run on. */
import { SimProject } from "./sim";

/** The simulated cloud's clock when a scenario's first `up` runs. */
export const T0 = "2026-12-01T00:00:00Z";

/** Instances and disks for every scenario: eligible ones, and one refused per reason. */
export const ACCOUNT = `
regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances:
  - { id: i-bp1app01 }
  - { id: i-bp1standby01 }
  - { id: i-bp1starting01, status: Starting }
disks:
  - { id: d-bp1appdata01, instanceId: i-bp1app01, size: 100 }
  - { id: d-bp1appsys01, instanceId: i-bp1app01, type: system, size: 40, device: /dev/xvda }
  - { id: d-bp1efficiency01, instanceId: i-bp1app01, category: cloud_efficiency }
  - { id: d-bp1neverattached01, status: Available, attachedTime: "" }
  - { id: d-bp1starting01, instanceId: i-bp1starting01 }
`;

/**
 * The shared account with a 1000 GiB data disk and slow uploads (8 MiB/s, an invented figure like
 * the default 32): a snapshot of it uploads for about 35 hours, longer than the timeout the
 * component gives an update from the disk's size alone (10 minutes plus one per GiB).
 */
export const BIG_ACCOUNT = `uploadMiBPerSecond: 8${ACCOUNT}  - { id: d-bp1big01, instanceId: i-bp1app01, size: 1000 }
`;

/** `minutes` after the ISO time `from`, as ISO 8601 (for the simulated clock). */
export function at(from: string, minutes: number): string {
  return new Date(Date.parse(from) + minutes * 60_000).toISOString().replace(/\.000Z$/, "Z");
}

/** A data disk restored to a standby instance, and a golden image from the system disk, at a generation. */
export function restoresStack(generation: string, extra = ""): string {
  return `
config:
  alicloud:region: cn-hangzhou
  essd-snapshots:snapshots:
    - name: app-data
      diskId: d-bp1appdata01
      retentionDays: 7
      generation: "${generation}"
      restore:
        disks:
          - name: standby
            instanceId: i-bp1standby01
    - name: app-system
      diskId: d-bp1appsys01
      retentionDays: 7
      generation: "${generation}"${extra}
      restore:
        images:
          - name: golden
`;
}

/** Three disks ECS would refuse, each for another reason, and one it accepts. */
export const REFUSED_STACK = `
config:
  alicloud:region: cn-hangzhou
  essd-snapshots:snapshots:
    - name: efficiency
      diskId: d-bp1efficiency01
      retentionDays: 3
    - name: never-attached
      diskId: d-bp1neverattached01
      retentionDays: 3
    - name: starting
      diskId: d-bp1starting01
      retentionDays: 3
    - name: fine
      diskId: d-bp1appdata01
      retentionDays: 3
`;

/** A project on the shared account with a restored disk and image at generation g1, created at T0. */
export function restoredProject(name: string, extra = ""): SimProject {
  const project = SimProject.create(name, { account: ACCOUNT, stackConfig: restoresStack("g1", extra) });
  project.now = T0;
  project.upOk();
  return project;
}
