/**
 * The stand-in provider's behaviour, as the engine sees it, each point from
 * terraform-provider-alicloud / @pulumi/alicloud 3.108 (simulator/resources/*.ts name the files):
 * which inputs force a replacement, Read of a released resource, refusals, persistence.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { SimulatedProvider as Provider, loadCloud } from "../../simulator";

type Props = Record<string, unknown>;

/** The stand-in, with outputs typed as the plain objects they are. */
class SimulatedProvider extends Provider {
  async create(urn: string, inputs: Props): Promise<{ id: string; outs: Props }> {
    return (await super.create(urn, inputs)) as { id: string; outs: Props };
  }
}

const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const urn = (type: string, name = "r") => `urn:pulumi:test::essd-snapshots::parent$${type}::${name}`;
const SNAPSHOT = urn("alicloud:ecs/ecsSnapshot:EcsSnapshot");
const DISK = urn("alicloud:ecs/ecsDisk:EcsDisk");
const IMAGE = urn("alicloud:ecs/image:Image");
const ATTACHMENT = urn("alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment");

const ACCOUNT = `
regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances: [{ id: i-bp1app01 }]
disks:
  - { id: d-bp1data01, instanceId: i-bp1app01, size: 100 }
  - { id: d-bp1sys01, instanceId: i-bp1app01, type: system, size: 40 }
`;

let dir: string;
let options: { stateFile: string; accountFile: string; now?: string };
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "essd-sim-"));
  writeFileSync(path.join(dir, "account.yaml"), ACCOUNT);
  options = {
    stateFile: path.join(dir, "cloud.json"),
    accountFile: path.join(dir, "account.yaml"),
    now: "2026-12-01T00:00:00Z",
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("diff: which inputs force a replacement", () => {
  const provider = () => new SimulatedProvider(options);
  test.each([
    [SNAPSHOT, { diskId: "d-1", tags: { a: "1" } }, { diskId: "d-2", tags: { a: "1" } }, ["diskId"]],
    [SNAPSHOT, { diskId: "d-1", category: "standard" }, { diskId: "d-1", category: "flash" }, ["category"]],
    [SNAPSHOT, { diskId: "d-1", category: "standard" }, { diskId: "d-1" }, []],
    [
      SNAPSHOT,
      { diskId: "d-1", retentionDays: 3, snapshotName: "a", tags: { g: "1" } },
      { diskId: "d-1", retentionDays: 9, snapshotName: "b", tags: { g: "2" } },
      [],
    ],
    [SNAPSHOT, { diskId: "d-1" }, { diskId: ENGINE_UNKNOWN }, ["diskId"]],
    [DISK, { snapshotId: "s-1", size: 100 }, { snapshotId: "s-2", size: 100 }, ["snapshotId"]],
    [DISK, { zoneId: "z-1" }, { zoneId: "z-2" }, ["zoneId"]],
    [DISK, { encrypted: false }, { encrypted: true }, ["encrypted"]],
    [DISK, { kmsKeyId: "k-1" }, { kmsKeyId: "k-2" }, ["kmsKeyId"]],
    [DISK, { size: 100, diskName: "a", tags: {} }, { size: 100, diskName: "a", tags: { x: "y" } }, []],
    [ATTACHMENT, { diskId: "d-1", instanceId: "i-1" }, { diskId: "d-2", instanceId: "i-1" }, ["diskId"]],
    [ATTACHMENT, { diskId: "d-1", instanceId: "i-1" }, { diskId: "d-1", instanceId: "i-2" }, ["instanceId"]],
    [
      IMAGE,
      { diskDeviceMappings: [{ snapshotId: "s-1", size: 40, diskType: "system" }] },
      { diskDeviceMappings: [{ snapshotId: "s-2" }] },
      ["diskDeviceMappings"],
    ],
    [
      IMAGE,
      { diskDeviceMappings: [{ snapshotId: "s-1", size: 40, diskType: "system" }] },
      { diskDeviceMappings: [{ snapshotId: "s-1" }] },
      [],
    ],
    [IMAGE, { architecture: "x86_64" }, { architecture: "arm64" }, ["architecture"]],
    // The top-level snapshotId neither replaces nor updates (a silent no-op in the provider).
    [IMAGE, { snapshotId: "s-1", imageName: "a" }, { snapshotId: "s-2", imageName: "b" }, []],
  ])("%s: %j -> %j replaces %j", async (type, olds, news, replaces) => {
    const diff = await provider().diff("id", type, olds, news);
    expect(diff.replaces).toEqual(replaces);
    // Left unset, so that the engine computes the detailed diff (property paths) itself.
    expect(diff.changes).toBeUndefined();
  });
});

describe("create, read, update, delete over the state file", () => {
  test("consecutive providers see one cloud, and Read of a released snapshot clears its ID", async () => {
    const created = await new SimulatedProvider(options).create(SNAPSHOT, {
      diskId: "d-bp1data01",
      retentionDays: 3,
      waitUntil: "available",
    });
    expect(created.outs).toMatchObject({
      diskId: "d-bp1data01",
      status: "progressing",
      available: true,
      retentionDays: 3,
    });

    const read = await new SimulatedProvider(options).read(created.id, SNAPSHOT, created.outs);
    expect(read.id).toBe(created.id);
    const later = await new SimulatedProvider({ ...options, now: "2026-12-05T00:00:00Z" }).read(
      created.id,
      SNAPSHOT,
      created.outs,
    );
    expect(later.id).toBe("");
  });

  test("a disk's Read keeps the snapshot it was made from, even once the snapshot is released", async () => {
    const snap = await new SimulatedProvider(options).create(SNAPSHOT, {
      diskId: "d-bp1data01",
      retentionDays: 1,
      waitUntil: "available",
    });
    const disk = await new SimulatedProvider(options).create(DISK, {
      snapshotId: snap.id,
      category: "cloud_essd",
      zoneId: "cn-hangzhou-i",
    });
    const read = await new SimulatedProvider({ ...options, now: "2026-12-03T00:00:00Z" }).read(
      disk.id,
      DISK,
      disk.outs,
    );
    expect(read.id).toBe(disk.id);
    expect(read.props).toMatchObject({ snapshotId: snap.id, size: 100 });
  });

  test("ECS's refusals reach the engine as errors carrying ECS's code", async () => {
    const provider = new SimulatedProvider(options);
    const snap = await provider.create(SNAPSHOT, { diskId: "d-bp1data01", retentionDays: 3, waitUntil: "available" });
    await expect(provider.create(IMAGE, { diskDeviceMappings: [{ snapshotId: snap.id }] })).rejects.toThrow(
      /^OperationDenied: .*not from system disk/,
    );
    await provider.create(DISK, { snapshotId: snap.id, category: "cloud_essd" });
    await expect(provider.delete(snap.id, SNAPSHOT, { force: false })).rejects.toThrow(/^SnapshotCreatedDisk: /);
    // Once the upload has ended (100 GiB at 32 MiB/s: 53 min 20 s), retention can grow, never shrink.
    const later = new SimulatedProvider({ ...options, now: "2026-12-01T01:00:00Z" });
    await expect(
      later.update(snap.id, SNAPSHOT, snap.outs, { diskId: "d-bp1data01", retentionDays: 5 }),
    ).resolves.toBeDefined();
    await expect(
      later.update(snap.id, SNAPSHOT, snap.outs, { diskId: "d-bp1data01", retentionDays: 2 }),
    ).rejects.toThrow(/^InvalidOperation\.DecreaseRetentionDaysUnsupported: /);
  });

  test("deleting an attachment detaches the disk; an already released snapshot deletes as done", async () => {
    const provider = new SimulatedProvider(options);
    const snap = await provider.create(SNAPSHOT, { diskId: "d-bp1sys01", retentionDays: 1, waitUntil: "available" });
    const disk = await provider.create(DISK, { size: 20, category: "cloud_essd", zoneId: "cn-hangzhou-i" });
    const attachment = await provider.create(ATTACHMENT, { diskId: disk.id, instanceId: "i-bp1app01" });
    expect(loadCloud(options).disk(disk.id)?.status).toBe("In_use");
    await provider.delete(attachment.id, ATTACHMENT, attachment.outs);
    expect(loadCloud(options).disk(disk.id)?.status).toBe("Available");
    await expect(
      new SimulatedProvider({ ...options, now: "2026-12-09T00:00:00Z" }).delete(snap.id, SNAPSHOT, snap.outs),
    ).resolves.toBeUndefined();
  });
});

describe("what the stand-in does not serve", () => {
  test("an unknown resource type, an unknown input and an unknown invoke are refused with a sentence", async () => {
    const provider = new SimulatedProvider(options);
    await expect(provider.check(urn("alicloud:ecs/instance:Instance"), {}, {})).rejects.toThrow(
      /does not serve the resource alicloud:ecs\/instance:Instance; it serves alicloud:ecs\/ecsSnapshot:EcsSnapshot/,
    );
    const checked = await provider.check(SNAPSHOT, {}, { diskId: "d-1", retention: 3 });
    expect(checked.failures).toEqual([
      { property: "retention", reason: "retention is not an input of alicloud:ecs/ecsSnapshot:EcsSnapshot" },
    ]);
    await expect(provider.invoke("alicloud:ecs/getEcsImages:getEcsImages", {})).rejects.toThrow(
      /does not serve the invoke/,
    );
  });

  test("getEcsDisks filters the IDs after scanning the region, as the provider does: an unknown ID is no error", async () => {
    const result = await new SimulatedProvider(options).invoke("alicloud:ecs/getEcsDisks:getEcsDisks", {
      ids: ["d-bp1data01", "d-nope"],
    });
    expect((result.outputs as { ids: string[] }).ids).toEqual(["d-bp1data01"]);
  });

  test("a state file that does not exist and no account file is a sentence", () => {
    expect(() => loadCloud({ stateFile: path.join(dir, "none.json") })).toThrow(
      /no state file at .* set ESSD_SIM_ACCOUNT/,
    );
  });
});

test("outputs the cloud does not report are left out, so the protocol's Struct can carry them", async () => {
  const { Struct } = await import("google-protobuf/google/protobuf/struct_pb");
  const created = await new SimulatedProvider(options).create(SNAPSHOT, {
    diskId: "d-bp1data01",
    waitUntil: "available",
  });
  expect("retentionDays" in created.outs).toBe(false);
  expect(() => Struct.fromJavaScript(created.outs as Record<string, never>)).not.toThrow();
});
