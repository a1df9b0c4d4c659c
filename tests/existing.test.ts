/**
 * What the snapshots already in the cloud decide, through the mocks: an existing snapshot of an
 * ineligible or released disk stays with a warning, a new one is refused; the quota of manual
 * snapshots per disk; a shortened retention; one snapshot lookup per provider; the snapshot's
 * ID known during a preview while another input is not.
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/alicloud/provider";

import { EssdLocalSnapshot, GENERATION_TAG, deriveSnapshotName, type EssdLocalSnapshotArgs } from "../components";
import { TOKENS, attached, disk, instance, type SimSnapshot, type SimulatedAccount } from "../simulator";
import { runProgram, snapshot as simSnapshot } from "../testing";
import { clearReportedErrors, drain, rejectionOf, reportedErrors, settle, useAccount, valueOf } from "./helpers";

/** A manual snapshot made yesterday (these tests run on the real clock; its retention must not have ended). */
function snapshot(id: string, diskId: string, overrides: Partial<SimSnapshot> = {}): SimSnapshot {
  return simSnapshot(id, diskId, { createTime: new Date(Date.now() - 24 * 3600 * 1000).toISOString(), ...overrides });
}

function snap(name: string, args: Partial<EssdLocalSnapshotArgs>, opts?: pulumi.ComponentResourceOptions) {
  return new EssdLocalSnapshot(name, { retentionDays: 30, ...args }, opts);
}

/** The snapshot "backup" of generation g1 made earlier of `diskId`, as the component names and tags it. */
function earlier(diskId: string, overrides: Partial<SimSnapshot> = {}): SimSnapshot {
  return snapshot("s-earlier", diskId, {
    snapshotName: deriveSnapshotName("backup", "g1"),
    tags: { [GENERATION_TAG]: "g1" },
    ...overrides,
  });
}

/** `count` manual snapshots of a disk, made by other tools. */
function others(diskId: string, count: number): SimSnapshot[] {
  return Array.from({ length: count }, (_, i) => snapshot(`s-other${i}`, diskId, { snapshotName: `other-${i}` }));
}

let warn: jest.SpyInstance;
beforeEach(() => {
  clearReportedErrors();
  warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue();
});
afterEach(() => warn.mockRestore());
const warnings = () => warn.mock.calls.map(([m]) => String(m));

// Previews only: the mocks keep no state, so at `up` they create every snapshot the program
// registers. An update that keeps an existing snapshot is proven through the engine (tests/engine).
describe.each([true])("an existing snapshot (preview: %s)", (preview) => {
  test.each([
    ["stopping", disk("d-busy", { status: "Detaching" }), 'status is "Detaching"'],
    ["released", undefined, "no disk with ID d-busy was found"],
  ])("of a disk now %s: kept with a warning naming the disk and its state; the stack goes on", async (_, d, found) => {
    const account = await useAccount({ disks: d ? [d] : [], instances: [], snapshots: [earlier("d-busy")] }, preview);
    const c = snap("backup", { diskId: "d-busy", generation: "g1" });
    expect((await settle(c.snapshotId)).state).toBe("resolved");
    await drain();
    expect(reportedErrors()).toEqual([]);
    expect(account.registered(TOKENS.snapshot).map((r) => r.inputs.diskId)).toEqual(["d-busy"]);
    const text = warnings().join("\n");
    expect(text).toContain('Disk d-busy could not be snapshotted now, but "backup" already has its snapshot s-earlier');
    expect(text).toContain(found);
    expect((warn.mock.calls[0] as unknown[])[1]).toBe(c);
    expect((await valueOf(c.eligibility)).violations.map((v) => v.found).join()).toContain(found);
  });

  test("a new snapshot of the same disk (a new generation) is refused as before", async () => {
    const account = await useAccount(
      { disks: [disk("d-busy", { status: "Detaching" })], instances: [], snapshots: [earlier("d-busy")] },
      preview,
    );
    const c = snap("backup", { diskId: "d-busy", generation: "g2" });
    expect(await rejectionOf(c.snapshotId)).toContain('Disk d-busy cannot be snapshotted by "backup"');
    await drain();
    expect(account.registered(TOKENS.snapshot)).toEqual([]);
  });

  test.each([
    ["another name", { snapshotName: "other-name" }],
    ["another generation tag", { tags: { [GENERATION_TAG]: "g0" } }],
    ["no generation tag", { tags: {} }],
    ["another kind (flash)", { category: "flash" }],
    ["a failed snapshot", { status: "failed" }],
    ["another disk", { sourceDiskId: "d-elsewhere" }],
  ])("one with %s is not this component's: the disk is checked as for a new snapshot", async (_, overrides) => {
    await useAccount(
      { disks: [disk("d-busy", { status: "Detaching" })], instances: [], snapshots: [earlier("d-busy", overrides)] },
      preview,
    );
    const c = snap("backup", { diskId: "d-busy", generation: "g1" });
    expect(await rejectionOf(c.snapshotId)).toContain("cannot be snapshotted");
  });

  test("without a generation, the snapshot without the tag and of the derived name is the component's", async () => {
    await useAccount(
      {
        disks: [disk("d-busy", { status: "Detaching" })],
        instances: [],
        snapshots: [snapshot("s-plain", "d-busy", { snapshotName: deriveSnapshotName("backup") })],
      },
      preview,
    );
    const c = snap("backup", { diskId: "d-busy" });
    expect((await settle(c.snapshotId)).state).toBe("resolved");
    expect(warnings().join()).toContain("s-plain");
  });

  test("a restore from the snapshot of a released disk takes the snapshot's size and type, and warns that the zone is unknown", async () => {
    const account = await useAccount(
      { disks: [], instances: [], snapshots: [earlier("d-busy", { sourceDiskSize: 300 })] },
      preview,
    );
    const c = snap("backup", { diskId: "d-busy", generation: "g1" });
    c.createDisk("copy");
    await drain();
    expect(reportedErrors()).toEqual([]);
    const [restored] = account.registered(TOKENS.disk);
    expect(restored.inputs.size).toBe(300);
    expect(restored.inputs.zoneId).toBeUndefined();
    expect(warnings().join("\n")).toContain('the zone of the restored disk "backup-copy" is not known');
  });

  test("retentionDays shorter than the existing snapshot's is refused; longer is an update", async () => {
    await useAccount(
      { disks: [attached("d-ok", "i-1")], instances: [instance("i-1")], snapshots: [earlier("d-ok")] },
      preview,
    );
    const shorter = snap("backup", { diskId: "d-ok", generation: "g1", retentionDays: 7 });
    expect(await rejectionOf(shorter.snapshotId)).toBe(
      'retentionDays of "backup" is 7, but its snapshot s-earlier is already kept for 30 days: ECS can only extend a snapshot\'s retention (ModifySnapshotAttribute), never shorten it. Keep retentionDays at 30 or more; for a shorter retention from now on, change generation too, so that a new snapshot is taken (the old one stays until its 30 days have passed).',
    );
    const longer = snap("backup2", {
      diskId: "d-ok",
      generation: "g1",
      retentionDays: 60,
      snapshotName: deriveSnapshotName("backup", "g1"),
    });
    expect((await settle(longer.snapshotId)).state).toBe("resolved");
    // A rotation may shorten it: the new generation is a new snapshot.
    const rotated = snap("backup3", {
      diskId: "d-ok",
      generation: "g2",
      retentionDays: 7,
      snapshotName: deriveSnapshotName("backup", "g1"),
    });
    expect((await settle(rotated.snapshotId)).state).toBe("resolved");
  });
});

describe("the quota of 256 manual snapshots per disk", () => {
  const account = (count: number) =>
    useAccount(
      { disks: [attached("d-full", "i-1")], instances: [instance("i-1")], snapshots: others("d-full", count) },
      true,
    );

  test("the 257th is refused in the preview, with the count and what to do", async () => {
    await account(256);
    const c = snap("daily", { diskId: "d-full" });
    const message = await rejectionOf(c.snapshotId);
    expect(message).toContain('Disk d-full cannot be snapshotted by "daily"');
    expect(message).toContain("it has 256 manual snapshots, and with this one it would have 257");
    expect(message).toContain("QuotaExceed.Snapshot");
    expect(message).toContain("retention days × rotations per day");
  });

  test("the 256th is allowed, with a warning; so is the 240th", async () => {
    await account(255);
    const c = snap("daily", { diskId: "d-full" });
    expect((await settle(c.snapshotId)).state).toBe("resolved");
    expect(warnings().join()).toContain(
      "Disk d-full will have 256 of its 256 manual snapshots (255 alive, and this one)",
    );
    warn.mockClear();
    await account(239);
    expect((await settle(snap("daily", { diskId: "d-full" }).snapshotId)).state).toBe("resolved");
    expect(warnings().join()).toContain("will have 240 of its 256");
    warn.mockClear();
    await account(238);
    expect((await settle(snap("daily", { diskId: "d-full" }).snapshotId)).state).toBe("resolved");
    expect(warnings()).toEqual([]);
  });

  test("the snapshots this update makes of one disk count together: with 255 alive, the second is refused", async () => {
    await account(255);
    const first = snap("a", { diskId: "d-full" });
    const second = snap("b", { diskId: "d-full" });
    expect((await settle(first.snapshotId)).state).toBe("resolved");
    expect(await rejectionOf(second.snapshotId)).toContain("with the 2 this update makes it would have 257");
  });

  test("auto snapshots (a policy's) do not count; the component's existing snapshot needs no room", async () => {
    await useAccount(
      {
        disks: [attached("d-full", "i-1")],
        instances: [instance("i-1")],
        snapshots: [
          ...others("d-full", 255),
          earlier("d-full"),
          ...Array.from({ length: 5 }, (_, i) => snapshot(`s-auto${i}`, "d-full", { snapshotType: "auto" })),
        ],
      },
      true,
    );
    expect((await settle(snap("backup", { diskId: "d-full", generation: "g1" }).snapshotId)).state).toBe("resolved");
    expect(await rejectionOf(snap("backup", { diskId: "d-full", generation: "g2" }).snapshotId)).toContain(
      "it has 256 manual snapshots",
    );
  });

  test('eligibility "warn" attempts the 257th with a warning', async () => {
    await account(256);
    const c = snap("daily", { diskId: "d-full", eligibility: "warn" });
    expect((await settle(c.snapshotId)).state).toBe("resolved");
    expect(warnings().join()).toContain("it has 256 manual snapshots");
  });
});

describe("why a snapshot is made, for a component with restores", () => {
  test("an info message in a preview when none of its generation is alive; none when it exists, nor without restores", async () => {
    const account = () => ({
      disks: [attached("d-ok", "i-1")],
      instances: [instance("i-1")],
      snapshots: [earlier("d-ok")],
    });
    const made = await runProgram(
      () => {
        snap("fresh", { diskId: "d-ok", generation: "g2" }).createDisk("copy");
        snap("plain", { diskId: "d-ok", generation: "g3" });
        snap("backup", { diskId: "d-ok", generation: "g1" }).createDisk("copy");
      },
      { account: account(), preview: true },
    );
    expect(made.infos.map((i) => [i.resource?.name, i.message])).toEqual([
      [
        "fresh",
        'No snapshot of disk d-ok by "fresh" of generation "g2" is alive in the cloud, so this update makes one: the first of this generation, or one in place of a snapshot ECS released when its retention ended (the disks and images restored from that one stay as they are).',
      ],
    ]);
    const up = await runProgram(() => snap("fresh", { diskId: "d-ok", generation: "g2" }).createDisk("copy"), {
      account: account(),
      preview: false,
    });
    expect(up.infos).toEqual([]);
  });
});

describe("one snapshot of a disk at a time", () => {
  test("a disk with a snapshot still being created: a new one is refused, saying how far the upload is", async () => {
    await useAccount(
      {
        disks: [attached("d-1", "i-1")],
        instances: [instance("i-1")],
        snapshots: [snapshot("s-uploading", "d-1", { status: "progressing" }), snapshot("s-done", "d-1")],
      },
      true,
    );
    const message = await rejectionOf(snap("daily", { diskId: "d-1" }).snapshotId);
    expect(message).toMatch(
      /^Disk d-1 cannot be snapshotted by "daily":\n {2}- snapshot s-uploading \(\d+% uploaded, .*\) of disk d-1 is still being created \(status progressing\): ECS makes one snapshot of a disk at a time .*IncorrectDiskStatus\.CreatingSnapshot.* Wait for the upload: run the preview again/,
    );
  });

  test("an existing snapshot of its own still uploading stays: no refusal", async () => {
    await useAccount(
      {
        disks: [attached("d-1", "i-1")],
        instances: [instance("i-1")],
        snapshots: [earlier("d-1", { status: "progressing" })],
      },
      true,
    );
    const c = snap("backup", { diskId: "d-1", generation: "g1" });
    expect((await settle(c.snapshotId)).state).toBe("resolved");
    await drain();
    expect(reportedErrors()).toEqual([]);
  });

  test('eligibility "warn": a disk still uploading is attempted with a warning', async () => {
    await useAccount(
      {
        disks: [attached("d-1", "i-1")],
        instances: [instance("i-1")],
        snapshots: [snapshot("s-uploading", "d-1", { status: "progressing" })],
      },
      true,
    );
    const c = snap("daily", { diskId: "d-1", eligibility: "warn" });
    expect((await settle(c.snapshotId)).state).toBe("resolved");
    expect(warnings().join("\n")).toMatch(/snapshot s-uploading .* is still being created/);
  });

  test("two new snapshots of one disk in one update: the second is refused, naming both; one of each disk is not", async () => {
    await useAccount({ disks: [attached("d-1", "i-1"), attached("d-2", "i-1")], instances: [instance("i-1")] }, true);
    const snaps = [snap("a", { diskId: "d-1" }), snap("b", { diskId: "d-1" }), snap("c", { diskId: "d-2" })];
    const [a, b, c] = await Promise.all(snaps.map((s) => settle(s.snapshotId)));
    expect(a.state).toBe("resolved");
    expect(c.state).toBe("resolved");
    expect(b.state).toBe("rejected");
    expect(await rejectionOf(snaps[1].snapshotId)).toMatch(
      /^Disk d-1 cannot be snapshotted by "b":\n {2}- "a" also makes a snapshot of disk d-1 in this update, and "b" would be the second: ECS makes one snapshot of a disk at a time .* Snapshot the disk from one component only, or add "b" \(or its new generation\) in a later update/,
    );
  });
});

/** ECS's figures for an upload still running, as getEcsSnapshots reports them (`progress`, `remainTime`). */
function reportingUploads(account: SimulatedAccount, progress: string, remainTime: number): void {
  const call = account.call.bind(account);
  jest.spyOn(account, "call").mockImplementation((token, inputs, provider) => {
    const answer = call(token, inputs, provider);
    if (token !== TOKENS.getEcsSnapshots) return answer;
    const snapshots = (answer.snapshots as Record<string, unknown>[]).map((s) =>
      s.status === "progressing" ? { ...s, progress, remainTime } : s,
    );
    return { ...answer, snapshots };
  });
}

describe("uploads, as ECS reports them", () => {
  test("a new snapshot while one uploads: the refusal gives ECS's progress and time left, and when to run again", async () => {
    const account = await useAccount(
      {
        disks: [attached("d-1", "i-1")],
        instances: [instance("i-1")],
        snapshots: [snapshot("s-uploading", "d-1", { status: "progressing" })],
      },
      true,
    );
    reportingUploads(account, "42%", 1200);
    const message = await rejectionOf(snap("daily", { diskId: "d-1" }).snapshotId);
    expect(message).toContain(
      "snapshot s-uploading (42% uploaded, about 20 minutes left (ECS's estimate, RemainTime 1200 s)) of disk d-1 is still being created",
    );
    expect(message).toContain("run the preview again in about 30 minutes (ECS's estimate with a margin)");
  });

  test("a longer retention of a snapshot still uploading: a too short customTimeouts.update is refused", async () => {
    const account = await useAccount(
      {
        disks: [attached("d-1", "i-1")],
        instances: [instance("i-1")],
        snapshots: [earlier("d-1", { status: "progressing", retentionDays: 7 })],
      },
      true,
    );
    reportingUploads(account, "42%", 1200);
    const c = snap("backup", { diskId: "d-1", generation: "g1", retentionDays: 14, customTimeouts: { update: "5m" } });
    expect(await rejectionOf(c.snapshotId)).toMatch(
      /^customTimeouts.update of "backup" is "5m", but the provider waits for snapshot s-earlier to be accomplished before it changes retentionDays of "backup" \(7 → 14 days\); it is 42% uploaded, .*: the update would time out. Give customTimeouts.update of at least "40m"/,
    );
  });

  test("a longer retention of a snapshot still uploading: without a timeout given, the update's is sized from ECS's estimate, and the preview says so", async () => {
    const account = await useAccount(
      {
        disks: [attached("d-1", "i-1", { size: 40 })],
        instances: [instance("i-1")],
        snapshots: [earlier("d-1", { status: "progressing", retentionDays: 7 })],
      },
      true,
    );
    reportingUploads(account, "42%", 3600);
    const info = jest.spyOn(pulumi.log, "info").mockResolvedValue();
    try {
      const captured: pulumi.CustomResourceOptions[] = [];
      const c = snap(
        "backup",
        { diskId: "d-1", generation: "g1", retentionDays: 14 },
        { transformations: [(a) => void (a.type === TOKENS.snapshot && captured.push(a.opts))] },
      );
      expect((await settle(c.snapshotId)).state).toBe("resolved");
      // 3600 s × 1.5 = 90 minutes, plus 10; the disk alone would give 10 + 40 = 50.
      expect(captured[0]?.customTimeouts).toEqual({ create: "10m", update: "100m" });
      expect(info.mock.calls.map(([m]) => String(m))).toContain(
        'the provider waits for snapshot s-earlier to be accomplished before it changes retentionDays of "backup" (7 → 14 days); it is 42% uploaded, about 60 minutes left (ECS\'s estimate, RemainTime 3600 s); the update may take that long, and its timeout is 100 minutes.',
      );
    } finally {
      info.mockRestore();
    }
  });
});

describe("one snapshot lookup per provider", () => {
  test("many components, two providers: one getEcsSnapshots each, for manual snapshots", async () => {
    const account = await useAccount(
      { disks: [1, 2, 3].map((i) => attached(`d-${i}`, "i-1")), instances: [instance("i-1")] },
      true,
    );
    const other = new Provider("other", { region: "cn-hangzhou" });
    for (const i of [1, 2, 3]) snap(`s${i}`, { diskId: `d-${i}` });
    for (const i of [1, 2, 3]) snap(`t${i}`, { diskId: `d-${i}` }, { provider: other });
    await drain();
    const lookups = account.invokes.filter((c) => c.token === TOKENS.getEcsSnapshots);
    expect(lookups.map((c) => c.inputs)).toEqual([{ type: "user" }, { type: "user" }]);
    expect(new Set(lookups.map((c) => c.provider)).size).toBe(2);
    expect(account.counts().getEcsSnapshots).toBe(2);
  });

  test("a failed lookup is this component's error, saying what to check", async () => {
    const account = await useAccount({ disks: [attached("d-1", "i-1")], instances: [instance("i-1")] }, true);
    jest.spyOn(account.cloud, "call").mockImplementation((action: string) => {
      if (action === "DescribeSnapshots") throw new Error("Forbidden.RAM: ecs:DescribeSnapshots is not allowed");
    });
    const c = snap("backup", { diskId: "d-1" });
    const message = await rejectionOf(c.snapshotId);
    expect(message).toContain('Disk d-1 could not be checked for "backup"');
    expect(message).toContain("ecs:DescribeSnapshots");
  });
});

describe("the snapshot's ID during a preview", () => {
  // The mocks give no ID during a preview (every resource is new to them); at `up` they do, as the
  // engine does during a preview for a snapshot it already has. The engine test shows the preview.
  test("known whenever the engine gives the child's ID, while another input is unknown", async () => {
    await useAccount({ disks: [attached("d-ok", "i-1")], instances: [instance("i-1")] }, false);
    const unknownTag = pulumi.output(pulumi.unknown as unknown as string);
    const c = snap("backup", { diskId: "d-ok", tags: { team: unknownTag }, description: unknownTag });
    const id = await settle(c.snapshotId);
    expect(id.state).toBe("resolved");
    expect((id as { value: unknown }).value).toMatch(/^s-/);
  });
});
