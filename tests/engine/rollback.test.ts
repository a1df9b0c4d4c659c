/**
 * DiskRollback through the real engine (`ESSD_SIM_ECS_API=1 scripts/pulumi-sim`): refused in
 * the preview on a Running instance (every problem in one preview), done on a Stopped one after
 * its safety snapshot (the cloud shows both), not repeated on a re-run even once the instance
 * runs again (the model records each ResetDisk it serves), and the text a reviewer reads. The
 * preview needs no ECS API: its facts come from the provider's lookups. One project, three pulumi runs and two reads of the cloud.
 */
import * as path from "node:path";

import { ROOT, SimProject } from "./sim";

const ACCOUNT = `regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances:
  - { id: i-bp1web01, status: Running }
  - { id: i-bp1db01, status: Stopped }
disks:
  - { id: d-bp1webdata01, instanceId: i-bp1web01, size: 100 }
  - { id: d-bp1dbdata01, instanceId: i-bp1db01, size: 100 }
snapshots:
  - { id: s-bp1web01, sourceDiskId: d-bp1webdata01, createTime: "2026-11-28T00:00:00Z" }
  - { id: s-bp1db01, sourceDiskId: d-bp1dbdata01, createTime: "2026-11-29T06:00:00Z" }
`;

const PROGRAM = (withWeb: boolean) => `
const { DiskRollback } = require(${JSON.stringify(path.join(ROOT, "components"))});
const db = new DiskRollback("db", { diskId: "d-bp1dbdata01", snapshotId: "s-bp1db01" });
exports.safetySnapshotId = db.safetySnapshotId;
exports.resetAt = db.resetAt;
${withWeb ? `new DiskRollback("web", { diskId: "d-bp1webdata01", snapshotId: "s-bp1db01" });` : ""}
`;

const ECS_API = { ESSD_SIM_ECS_API: "1" };

test("a rollback: refused on a running instance, done once on a stopped one after its safety snapshot", () => {
  const project = SimProject.create("rollback", {
    account: ACCOUNT,
    stackConfig: "config:\n  alicloud:region: cn-hangzhou\n",
    program: PROGRAM(true),
  });
  project.now = "2026-12-01T00:00:00Z";

  // The preview: web is refused, with both of its problems; db's plan is what the reviewer reads.
  const preview = project.cli(["preview", "--stack", "test"]);
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain(
    "Snapshot s-bp1db01 was taken of disk d-bp1dbdata01, not d-bp1webdata01: ResetDisk rolls a disk back only to one of its own snapshots.",
  );
  expect(preview.output).toContain(
    "Instance i-bp1web01 of disk d-bp1webdata01 is Running: ResetDisk needs it Stopped. Stop it first, or set stopInstance: true",
  );
  expect(preview.output).toContain(
    "Rolls disk d-bp1dbdata01 back to snapshot s-bp1db01 (taken 2026-11-29T06:00:00Z): data written to d-bp1dbdata01 since 2026-11-29T06:00:00Z is lost; a safety snapshot of d-bp1dbdata01 is taken first",
  );

  // Without web: up resets db, after its safety snapshot.
  project.setProgram(PROGRAM(false));
  const up = project.cli(["up", "--stack", "test", "--yes", "--skip-preview"], ECS_API);
  expect(up.code).toBe(0);
  const safetyId = /safetySnapshotId\s*:\s*"(s-[a-z0-9]+)"/.exec(up.output)?.[1];
  expect(safetyId).toBeDefined();
  const cloud = project.cloud();
  expect(cloud.recovery.resets).toEqual([
    { diskId: "d-bp1dbdata01", snapshotId: "s-bp1db01", at: expect.any(String) as string },
  ]);
  const safety = cloud.snapshots.find((s) => s.id === safetyId);
  expect(safety).toMatchObject({ sourceDiskId: "d-bp1dbdata01", retentionDays: 30 });
  // The safety snapshot was taken before the reset.
  expect(Date.parse(safety!.createTime)).toBeLessThanOrEqual(Date.parse(cloud.recovery.resets[0].at));

  // A plain re-run, after the instance was started again outside Pulumi: nothing is checked or
  // reset (a Running instance would refuse a new rollback), and the preview says so.
  project.editCloud((state) => {
    state.instances.find((i) => i.id === "i-bp1db01")!.status = "Running";
  });
  const again = project.cli(["up", "--stack", "test", "--yes"], ECS_API);
  expect(again.code).toBe(0);
  expect(again.output).not.toContain("cannot roll the disk back");
  expect(again.output).toMatch(/Rolled back at \S+; not repeated: change snapshotId or request to roll db back again/);
  expect(project.cloud().recovery.resets).toHaveLength(1);
});
