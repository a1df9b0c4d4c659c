/**
 * Snapshot-consistent groups in the simulated cloud, each behaviour pinned to its source:
 * the API pages CreateSnapshotGroup, DescribeSnapshotGroups and DeleteSnapshotGroup, the user
 * guide "Create a snapshot-consistent group", terraform-provider-alicloud v1.289.0
 * `resource_alicloud_ecs_snapshot_group.go` and `data_source_alicloud_ecs_snapshot_groups.go`.
 */
import {
  SimulatedCloud,
  attached,
  createSnapshotGroup,
  deleteSnapshotGroup,
  describeSnapshotGroups,
  disk,
  groupStatus,
  instance,
  snapshot,
  type SimDisk,
} from "../../simulator";
import {
  TOKENS,
  answerInvoke,
  checkResource,
  createResource,
  deleteResource,
  readResource,
  replacedBy,
  updateResource,
} from "../../simulator/registry";
import { codeOf } from "./codeOf";

const T0 = "2026-12-01T00:00:00.000Z";

function cloudWith(disks: SimDisk[], regionId = "cn-hangzhou") {
  let clock = new Date(T0);
  const cloud = SimulatedCloud.fromAccount(
    {
      regionId,
      instances: [instance("i-db"), instance("i-other"), instance("i-starting", { status: "Starting" })],
      disks,
      snapshots: [],
    },
    () => clock,
  );
  return { cloud, setNow: (t: string) => (clock = new Date(t)) };
}

const four = () => ["d-a", "d-b", "d-c", "d-d"].map((id) => attached(id, "i-db", { size: 10 }));

describe("CreateSnapshotGroup (API page CreateSnapshotGroup, its error table)", () => {
  test("every disk of an instance, at one instant: one member snapshot per disk, uploading, usable, kept until deleted", () => {
    const { cloud } = cloudWith(four());
    const g = createSnapshotGroup(cloud, { instanceId: "i-db", name: "db", tags: { app: "db" } });
    const members = cloud.snapshots().filter((s) => g.snapshotIds.includes(s.id));
    expect(members.map((s) => s.sourceDiskId)).toEqual(["d-a", "d-b", "d-c", "d-d"]);
    expect(new Set(members.map((s) => s.createTime)).size).toBe(1);
    expect(members.every((s) => s.available && s.status === "progressing" && s.retentionDays === null)).toBe(true);
    expect(groupStatus(cloud, g)).toBe("progressing");
    expect(cloud.calls).toContain("CreateSnapshotGroup");
    expect(cloud.calls).not.toContain("CreateSnapshot");
  });

  test("the group is accomplished once every member's upload has ended", () => {
    const { cloud, setNow } = cloudWith(four());
    const g = createSnapshotGroup(cloud, { instanceId: "i-db" });
    setNow("2026-12-01T01:00:00.000Z");
    expect(groupStatus(cloud, g)).toBe("accomplished");
  });

  test("ExcludeDiskId.N leaves disks of the instance out; DiskId.N takes only those", () => {
    const { cloud } = cloudWith(four());
    expect(createSnapshotGroup(cloud, { instanceId: "i-db", excludeDiskIds: ["d-b"] }).snapshotIds).toHaveLength(3);
    cloud.state.snapshots = [];
    expect(createSnapshotGroup(cloud, { diskIds: ["d-a", "d-c"] }).snapshotIds).toHaveLength(2);
  });

  test.each([
    [
      "DiskId.N with ExcludeDiskId.N",
      { instanceId: "i-db", diskIds: ["d-a"], excludeDiskIds: ["d-b"] },
      "InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict",
    ],
    ["neither an instance nor disks", {}, "MissingParamter.InstanceId"],
    ["an unknown instance", { instanceId: "i-none" }, "InvalidInstanceId.NotFound"],
    ["an unknown disk", { diskIds: ["d-none"] }, "InvalidDiskId.NotFound"],
    [
      "a disk of another instance with InstanceId",
      { instanceId: "i-db", diskIds: ["d-foreign"] },
      "DiskId.ValueNotSupported",
    ],
    ["an instance without disks", { instanceId: "i-other" }, "InvalidInstance.NoDisk"],
  ])("%s is refused", (_what, req, code) => {
    const { cloud } = cloudWith(
      [...four(), attached("d-foreign", "i-starting")].filter((d) => d.instanceId !== "i-other"),
    );
    expect(codeOf(() => createSnapshotGroup(cloud, req))).toBe(code);
  });

  test.each([
    ["a cloud_efficiency disk", { category: "cloud_efficiency" }, "DiskCategory.OperationNotSupported"],
    [
      "a Regional ESSD (not in the page's list: the stricter side)",
      { category: "cloud_regional_disk_auto" },
      "DiskCategory.OperationNotSupported",
    ],
    [
      'an encrypted disk ("The special disk is encrypted, not support this operate.")',
      { encrypted: "on" },
      "DiskCategory.OperationNotSupported",
    ],
    ["a disk in another zone", { zoneId: "cn-hangzhou-j" }, "InvalidDiskIds.NotInSameZone"],
    [
      "a multi-attach disk (mounted on two instances)",
      {
        mountInstanceNum: 2,
        mountInstances: [
          { instanceId: "i-db", device: "", attachedTime: "" },
          { instanceId: "i-other", device: "", attachedTime: "" },
        ],
      },
      "InvalidOperation.MultiAttachDisk",
    ],
    ["a disk locked for security", { operationLocks: [{ lockReason: "security" }] }, "InstanceLockedForSecurity"],
    ["a disk still Creating", { status: "Creating" }, "IncorrectDiskStatus"],
  ] as [string, Partial<SimDisk>, string][])(
    "the whole group is refused for %s, and no snapshot is taken",
    (_what, fields, code) => {
      const disks = four();
      disks[2] = attached("d-c", "i-db", { size: 10, ...fields });
      const { cloud } = cloudWith(disks);
      expect(codeOf(() => createSnapshotGroup(cloud, { instanceId: "i-db" }))).toBe(code);
      expect(cloud.snapshots()).toEqual([]);
    },
  );

  test("the instance must be Running or Stopped (IncorrectInstanceStatus); a never-attached disk is refused (NeverAttached)", () => {
    const { cloud } = cloudWith([
      attached("d-s", "i-starting"),
      disk("d-new", { status: "Available", instanceId: "", attachedTime: "" }),
    ]);
    expect(codeOf(() => createSnapshotGroup(cloud, { instanceId: "i-starting" }))).toBe("IncorrectInstanceStatus");
    expect(codeOf(() => createSnapshotGroup(cloud, { diskIds: ["d-new"] }))).toBe("IncorrectDiskStatus.NeverAttached");
  });

  test("a snapshot of a member still uploading refuses the group (IncorrectDiskStatus.CreatingSnapshot); the 257th manual snapshot too (QuotaExceed.Snapshot)", () => {
    const { cloud } = cloudWith(four());
    createSnapshotGroup(cloud, { diskIds: ["d-a"] });
    expect(codeOf(() => createSnapshotGroup(cloud, { instanceId: "i-db" }))).toBe(
      "IncorrectDiskStatus.CreatingSnapshot",
    );
    const full = cloudWith(four()).cloud;
    full.state.snapshots = Array.from({ length: 256 }, (_, i) => snapshot(`s-${i}`, "d-d", { createTime: T0 }));
    expect(codeOf(() => createSnapshotGroup(full, { instanceId: "i-db" }))).toBe("QuotaExceed.Snapshot");
  });

  test("16 disks and 32 TiB in most regions (NumberExceed / CapacityExceed.TooManyDisks); 128 disks and 256 TiB in London (user guide)", () => {
    const many = (n: number, size = 10) => Array.from({ length: n }, (_, i) => attached(`d-${i}`, "i-db", { size }));
    expect(codeOf(() => createSnapshotGroup(cloudWith(many(16)).cloud, { instanceId: "i-db" }))).toBe("(accepted)");
    expect(codeOf(() => createSnapshotGroup(cloudWith(many(17)).cloud, { instanceId: "i-db" }))).toBe(
      "NumberExceed.TooManyDisks",
    );
    expect(codeOf(() => createSnapshotGroup(cloudWith(many(2, 16385)).cloud, { instanceId: "i-db" }))).toBe(
      "CapacityExceed.TooManyDisks",
    );
    expect(codeOf(() => createSnapshotGroup(cloudWith(many(17), "eu-west-1").cloud, { instanceId: "i-db" }))).toBe(
      "(accepted)",
    );
    expect(codeOf(() => createSnapshotGroup(cloudWith(many(129), "eu-west-1").cloud, { instanceId: "i-db" }))).toBe(
      "NumberExceed.TooManyDisks",
    );
  });
});

describe("DescribeSnapshotGroups and DeleteSnapshotGroup (API pages)", () => {
  test("filters by instance, name, IDs (at most 10), status and tags", () => {
    const { cloud } = cloudWith(four());
    const a = createSnapshotGroup(cloud, { diskIds: ["d-a"], name: "one", tags: { app: "db", env: "p" } });
    expect(describeSnapshotGroups(cloud, { tags: { app: "db" } }).map((g) => g.id)).toEqual([a.id]);
    expect(describeSnapshotGroups(cloud, { name: "two" })).toEqual([]);
    expect(describeSnapshotGroups(cloud, { statuses: ["accomplished"] })).toEqual([]);
    expect(codeOf(() => describeSnapshotGroups(cloud, { snapshotGroupIds: Array(11).fill(a.id) }))).not.toBe(
      "(accepted)",
    );
  });

  test("deleting a group deletes its members, except one a custom image was made from", () => {
    const { cloud, setNow } = cloudWith(four());
    const g = createSnapshotGroup(cloud, { instanceId: "i-db" });
    setNow("2026-12-01T01:00:00.000Z");
    cloud.state.images.push({
      id: "m-1",
      imageName: "golden",
      snapshotIds: [g.snapshotIds[1]],
      status: "Available",
      architecture: "x86_64",
      platform: "Aliyun",
      description: "",
      tags: {},
      resourceGroupId: "rg-default",
      createTime: T0,
    });
    deleteSnapshotGroup(cloud, g.id);
    expect(cloud.snapshots().map((s) => s.id)).toEqual([g.snapshotIds[1]]);
    expect(describeSnapshotGroups(cloud)).toEqual([]);
  });
});

describe("alicloud:ecs/ecsSnapshotGroup:EcsSnapshotGroup (resource_alicloud_ecs_snapshot_group.go v1.289.0)", () => {
  const token = TOKENS.snapshotGroup;

  test(":38, :45, :40: Check refuses more than 16 disk IDs (even in a 128-disk region) and diskIds with excludeDiskIds; :66 the name", () => {
    const ids = Array.from({ length: 17 }, (_, i) => `d-${i}`);
    expect(checkResource(token, { diskIds: ids })?.failures[0].reason).toMatch(
      /supports 16 item maximum, config has 17/,
    );
    expect(checkResource(token, { diskIds: ["d-a"], excludeDiskIds: ["d-b"] })?.failures[0].reason).toMatch(
      /conflicts with exclude_disk_id/,
    );
    expect(checkResource(token, { snapshotGroupName: "1bad" })?.failures).toHaveLength(1);
    expect(checkResource(token, { instanceId: "i-db", snapshotGroupName: "db-2026" })?.failures).toEqual([]);
  });

  test(":139-143: create waits for the group accomplished (every upload ended): past the default 10 m it fails, the group kept in the state", () => {
    const { cloud } = cloudWith(["d-a", "d-b"].map((id) => attached(id, "i-db", { size: 100 })));
    let failure: (Error & { id?: string }) | undefined;
    try {
      createResource(cloud, token, { instanceId: "i-db" });
    } catch (err) {
      failure = err as Error & { id?: string };
    }
    expect(failure?.message).toMatch(/resource_alicloud_ecs_snapshot_group\.go:142: .*timeout: 10m0s/s);
    expect(failure?.id).toMatch(/^ssg-/);
    const { state } = createResource(cloudWith(four()).cloud, token, { instanceId: "i-db" });
    expect(state.status).toBe("accomplished");
  });

  test(":49-53, :170-222: only instanceId replaces it; a changed diskIds is a silent no-op; name, description and tags update in place", () => {
    const { cloud } = cloudWith(four());
    const { id, state } = createResource(cloud, token, { instanceId: "i-db", snapshotGroupName: "one" });
    expect(replacedBy(token, state, { ...state, instanceId: "i-other" }, () => false)).toEqual(["instanceId"]);
    expect(replacedBy(token, state, { ...state, diskIds: ["d-a"] }, () => false)).toEqual([]);
    const after = updateResource(cloud, token, id, state, { ...state, snapshotGroupName: "two", diskIds: ["d-a"] });
    expect(after.snapshotGroupName).toBe("two");
    expect(describeSnapshotGroups(cloud)[0].snapshotIds).toHaveLength(4);
  });

  test(":147-158, :223-250: Read of a deleted group clears it; Delete deletes it, and a second Delete fails", () => {
    const { cloud } = cloudWith(four());
    const { id, state } = createResource(cloud, token, { instanceId: "i-db" });
    deleteResource(cloud, token, id, state);
    expect(readResource(cloud, token, id, state)).toBeUndefined();
    expect(() => deleteResource(cloud, token, id, state)).toThrow(/InvalidSnapshotGroupId.NotFound/);
  });
});

describe("alicloud:ecs/getEcsSnapshotGroups:getEcsSnapshotGroups (data_source_alicloud_ecs_snapshot_groups.go v1.289.0)", () => {
  test(":197-210: groups without their member snapshots; :167-184 tags match as an exact set; :46 status values", () => {
    const { cloud } = cloudWith(four());
    createSnapshotGroup(cloud, { diskIds: ["d-a"], name: "one", tags: { app: "db", env: "p" } });
    const all = answerInvoke(cloud, TOKENS.getEcsSnapshotGroups, {}) as { groups: Record<string, unknown>[] };
    expect(Object.keys(all.groups[0]).sort()).toEqual(
      [
        "description",
        "id",
        "instanceId",
        "resourceGroupId",
        "snapshotGroupId",
        "snapshotGroupName",
        "status",
        "tags",
      ].sort(),
    );
    expect(
      (answerInvoke(cloud, TOKENS.getEcsSnapshotGroups, { tags: { app: "db" } }) as { ids: string[] }).ids,
    ).toEqual([]);
    expect(
      (answerInvoke(cloud, TOKENS.getEcsSnapshotGroups, { tags: { app: "db", env: "p" } }) as { ids: string[] }).ids,
    ).toHaveLength(1);
    expect(() => answerInvoke(cloud, TOKENS.getEcsSnapshotGroups, { status: "done" })).toThrow(
      /expected status to be one of/,
    );
  });
});
