/**
 * The model's recovery operations, each rule on its own with the code the ECS API reference
 * gives it: CopySnapshot (CopySnapshot page), ResetDisk (ResetDisk page), StopInstance and
 * StartInstance, and DescribeSnapshots with DiskId/InstanceId/SnapshotIds and NextToken paging.
 */
import {
  SimulatedCloud,
  attached,
  copyMs,
  copySnapshot,
  describeRegionSnapshots,
  disk,
  instance,
  parseAccountSpec,
  recoveryOf,
  resetDisk,
  snapshot,
  snapshotsIn,
  startInstance,
  stopInstance,
  STARTING_SECONDS,
  STOPPING_SECONDS,
} from "../../simulator";
import { codeOf } from "./codeOf";

const HZ = "cn-hangzhou";
const SH = "cn-shanghai";
const T0 = "2026-12-01T00:00:00.000Z";

function account() {
  let clock = new Date(T0);
  const cloud = SimulatedCloud.fromAccount(
    {
      regionId: HZ,
      copyRegions: [SH],
      instances: [instance("i-run"), instance("i-stopped", { status: "Stopped" })],
      disks: [
        attached("d-run", "i-run"),
        attached("d-stopped", "i-stopped"),
        attached("d-locked", "i-stopped", { operationLocks: [{ lockReason: "security" }] }),
        disk("d-creating", { status: "Creating", instanceId: "" }),
        attached("d-secret", "i-stopped", { encrypted: "on", kmsKeyId: "key-hz" }),
      ],
      snapshots: [
        snapshot("s-run", "d-run", { createTime: T0 }),
        snapshot("s-stopped", "d-stopped", { createTime: T0 }),
        snapshot("s-stopped-uploading", "d-stopped", { status: "progressing", instantAccess: false, createTime: T0 }),
        snapshot("s-locked", "d-locked", { createTime: T0 }),
        snapshot("s-creating", "d-creating", { createTime: T0 }),
        snapshot("s-flash", "d-stopped", { category: "flash", createTime: T0 }),
        snapshot("s-secret", "d-secret", { encrypted: true, kmsKeyId: "key-hz", createTime: T0 }),
      ],
    },
    () => clock,
  );
  return { cloud, setNow: (t: string) => (clock = new Date(t)) };
}

const copy = (over: Partial<Parameters<typeof copySnapshot>[1]> = {}) => ({
  regionId: HZ,
  destinationRegionId: SH,
  snapshotId: "s-stopped",
  destinationSnapshotName: "dr-copy",
  destinationSnapshotDescription: "disaster recovery copy",
  ...over,
});

describe("CopySnapshot (API reference, CopySnapshot)", () => {
  it("makes a snapshot in the destination region with its own name, retention and tags; the source stays", () => {
    const { cloud } = account();
    const made = copySnapshot(cloud, copy({ retentionDays: 30, tags: { dr: "yes" } }));
    expect(made).toMatchObject({
      sourceSnapshotId: "s-stopped",
      sourceRegionId: HZ,
      sourceDiskId: "d-stopped",
      snapshotName: "dr-copy",
      retentionDays: 30,
      tags: { dr: "yes" },
      status: "progressing",
      available: false,
    });
    expect(snapshotsIn(cloud, SH).map((s) => s.id)).toEqual([made.id]);
    expect(snapshotsIn(cloud, HZ).some((s) => s.id === "s-stopped")).toBe(true);
    expect(snapshotsIn(cloud, HZ).some((s) => s.id === made.id)).toBe(false);
    expect(cloud.calls).toContain("CopySnapshot");
  });

  it("takes time: progressing and unusable until all the disk's data has crossed, at the account's rate", () => {
    const { cloud, setNow } = account();
    const made = copySnapshot(cloud, copy());
    const source = snapshotsIn(cloud, HZ).find((s) => s.id === "s-stopped")!;
    const ms = copyMs(cloud, source);
    expect(ms).toBe(((source.sourceDiskSize * 1024) / cloud.uploadMiBPerSecond) * 1000);
    expect(ms).toBeGreaterThan(0);
    setNow(new Date(Date.parse(T0) + ms - 1000).toISOString());
    expect(snapshotsIn(cloud, SH)[0]).toMatchObject({ id: made.id, status: "progressing", available: false });
    expect(cloud.uploadProgress(snapshotsIn(cloud, SH)[0]).remainTime).toBe(1);
    setNow(new Date(Date.parse(T0) + ms).toISOString());
    expect(snapshotsIn(cloud, SH)[0]).toMatchObject({ id: made.id, status: "accomplished", available: true });
  });

  it("keeps the copy after the source's retention ends, and releases the copy at its own", () => {
    const { cloud, setNow } = account();
    const made = copySnapshot(cloud, copy({ retentionDays: 60 }));
    setNow("2027-01-15T00:00:00.000Z"); // source (30 days) gone, copy (60 days from T0) alive
    expect(snapshotsIn(cloud, HZ).some((s) => s.id === "s-stopped")).toBe(false);
    expect(snapshotsIn(cloud, SH).map((s) => s.id)).toEqual([made.id]);
    setNow("2027-02-01T00:00:00.000Z");
    expect(snapshotsIn(cloud, SH)).toEqual([]);
    expect(cloud.state.released.map((r) => r.id)).toContain(made.id);
  });

  it.each([
    ["a snapshot still uploading", { snapshotId: "s-stopped-uploading" }, "InvalidSnapshotId.NotReady"],
    ["the same region", { destinationRegionId: HZ }, "InvalidOperation.NotSupportCopyInSameRegion"],
    ["a region the account does not have", { destinationRegionId: "eu-west-1" }, "InvalidRegionId.NotExists"],
    ["a local (flash) snapshot", { snapshotId: "s-flash" }, "InvalidSnapshotCategory.NotSupportCopy"],
    ["an encrypted snapshot to an unencrypted copy", { snapshotId: "s-secret" }, "InvalidEncrypted.NotSupportDecrypt"],
    ["a KMS key without Encrypted", { kmsKeyId: "key-sh" }, "InvalidEncrypted.NotMatchKmsKeyId"],
    ["an unknown snapshot", { snapshotId: "s-nope" }, "InvalidSnapshotId.NotFound"],
    ["a name starting with auto", { destinationSnapshotName: "auto-copy" }, "InvalidSnapshotName.Malformed"],
    ["a one-letter description", { destinationSnapshotDescription: "x" }, "InvalidDescription.Malformed"],
    ["a retention of 0 days", { retentionDays: 0 }, "InvalidRetentionDays.Malformed"],
  ])("refuses %s", (_what, over, code) => {
    const { cloud } = account();
    expect(codeOf(() => copySnapshot(cloud, copy(over)))).toBe(code);
    expect(snapshotsIn(cloud, SH)).toEqual([]);
  });

  it("copies an encrypted snapshot with Encrypted and the destination's KMS key", () => {
    const { cloud } = account();
    const made = copySnapshot(cloud, copy({ snapshotId: "s-secret", encrypted: true, kmsKeyId: "key-sh" }));
    expect(made).toMatchObject({ encrypted: true, kmsKeyId: "key-sh" });
  });
});

describe("ResetDisk (API reference, ResetDisk)", () => {
  it("rolls a disk of a Stopped instance back to its own snapshot", () => {
    const { cloud } = account();
    expect(resetDisk(cloud, { regionId: HZ, diskId: "d-stopped", snapshotId: "s-stopped" })).toEqual({
      diskId: "d-stopped",
      snapshotId: "s-stopped",
      at: T0,
    });
    expect(recoveryOf(cloud).resets).toHaveLength(1);
  });

  it.each([
    ["a Running instance", "d-run", "s-run", "IncorrectInstanceStatus"],
    ["a snapshot of another disk", "d-stopped", "s-run", "InvalidParameter.Mismatch"],
    ["a snapshot not usable yet", "d-stopped", "s-stopped-uploading", "InvalidSnapshotId.NotReady"],
    ["a security lock", "d-locked", "s-locked", "InstanceLockedForSecurity"],
    ["a disk still being created", "d-creating", "s-creating", "IncorrectDiskStatus"],
    ["an unknown disk", "d-nope", "s-stopped", "InvalidDiskId.NotFound"],
    ["an unknown snapshot", "d-stopped", "s-nope", "InvalidSnapshotId.NotFound"],
  ])("refuses %s", (_what, diskId, snapshotId, code) => {
    const { cloud } = account();
    expect(codeOf(() => resetDisk(cloud, { regionId: HZ, diskId, snapshotId }))).toBe(code);
    expect(recoveryOf(cloud).resets).toEqual([]);
  });

  it("cannot roll the source disk back to a copy (not found in the disk's region, nor the disk in the copy's)", () => {
    const { cloud } = account();
    const made = copySnapshot(cloud, copy());
    expect(codeOf(() => resetDisk(cloud, { regionId: HZ, diskId: "d-stopped", snapshotId: made.id }))).toBe(
      "InvalidSnapshotId.NotFound",
    );
    expect(codeOf(() => resetDisk(cloud, { regionId: SH, diskId: "d-stopped", snapshotId: made.id }))).toBe(
      "InvalidDiskId.NotFound",
    );
  });
});

describe("StopInstance and StartInstance (API reference: asynchronous, through Stopping and Starting)", () => {
  const later = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

  it("stops through Stopping on the cloud's clock; ResetDisk waits for Stopped; starts through Starting", () => {
    const { cloud, setNow } = account();
    expect(stopInstance(cloud, HZ, "i-run").status).toBe("Stopping");
    expect(cloud.describeInstances(["i-run"])[0].status).toBe("Stopping");
    // Still Stopping: ResetDisk needs Stopped.
    expect(codeOf(() => resetDisk(cloud, { regionId: HZ, diskId: "d-run", snapshotId: "s-run" }))).toBe(
      "IncorrectInstanceStatus",
    );
    setNow(later(STOPPING_SECONDS));
    // ResetDisk itself sees the instance Stopped once its time has come (no read in between).
    expect(resetDisk(cloud, { regionId: HZ, diskId: "d-run", snapshotId: "s-run" }).diskId).toBe("d-run");
    expect(cloud.describeInstances(["i-run"])[0].status).toBe("Stopped");
    expect(startInstance(cloud, HZ, "i-run").status).toBe("Starting");
    // Starting is not Stopped: neither another start nor a stop nor a reset is taken.
    expect(codeOf(() => startInstance(cloud, HZ, "i-run"))).toBe("IncorrectInstanceStatus");
    expect(codeOf(() => resetDisk(cloud, { regionId: HZ, diskId: "d-run", snapshotId: "s-run" }))).toBe(
      "IncorrectInstanceStatus",
    );
    setNow(later(STOPPING_SECONDS + STARTING_SECONDS - 1));
    expect(cloud.instance("i-run")?.status).toBe("Starting");
    setNow(later(STOPPING_SECONDS + STARTING_SECONDS));
    expect(cloud.instance("i-run")?.status).toBe("Running");
    expect(cloud.calls.filter((c) => /Instance$|ResetDisk/.test(c) && !c.startsWith("Describe"))).toEqual([
      "StopInstance",
      "ResetDisk",
      "ResetDisk",
      "StartInstance",
      "StartInstance",
      "ResetDisk",
    ]);
  });

  it("keeps the transition in the state, so another door (a reloaded state file) sees it end", () => {
    const { cloud } = account();
    stopInstance(cloud, HZ, "i-run");
    let clock = new Date(later(STOPPING_SECONDS - 1));
    const reloaded = new SimulatedCloud(JSON.parse(JSON.stringify(cloud.state)) as typeof cloud.state, () => clock);
    expect(reloaded.instance("i-run")?.status).toBe("Stopping");
    clock = new Date(later(STOPPING_SECONDS));
    expect(reloaded.instance("i-run")?.status).toBe("Stopped");
  });

  it.each([
    ["stops a Stopped instance", () => stopInstance, "i-stopped", "IncorrectInstanceStatus"],
    ["starts a Running instance", () => startInstance, "i-run", "IncorrectInstanceStatus"],
    ["stops an unknown instance", () => stopInstance, "i-nope", "InvalidInstanceId.NotFound"],
  ])("refuses when it %s", (_what, op, id, code) => {
    const { cloud } = account();
    expect(codeOf(() => op()(cloud, HZ, id))).toBe(code);
  });
});

describe("DescribeSnapshots with the API's own filters", () => {
  it("filters by DiskId, InstanceId and SnapshotIds server-side", () => {
    const { cloud } = account();
    const ids = (req: Partial<Parameters<typeof describeRegionSnapshots>[1]>) =>
      describeRegionSnapshots(cloud, { regionId: HZ, ...req }, 100).snapshots.map((s) => s.id);
    expect(ids({ diskId: "d-run" })).toEqual(["s-run"]);
    expect(ids({ instanceId: "i-stopped" })).toEqual([
      "s-stopped",
      "s-stopped-uploading",
      "s-locked",
      "s-flash",
      "s-secret",
    ]);
    expect(ids({ snapshotIds: ["s-run", "s-flash", "s-nope"] })).toEqual(["s-run", "s-flash"]);
    expect(ids({ status: "progressing" })).toEqual(["s-stopped-uploading"]);
    expect(ids({ category: "Flash" })).toEqual(["s-flash"]);
  });

  it("pages by MaxResults and NextToken", () => {
    const { cloud } = account();
    const first = describeRegionSnapshots(cloud, { regionId: HZ }, 3);
    const second = describeRegionSnapshots(cloud, { regionId: HZ }, 3, first.nextToken);
    const third = describeRegionSnapshots(cloud, { regionId: HZ }, 3, second.nextToken);
    expect([first, second, third].map((p) => p.snapshots.length)).toEqual([3, 3, 1]);
    expect(third.nextToken).toBe("");
    expect(first.totalCount).toBe(7);
    expect(codeOf(() => describeRegionSnapshots(cloud, { regionId: HZ }, 101))).toBe("InvalidParameter.MaxResults");
  });
});

describe("copyRegions in an account file", () => {
  it("gives the cloud its other regions, and refuses the account's own", () => {
    const text = "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\ncopyRegions: [cn-shanghai]\n";
    const cloud = SimulatedCloud.fromAccount(parseAccountSpec(text, "a.yaml"));
    expect(snapshotsIn(cloud, SH)).toEqual([]);
    expect(() => parseAccountSpec(`${text.replace("[cn-shanghai]", "[cn-hangzhou]")}`, "b.yaml")).toThrow(
      /copyRegions lists cn-hangzhou/,
    );
  });
});
