/**
 * The simulated cloud's ECS rules, each on its own: what CreateSnapshot, CreateDisk,
 * CreateImage, DeleteSnapshot and ModifySnapshotAttribute refuse, with ECS's error codes, and
 * the release of expired snapshots.
 */
import { MAX_MANUAL_SNAPSHOTS_PER_DISK, SimulatedCloud, attached, disk, instance } from "../../simulator";
import { codeOf } from "./codeOf";

const T0 = "2026-12-01T00:00:00.000Z";

function cloudAt(
  now: string,
  disks = [attached("d-data", "i-run"), attached("d-sys", "i-run", { type: "system", size: 40 })],
) {
  let clock = new Date(now);
  const cloud = SimulatedCloud.fromAccount(
    {
      regionId: "cn-hangzhou",
      instances: [
        instance("i-run"),
        instance("i-stopped", { status: "Stopped" }),
        instance("i-starting", { status: "Starting" }),
      ],
      disks,
    },
    () => clock,
  );
  return { cloud, setNow: (t: string) => (clock = new Date(t)) };
}

describe("CreateSnapshot", () => {
  test("takes an instant-access snapshot of an ESSD disk: available at once, upload progressing", () => {
    const { cloud } = cloudAt(T0);
    const s = cloud.createSnapshot({ diskId: "d-data", retentionDays: 3, tags: { a: "b" } });
    expect(s).toMatchObject({ sourceDiskId: "d-data", category: "standard", available: true, status: "progressing" });
    expect(s.createTime).toBe(T0);
  });

  test.each([
    ["a disk that does not exist", { diskId: "d-missing" }, [], "InvalidDiskId.NotFound"],
    [
      "flash on a non-cloud_essd disk",
      { diskId: "d-x", category: "flash" },
      [attached("d-x", "i-run", { category: "cloud_auto" })],
      "DiskCategory.OperationNotSupported",
    ],
    [
      "flash on an encrypted disk",
      { diskId: "d-x", category: "flash" },
      [attached("d-x", "i-run", { encrypted: "on" })],
      "DiskCategory.OperationNotSupported",
    ],
    [
      "a disk never attached",
      { diskId: "d-x" },
      [disk("d-x", { status: "Available", attachedTime: "", instanceId: "" })],
      "IncorrectDiskStatus.NeverAttached",
    ],
    [
      "a disk being attached",
      { diskId: "d-x" },
      [attached("d-x", "i-run", { status: "Attaching" })],
      "IncorrectDiskStatus",
    ],
    ["a disk of a starting instance", { diskId: "d-x" }, [attached("d-x", "i-starting")], "IncorrectInstanceStatus"],
    [
      "a disk locked for security",
      { diskId: "d-x" },
      [attached("d-x", "i-run", { operationLocks: [{ lockReason: "security" }] })],
      "InstanceLockedForSecurity",
    ],
    [
      "a retention beyond 65536 days",
      { diskId: "d-x", retentionDays: 70000 },
      [attached("d-x", "i-run")],
      "InvalidRetentionDays.Malformed",
    ],
  ])("refuses %s", (_what, req, disks, code) => {
    const { cloud } = cloudAt(T0, disks);
    expect(codeOf(() => cloud.createSnapshot(req))).toBe(code);
    expect(cloud.snapshots()).toEqual([]);
  });

  test.each([
    ["a detached disk attached before", disk("d-x", { status: "Available", instanceId: "", detachedTime: T0 })],
    ["a disk of a stopped instance", attached("d-x", "i-stopped")],
    ["an overdue disk (financial lock)", attached("d-x", "i-run", { operationLocks: [{ lockReason: "financial" }] })],
    ["a non-ESSD disk (a standard snapshot, not instant)", attached("d-x", "i-run", { category: "cloud_efficiency" })],
  ])("accepts %s", (_what, d) => {
    const { cloud } = cloudAt(T0, [d]);
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-x" }))).toBe("(accepted)");
  });

  test("a non-ESSD disk's snapshot is not instant access: not usable until its upload has finished", () => {
    const { cloud } = cloudAt(T0, [attached("d-x", "i-run", { category: "cloud_efficiency" })]);
    expect(cloud.createSnapshot({ diskId: "d-x" })).toMatchObject({ instantAccess: false, available: false });
  });

  test(`refuses the ${MAX_MANUAL_SNAPSHOTS_PER_DISK + 1}th manual snapshot of a disk (QuotaExceed.Snapshot)`, () => {
    const { cloud } = cloudAt(T0);
    for (let i = 0; i < MAX_MANUAL_SNAPSHOTS_PER_DISK; i++) {
      const s = cloud.createSnapshot({ diskId: "d-data" });
      // One at a time: the next waits for this upload to end.
      cloud.advance(cloud.uploadMs(s));
    }
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-data" }))).toBe("QuotaExceed.Snapshot");
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-sys" }))).toBe("(accepted)");
  });
});

describe("retention", () => {
  test("ECS releases a snapshot when creation time + retentionDays has passed, and keeps one without retention", () => {
    const { cloud, setNow } = cloudAt(T0);
    const short = cloud.createSnapshot({ diskId: "d-data", retentionDays: 3 });
    const forever = cloud.createSnapshot({ diskId: "d-sys" });
    setNow("2026-12-03T23:59:59.000Z");
    expect(cloud.snapshot(short.id)).toBeDefined();
    setNow("2026-12-04T00:00:00.000Z");
    expect(cloud.snapshot(short.id)).toBeUndefined();
    expect(cloud.snapshot(forever.id)).toBeDefined();
    expect(cloud.state.released).toEqual([
      { id: short.id, releasedAt: "2026-12-04T00:00:00.000Z", reason: "retention of 3 days ended" },
    ]);
  });

  test("an extended retention is released when the new one ends, not the old (the release time follows ModifySnapshotAttribute)", () => {
    const { cloud, setNow } = cloudAt(T0);
    const s = cloud.createSnapshot({ diskId: "d-data", retentionDays: 7 });
    setNow("2026-12-02T00:00:00.000Z");
    expect(cloud.snapshot(s.id)?.status).toBe("accomplished");
    cloud.modifySnapshot(s.id, { retentionDays: 30 });
    setNow("2026-12-08T00:00:00.000Z");
    expect(cloud.snapshot(s.id)).toBeDefined();
    setNow("2026-12-31T00:00:00.000Z");
    expect(cloud.snapshot(s.id)).toBeUndefined();
    expect(cloud.state.released).toEqual([
      { id: s.id, releasedAt: "2026-12-31T00:00:00.000Z", reason: "retention of 30 days ended" },
    ]);
  });

  test("retention can be extended but not shortened (ModifySnapshotAttribute: InvalidOperation.DecreaseRetentionDaysUnsupported)", () => {
    const { cloud } = cloudAt(T0);
    const s = cloud.createSnapshot({ diskId: "d-data", retentionDays: 7 });
    cloud.advance(cloud.uploadMs(s));
    expect(cloud.modifySnapshot(s.id, { retentionDays: 30 }).retentionDays).toBe(30);
    expect(codeOf(() => cloud.modifySnapshot(s.id, { retentionDays: 10 }))).toBe(
      "InvalidOperation.DecreaseRetentionDaysUnsupported",
    );
  });
});

describe("CreateDisk from a snapshot", () => {
  test("makes an Available, never-attached disk of the snapshot's size by default", () => {
    const { cloud } = cloudAt(T0);
    const s = cloud.createSnapshot({ diskId: "d-data" });
    const d = cloud.createDisk({ snapshotId: s.id, category: "cloud_essd", zoneId: "cn-hangzhou-i" });
    expect(d).toMatchObject({ size: 100, status: "Available", attachedTime: "", snapshotId: s.id });
  });

  test("refuses a disk not ESSD-series while the upload runs (InvalidSnapshotId.NotReady; rule unverified, the stricter side)", () => {
    const { cloud } = cloudAt(T0);
    const s = cloud.createSnapshot({ diskId: "d-data" });
    expect(codeOf(() => cloud.createDisk({ snapshotId: s.id, category: "cloud_efficiency" }))).toBe(
      "InvalidSnapshotId.NotReady",
    );
  });

  test("refuses an unencrypted disk from an encrypted snapshot, and a released snapshot", () => {
    const { cloud, setNow } = cloudAt(T0, [attached("d-enc", "i-run", { encrypted: "on" })]);
    const s = cloud.createSnapshot({ diskId: "d-enc", retentionDays: 1 });
    expect(codeOf(() => cloud.createDisk({ snapshotId: s.id, category: "cloud_essd", encrypted: false }))).toBe(
      "InvalidParameter.Encrypted",
    );
    setNow("2026-12-05T00:00:00.000Z");
    expect(codeOf(() => cloud.createDisk({ snapshotId: s.id, category: "cloud_essd" }))).toBe(
      "InvalidSnapshotId.NotFound",
    );
  });
});

describe("CreateImage", () => {
  test("makes an image from a system disk's snapshot", () => {
    const { cloud } = cloudAt(T0);
    const s = cloud.createSnapshot({ diskId: "d-sys" });
    expect(cloud.createImage({ mappedSnapshotIds: [s.id], imageName: "golden" }).snapshotIds).toEqual([s.id]);
  });

  test("refuses a data disk's snapshot (OperationDenied: not from system disk) and a duplicate name", () => {
    const { cloud } = cloudAt(T0);
    const data = cloud.createSnapshot({ diskId: "d-data" });
    expect(codeOf(() => cloud.createImage({ mappedSnapshotIds: [data.id] }))).toBe("OperationDenied");
    const sys = cloud.createSnapshot({ diskId: "d-sys" });
    cloud.createImage({ snapshotId: sys.id, imageName: "golden" });
    expect(codeOf(() => cloud.createImage({ snapshotId: sys.id, imageName: "golden" }))).toBe(
      "InvalidImageName.Duplicated",
    );
  });
});

describe("DeleteSnapshot", () => {
  test("refuses a snapshot an image was made from, and one a disk was made from unless forced", () => {
    const { cloud } = cloudAt(T0);
    const sys = cloud.createSnapshot({ diskId: "d-sys" });
    const image = cloud.createImage({ snapshotId: sys.id });
    expect(codeOf(() => cloud.deleteSnapshot(sys.id, true))).toBe("SnapshotCreatedImage");
    cloud.deleteImage(image.id);
    const data = cloud.createSnapshot({ diskId: "d-data" });
    cloud.createDisk({ snapshotId: data.id, category: "cloud_essd" });
    expect(codeOf(() => cloud.deleteSnapshot(data.id, false))).toBe("SnapshotCreatedDisk");
    expect(codeOf(() => cloud.deleteSnapshot(data.id, true))).toBe("(accepted)");
    expect(cloud.snapshot(data.id)).toBeUndefined();
  });
});

describe("disks and attachments", () => {
  test("an attachment puts the disk In_use; DeleteDisk refuses an attached disk; detaching frees it", () => {
    const { cloud } = cloudAt(T0);
    const d = cloud.createDisk({ size: 20, category: "cloud_essd", zoneId: "cn-hangzhou-i" });
    const a = cloud.attachDisk(d.id, "i-run");
    expect(a.id).toBe(`${d.id}:i-run`);
    expect(cloud.disk(d.id)).toMatchObject({ status: "In_use", instanceId: "i-run" });
    expect(codeOf(() => cloud.deleteDisk(d.id))).toBe("IncorrectDiskStatus");
    cloud.detachDisk(d.id, "i-run");
    expect(cloud.disk(d.id)?.detachedTime).toBe(T0);
    cloud.deleteDisk(d.id);
    expect(cloud.disk(d.id)).toBeUndefined();
  });
});

describe("the mocks door answers from the same cloud", () => {
  const { SimulatedAccount, TOKENS } = jest.requireActual<typeof import("../../simulator")>("../../simulator");
  const args = (inputs: Record<string, unknown>) =>
    ({ type: TOKENS.snapshot, name: "s", inputs, custom: true, provider: "" }) as Parameters<
      InstanceType<typeof SimulatedAccount>["register"]
    >[0];
  const account = () =>
    new SimulatedAccount({
      regionId: "cn-hangzhou",
      instances: [instance("i-run")],
      disks: [attached("d-data", "i-run"), disk("d-new", { status: "Available", attachedTime: "", instanceId: "" })],
    });

  test("an update creates the snapshot in the cloud; ECS's refusal reaches the program as an error", () => {
    const a = account();
    const created = a.register(args({ diskId: "d-data", retentionDays: 3 }), false) as { id: string };
    expect(a.cloud.snapshot(created.id)?.sourceDiskId).toBe("d-data");
    expect(() => a.register(args({ diskId: "d-new" }), false)).toThrow(/^IncorrectDiskStatus\.NeverAttached: /);
  });

  test("a preview creates nothing: the ID is unknown and the cloud unchanged", () => {
    const a = account();
    expect(a.register(args({ diskId: "d-new" }), true)).toEqual({ id: undefined, state: { diskId: "d-new" } });
    expect(a.cloud.snapshots()).toEqual([]);
  });
});
