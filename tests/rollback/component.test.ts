/**
 * DiskRollback under the testing kit: the arguments, the preview's check (every problem in one
 * refusal, the plan a reviewer reads), and the update the mocks door makes through the model
 * (simulator/doors/diskRollback.ts): the safety snapshot first, then ResetDisk, the instance
 * stopped and started when allowed.
 */
import * as pulumi from "@pulumi/pulumi";

import { DiskRollback, type DiskRollbackArgs } from "../../components";
import { DISK_ROLLBACK_KIND } from "../../components/rollback/provider";
import { attached, copySnapshot, instance, recoveryOf, snapshot, SimulatedAccount } from "../../simulator";
import { settle, settled, simulate, valueOf, type Simulation } from "../../testing";

const RESET_TYPE = `pulumi-nodejs:dynamic/essd-snapshots:${DISK_ROLLBACK_KIND}`;
const SNAPSHOT_TYPE = "alicloud:ecs/ecsSnapshot:EcsSnapshot";
const TAKEN = "2026-11-29T06:00:00.000Z";
/** The creation time as ECS reports it (to the second), which the preview quotes. */
const REPORTED = "2026-11-29T06:00:00Z";

function account(): SimulatedAccount {
  return new SimulatedAccount(
    {
      regionId: "cn-hangzhou",
      copyRegions: ["cn-shanghai"],
      instances: [instance("i-web"), instance("i-db", { status: "Stopped" })],
      disks: [attached("d-web", "i-web", { size: 40 }), attached("d-db", "i-db", { size: 40 })],
      snapshots: [
        snapshot("s-web", "d-web", { createTime: TAKEN }),
        snapshot("s-db", "d-db", { createTime: TAKEN }),
        snapshot("s-db-failed", "d-db", { createTime: TAKEN, status: "failed", available: false }),
      ],
    },
    () => new Date("2026-12-01T00:00:00.000Z"),
  );
}

async function run(preview: boolean, acct = account()): Promise<Simulation> {
  await settled();
  return simulate({ preview, account: acct, config: { "alicloud:region": "cn-hangzhou" } });
}

const warnings: string[] = [];
beforeEach(() => {
  warnings.length = 0;
  jest.spyOn(pulumi.log, "warn").mockImplementation((message: string) => {
    warnings.push(message);
    return Promise.resolve();
  });
});
afterEach(() => jest.restoreAllMocks());

const refusalText = (sim: Simulation) => sim.refusals.map((r) => r.message).join("\n");

describe("DiskRollback: the arguments, before anything is registered", () => {
  it("reports every mistake at once", async () => {
    await run(true);
    expect(
      () =>
        new DiskRollback("db", {
          diskId: "",
          snapshotId: "s-db",
          safetySnapshot: "no",
        } as unknown as DiskRollbackArgs),
    ).toThrow(
      'Invalid inputs for "DiskRollback db":\n  - diskId is ""; it must be a non-empty string.\n  - safetySnapshot is "no"; it must be a plain true or false',
    );
  });
});

describe("DiskRollback in a preview", () => {
  it("refuses a Running instance and a snapshot of another disk, in one refusal, and resets nothing", async () => {
    const sim = await run(true);
    const web = new DiskRollback("web", { diskId: "d-web", snapshotId: "s-db" });
    // The plan rejects with the refusal: the same error the kit reports.
    const plan = await settle(web.plan, 10000);
    expect(plan.state).toBe("rejected");
    await settled();
    const text = refusalText(sim);
    expect(text).toContain('DiskRollback "web" cannot roll the disk back; ECS would refuse ResetDisk:');
    expect(text).toContain("Snapshot s-db was taken of disk d-db, not d-web");
    expect(text).toContain("Instance i-web of disk d-web is Running: ResetDisk needs it Stopped.");
    expect(sim.refusals.filter((r) => r.message.includes("cannot roll the disk back"))).toEqual([
      expect.objectContaining({ resource: { type: "essd-snapshots:index:DiskRollback", name: "web" } }),
    ]);
    expect(recoveryOf(sim.account.cloud).resets).toEqual([]);
  });

  it("refuses a copy in another region, and a failed snapshot", async () => {
    const acct = account();
    const copy = copySnapshot(acct.cloud, {
      regionId: "cn-hangzhou",
      destinationRegionId: "cn-shanghai",
      snapshotId: "s-db",
      destinationSnapshotName: "db-dr",
      destinationSnapshotDescription: "dr copy",
    });
    const sim = await run(true, acct);
    // Without safety snapshots: two of one disk in one update would be refused on their own.
    const rollbacks = [
      new DiskRollback("to-copy", { diskId: "d-db", snapshotId: copy.id, safetySnapshot: false }),
      new DiskRollback("to-failed", { diskId: "d-db", snapshotId: "s-db-failed", safetySnapshot: false }),
    ];
    for (const r of rollbacks) expect((await settle(r.plan, 10000)).state).toBe("rejected");
    await settled();
    const text = refusalText(sim);
    expect(text).toContain(`Snapshot ${copy.id} was not found in cn-hangzhou, the region of disk d-db`);
    expect(text).toContain('Snapshot s-db-failed has status "failed" and can never be used');
  });

  it("tells the reviewer what is lost, the safety snapshot, and the instance it stops", async () => {
    const sim = await run(true);
    const db = new DiskRollback("db", { diskId: "d-db", snapshotId: "s-db" });
    const web = new DiskRollback("web", { diskId: "d-web", snapshotId: "s-web", stopInstance: true });
    for (const r of [db, web]) expect((await settle(r.plan, 10000)).state).toBe("resolved");
    expect(sim.refusals).toEqual([]);
    expect(await valueOf(db.lost)).toBe(`data written to d-db since ${REPORTED}`);
    expect(await valueOf(web.stopsInstance)).toBe(true);
    expect(warnings).toEqual(
      expect.arrayContaining([
        `Rolls disk d-db back to snapshot s-db (taken ${REPORTED}): data written to d-db since ${REPORTED} is lost; a safety snapshot of d-db is taken first, so the rollback can itself be undone.`,
        `Rolls disk d-web back to snapshot s-web (taken ${REPORTED}): data written to d-web since ${REPORTED} is lost; a safety snapshot of d-web is taken first, so the rollback can itself be undone. Instance i-web is stopped for it and started again afterwards.`,
      ]),
    );
  });
});

describe("DiskRollback in an update (the mocks door, through the model)", () => {
  it("takes the safety snapshot, then resets the disk; the safety snapshot's ID is an output", async () => {
    const sim = await run(false);
    const db = new DiskRollback("db", { diskId: "d-db", snapshotId: "s-db", request: "incident-42" });
    const safetyId = await valueOf(db.safetySnapshotId);
    const resetAt = await valueOf(db.resetAt);
    expect(sim.refusals).toEqual([]);
    const safety = sim.account.cloud.state.snapshots.find((s) => s.id === safetyId);
    expect(safety).toMatchObject({ sourceDiskId: "d-db", retentionDays: 30 });
    // One safety snapshot per rollback: a new request or a new snapshot is a new generation.
    expect(safety?.tags["essd-snapshots:generation"]).toBe("incident-42@s-db");
    expect(recoveryOf(sim.account.cloud).resets).toEqual([{ diskId: "d-db", snapshotId: "s-db", at: resetAt }]);
    expect(sim.account.registered(RESET_TYPE)[0].inputs).toMatchObject({
      diskId: "d-db",
      snapshotId: "s-db",
      request: "incident-42",
      safetySnapshotId: safetyId,
    });
  });

  it("stops a Running instance it may stop, resets, and starts it again", async () => {
    const sim = await run(false);
    const web = new DiskRollback("web", {
      diskId: "d-web",
      snapshotId: "s-web",
      stopInstance: true,
      safetySnapshot: false,
    });
    await valueOf(web.resetAt);
    expect(sim.refusals).toEqual([]);
    expect(await valueOf(web.safetySnapshotId)).toBe("");
    expect(sim.account.registered(SNAPSHOT_TYPE)).toEqual([]);
    expect(sim.account.cloud.calls.filter((c) => /^(Stop|Start)Instance$|^ResetDisk$/.test(c))).toEqual([
      "StopInstance",
      "ResetDisk",
      "StartInstance",
    ]);
    expect(sim.account.cloud.instance("i-web")?.status).toBe("Running");
  });
});
