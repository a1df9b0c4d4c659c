/**
 * The rollback resource's code (components/rollback/provider.ts) against the local ECS API over
 * the simulated cloud: the real SDK, real HTTP, the model's Stop/Start timing. Its waits sleep
 * on the cloud's clock here, so a 10 s stop takes no time.
 */
import { TEST_ACCESS_KEY } from "../../simulator";
import { EcsClient } from "../../components/ecs";
import { diskRollbackProvider, rollBack, type RollbackInputs } from "../../components/rollback/provider";
import {
  SimulatedCloud,
  attached,
  copySnapshot,
  instance,
  recoveryOf,
  snapshot,
  startEcsApi,
  type EcsApi,
} from "../../simulator";

const HZ = "cn-hangzhou";
const T0 = "2026-12-01T00:00:00.000Z";

let clockAt = Date.parse(T0);
let cloud: SimulatedCloud;
let api: EcsApi;

beforeEach(async () => {
  clockAt = Date.parse(T0);
  cloud = SimulatedCloud.fromAccount(
    {
      regionId: HZ,
      copyRegions: ["cn-shanghai"],
      instances: [instance("i-web"), instance("i-db", { status: "Stopped" })],
      disks: [attached("d-web", "i-web"), attached("d-db", "i-db")],
      snapshots: [snapshot("s-web", "d-web", { createTime: T0 }), snapshot("s-db", "d-db", { createTime: T0 })],
    },
    () => new Date(clockAt),
  );
  api = await startEcsApi({ cloud });
});
afterEach(() => api.close());

const ecs = () => new EcsClient({ regionId: HZ, endpoint: api.endpoint, credentials: TEST_ACCESS_KEY, env: {} });
/** A wait that passes on the cloud's clock, not the machine's. */
const waits = { pollMs: 1000, sleep: (ms: number) => Promise.resolve(void (clockAt += ms)) };

const inputs = (over: Partial<RollbackInputs> = {}): RollbackInputs => ({
  name: "web",
  regionId: HZ,
  diskId: "d-web",
  snapshotId: "s-web",
  request: "s-web",
  stopInstance: true,
  safetySnapshotId: "",
  ...over,
});

const changes = () => api.actions.filter((a) => !a.startsWith("Describe"));

describe("rollBack", () => {
  it("stops a Running instance it may stop, waits for Stopped, resets the disk, starts it and waits for Running", async () => {
    const outs = await rollBack(inputs(), ecs(), waits);
    expect(changes()).toEqual(["StopInstance", "ResetDisk", "StartInstance"]);
    expect(outs).toMatchObject({ stoppedInstanceId: "i-web", diskId: "d-web", snapshotId: "s-web" });
    expect(recoveryOf(cloud).resets).toEqual([
      // Reset once Stopping (10 s on the cloud's clock) had ended.
      { diskId: "d-web", snapshotId: "s-web", at: "2026-12-01T00:00:10.000Z" },
    ]);
    expect(cloud.instance("i-web")?.status).toBe("Running");
  });

  it("stops nothing when the instance is Stopped already", async () => {
    const outs = await rollBack(inputs({ name: "db", diskId: "d-db", snapshotId: "s-db" }), ecs(), waits);
    expect(changes()).toEqual(["ResetDisk"]);
    expect(outs.stoppedInstanceId).toBe("");
  });

  it("refuses a Running instance it may not stop, before any change", async () => {
    await expect(rollBack(inputs({ stopInstance: false }), ecs(), waits)).rejects.toThrow(
      'DiskRollback "web" cannot roll the disk back; ECS would refuse ResetDisk:\n  - Instance i-web of disk d-web is Running',
    );
    expect(changes()).toEqual([]);
  });

  it("refuses a copy in another region (not found in the disk's region), before any change", async () => {
    const copy = copySnapshot(cloud, {
      regionId: HZ,
      destinationRegionId: "cn-shanghai",
      snapshotId: "s-web",
      destinationSnapshotName: "web-dr",
      destinationSnapshotDescription: "dr copy",
    });
    await expect(rollBack(inputs({ snapshotId: copy.id }), ecs(), waits)).rejects.toThrow(
      `Snapshot ${copy.id} was not found in cn-hangzhou, the region of disk d-web`,
    );
    expect(changes()).toEqual([]);
  });

  it("starts the instance it stopped again when ResetDisk fails", async () => {
    cloud.injectFault({ action: "ResetDisk", code: "InternalError" });
    await expect(rollBack(inputs(), ecs(), waits)).rejects.toThrow(
      /ECS refused ResetDisk in cn-hangzhou: InternalError/,
    );
    expect(changes()).toEqual(["StopInstance", "ResetDisk", "StartInstance"]);
    expect(cloud.instance("i-web")?.status).toBe("Running");
    expect(recoveryOf(cloud).resets).toEqual([]);
  });

  it("gives up on an instance that does not stop in time, with a sentence", async () => {
    await expect(rollBack(inputs(), ecs(), { ...waits, timeoutMs: 5000 })).rejects.toThrow(
      "Instance i-web is still Stopping after 5 s; expected Stopped.",
    );
    expect(recoveryOf(cloud).resets).toEqual([]);
  });
});

describe("the resource's diff: never a rollback on a plain re-run", () => {
  const olds = { ...inputs(), resetAt: T0, stoppedInstanceId: "" };
  it.each<[string, Partial<RollbackInputs>, { changes: boolean; replaces: string[] }]>([
    ["nothing changed", {}, { changes: false, replaces: [] }],
    ["only stopInstance", { stopInstance: false }, { changes: false, replaces: [] }],
    ["a new request", { request: "again" }, { changes: true, replaces: [] }],
    ["a new snapshot", { snapshotId: "s-web2" }, { changes: true, replaces: [] }],
    ["another disk", { diskId: "d-db" }, { changes: true, replaces: ["diskId"] }],
  ])("%s", async (_what, change, expected) => {
    expect(await diskRollbackProvider.diff!("id", olds, { ...inputs(), ...change })).toMatchObject(expected);
  });
});
