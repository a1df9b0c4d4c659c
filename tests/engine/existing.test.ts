/**
 * What the snapshots already in the cloud decide, through the real engine: a snapshot made
 * earlier stays when its disk can no longer be snapshotted (a warning, not a failure), a new one
 * is still refused; a shorter retention is refused; the 257th manual snapshot of a disk is
 * refused; the snapshot's timeouts follow the disk; its ID is known during a preview.
 */
import * as path from "node:path";

import { TOKENS } from "../../simulator";
import { ROOT, SimProject, stateOf, stepsOf } from "./sim";
import { ACCOUNT, restoresStack, T0, restoredProject } from "./fixtures";

const { snapshot: SNAPSHOT, disk: DISK } = TOKENS;

/** The diagnostics section of a preview or up. */
const diagnostics = (output: string) => output.slice(output.indexOf("Diagnostics:"));

describe("an existing snapshot whose disk can no longer be snapshotted", () => {
  test("warns and lets up go on (instance stopping, then disk released); a rotation is refused; nothing restored is touched", () => {
    const project = restoredProject("existing-released");
    const before = project.cloud();
    const snapshot = before.snapshots.find((s) => s.sourceDiskId === "d-bp1appdata01");
    const restored = before.disks.find((d) => d.snapshotId === snapshot?.id);

    // The instance is stopping: ECS would refuse a new snapshot (IncorrectInstanceStatus).
    project.editCloud((cloud) => {
      const app = cloud.instances.find((i) => i.id === "i-bp1app01");
      if (app) app.status = "Stopping";
    });
    const stopping = project.preview("--expect-no-changes");
    expect(stopping.code).toBe(0);
    expect(diagnostics(stopping.stdout)).toMatch(
      new RegExp(
        `warning: Disk d-bp1appdata01 could not be snapshotted now, but "app-data" already has its snapshot ${snapshot?.id} of it: the snapshot stays, and this update goes on.\\n\\s+- its instance i-bp1app01 is "Stopping"`,
      ),
    );

    // Someone releases the source disk in the console.
    project.editCloud((cloud) => {
      cloud.disks = cloud.disks.filter((d) => d.id !== "d-bp1appdata01");
    });
    const released = project.preview("--expect-no-changes");
    expect(released.code).toBe(0);
    expect(diagnostics(released.stdout)).toMatch(/- no disk with ID d-bp1appdata01 was found/);
    const up = project.up("--refresh");
    expect(up.code).toBe(0);
    const after = project.cloud();
    expect(after.snapshots.map((s) => s.id)).toContain(snapshot?.id);
    expect(after.disks.find((d) => d.id === restored?.id)?.status).toBe("In_use");
    expect(stateOf(project.state(), DISK, "app-data-standby")?.id).toBe(restored?.id);

    // A new snapshot of the released disk is refused in the preview, as before.
    project.setStackConfig(restoresStack("g2"));
    const rotation = project.preview();
    expect(rotation.code).not.toBe(0);
    expect(diagnostics(rotation.stdout)).toMatch(
      /Disk d-bp1appdata01 cannot be snapshotted by "app-data":\n\s+- no disk with ID d-bp1appdata01 was found/,
    );
  });
});

describe("retention", () => {
  test("a shorter retentionDays of an existing snapshot is refused in the preview; a longer one is an update", () => {
    const project = restoredProject("retention");
    project.setStackConfig(restoresStack("g1").replace(/retentionDays: 7/g, "retentionDays: 3"));
    const shorter = project.preview();
    expect(shorter.code).not.toBe(0);
    expect(diagnostics(shorter.stdout)).toMatch(
      /retentionDays of "app-data" is 3, but its snapshot s-\S+ is already kept for 7 days: ECS can only extend a snapshot's retention/,
    );

    project.setStackConfig(restoresStack("g1").replace(/retentionDays: 7/g, "retentionDays: 14"));
    const longer = project.preview("--json");
    expect(longer.code).toBe(0);
    expect(
      stepsOf(longer.stdout)
        .filter((s) => s.op !== "same")
        .map((s) => `${s.op} ${s.name}`)
        .sort(),
    ).toEqual(["update app-data-snapshot", "update app-system-snapshot"]);
  });
});

/** The shared account, with `count` manual snapshots of d-bp1appdata01 made by other tools. */
function accountWithSnapshots(count: number): string {
  const lines = Array.from(
    { length: count },
    (_, i) =>
      `  - { id: s-bp1other${i}, sourceDiskId: d-bp1appdata01, snapshotName: other-${i}, createTime: "2026-11-30T00:00:00Z" }`,
  );
  return `${ACCOUNT}snapshots:\n${lines.join("\n")}\n`;
}

const ONE_SNAPSHOT = `
config:
  alicloud:region: cn-hangzhou
  essd-snapshots:snapshots:
    - name: daily
      diskId: d-bp1appdata01
      retentionDays: 7
`;

describe("the quota of 256 manual snapshots per disk", () => {
  test("the 257th is refused in the preview; the 256th is made, with a warning", () => {
    const full = SimProject.create("quota-full", { account: accountWithSnapshots(256), stackConfig: ONE_SNAPSHOT });
    full.now = T0;
    const refused = full.preview();
    expect(refused.code).not.toBe(0);
    expect(diagnostics(refused.stdout)).toMatch(
      /Disk d-bp1appdata01 cannot be snapshotted by "daily":\n\s+- it has 256 manual snapshots, and with this one it would have 257: ECS keeps at most 256/,
    );

    const room = SimProject.create("quota-room", { account: accountWithSnapshots(255), stackConfig: ONE_SNAPSHOT });
    room.now = T0;
    const up = room.upOk();
    expect(diagnostics(up.stdout)).toMatch(/warning: Disk d-bp1appdata01 will have 256 of its 256 manual snapshots/);
    expect(room.cloud().snapshots.filter((s) => s.sourceDiskId === "d-bp1appdata01")).toHaveLength(256);
    // Kept and counted: the next preview, with the snapshot made, has nothing to do and no refusal.
    expect(room.preview("--expect-no-changes").code).toBe(0);
  });
});

describe("timeouts and the snapshot's ID", () => {
  test("customTimeouts follow waitUntil and the disk's size, and are recorded in the state", () => {
    const project = SimProject.create("timeouts", {
      account: ACCOUNT,
      stackConfig: ONE_SNAPSHOT.replace(
        "retentionDays: 7",
        'retentionDays: 7\n      waitUntil: accomplished\n      customTimeouts: { delete: "20m" }',
      ),
    });
    project.now = T0;
    project.upOk();
    const snapshot = stateOf(project.state(), SNAPSHOT, "daily-snapshot") as { customTimeouts?: unknown } | undefined;
    // A 100 GiB disk: 10 minutes plus one per GiB; Pulumi records them in seconds.
    expect(snapshot?.customTimeouts).toEqual({ create: 6600, update: 6600, delete: 1200 });
  });

  test("an existing snapshot's ID is known during a preview while one of its inputs is not: what was restored from it stays", () => {
    const program = (tagFromNewResource: boolean) => `
import * as pulumi from "@pulumi/pulumi";
import { EcsDisk } from "@pulumi/alicloud/ecs";
import { EssdLocalSnapshot } from ${JSON.stringify(path.join(ROOT, "components"))};

${
  tagFromNewResource
    ? `const other = new EcsDisk("other", { zoneId: "cn-hangzhou-i", category: "cloud_essd", size: 20, diskName: "other" });
const team: pulumi.Input<string> = other.id;`
    : `const team: pulumi.Input<string> = "db";`
}
const snap = new EssdLocalSnapshot("data", { diskId: "d-bp1appdata01", retentionDays: 7, generation: "g1", tags: { team } });
snap.createDisk("copy", { instanceId: "i-bp1standby01" });
// A disk the user restores by hand, from snapshotId: replaced if the ID looked unknown.
new EcsDisk("by-hand", { snapshotId: snap.snapshotId, zoneId: "cn-hangzhou-i", category: "cloud_essd", size: 100 });
`;
    const project = SimProject.create("known-id", {
      account: ACCOUNT,
      stackConfig: "config:\n  alicloud:region: cn-hangzhou\n",
      program: program(false),
    });
    project.now = T0;
    project.upOk();

    project.setProgram(program(true));
    const preview = project.preview("--json");
    expect(preview.code).toBe(0);
    const ops = stepsOf(preview.stdout)
      .filter((s) => s.op !== "same")
      .map((s) => `${s.op} ${s.name}`)
      .sort();
    // The restored disk takes the snapshot's tags: updated in place. The disk restored by hand
    // from snapshotId is not in the list: the ID stayed known, so nothing forces its replacement.
    expect(ops).toEqual(["create other", "update data-copy", "update data-snapshot"]);
  });
});
