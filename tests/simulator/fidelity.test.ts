/**
 * The stand-in follows its sources: one test per rule of simulator/FIDELITY.md, each named after
 * the source it pins (terraform-provider-alicloud v1.289.0 file:line, a @pulumi/alicloud 3.108
 * type-file note, an ECS API reference page, or "invented" where no source exists).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import {
  EcsError,
  SimulatedAccount,
  SimulatedCloud,
  SimulatedProvider as Provider,
  TOKENS,
  answerInvoke,
  attached,
  createResource,
  disk,
  instance,
  loadCloud,
  replacedBy,
  updateResource,
} from "../../simulator";
import { currentTimeoutSeconds, keepRequestTimeouts } from "../../simulator/doors/provider";
import { checkResource, driftedBy, readResource } from "../../simulator/registry";
import { goDuration, isExpectedError, needRetry } from "../../simulator/waits";
import { codeOf } from "./codeOf";

type Props = Record<string, unknown>;

class SimulatedProvider extends Provider {
  async create(urn: string, inputs: Props): Promise<{ id: string; outs: Props }> {
    return (await super.create(urn, inputs)) as { id: string; outs: Props };
  }
}

const T0 = "2026-12-01T00:00:00.000Z";
const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const isUnknown = (v: unknown) => v === ENGINE_UNKNOWN;
const urn = (type: string) => `urn:pulumi:test::essd-snapshots::${type}::r`;
/** 100 GiB at 32 MiB/s: 3200 s. */
const UPLOAD_100_GIB_MS = 3_200_000;

function cloudAt(
  now = T0,
  disks = [attached("d-data", "i-run"), attached("d-sys", "i-run", { type: "system", size: 40 })],
) {
  let clock = new Date(now);
  const cloud = SimulatedCloud.fromAccount(
    { regionId: "cn-hangzhou", instances: [instance("i-run"), instance("i-other")], disks },
    () => clock,
  );
  return { cloud, setNow: (t: string) => (clock = new Date(t)) };
}

const elapsed = (cloud: SimulatedCloud, from = T0) => cloud.now().getTime() - Date.parse(from);

describe("time: uploads take simulated time (invented rate, limits.ts DEFAULT_UPLOAD_MIB_PER_SECOND)", () => {
  test("invented 32 MiB/s: a 100 GiB ESSD snapshot is available at once, progressing 53 min 20 s, then accomplished", () => {
    const { cloud, setNow } = cloudAt();
    const s = cloud.createSnapshot({ diskId: "d-data" });
    expect(s).toMatchObject({ status: "progressing", available: true });
    setNow("2026-12-01T00:53:19.000Z");
    expect(cloud.snapshot(s.id)?.status).toBe("progressing");
    setNow("2026-12-01T00:53:20.000Z");
    expect(cloud.snapshot(s.id)).toMatchObject({ status: "accomplished", available: true });
  });

  test("DescribeSnapshots Progress and RemainTime (getEcsSnapshots progress, remainTime) follow the simulated clock", () => {
    const { cloud, setNow } = cloudAt();
    cloud.createSnapshot({ diskId: "d-data" });
    const item = () => (answerInvoke(cloud, TOKENS.getEcsSnapshots, {}).snapshots as Props[])[0];
    expect(item()).toMatchObject({ status: "progressing", progress: "0%", remainTime: 3200 });
    setNow("2026-12-01T00:22:24.000Z"); // 1344 s of 3200: 42%
    expect(item()).toMatchObject({ status: "progressing", progress: "42%", remainTime: 1856 });
    setNow("2026-12-01T01:00:00.000Z");
    expect(item()).toMatchObject({ status: "accomplished", progress: "100%", remainTime: 0 });
  });

  test("the account file's uploadMiBPerSecond sets the invented rate", () => {
    const cloud = SimulatedCloud.fromAccount(
      {
        regionId: "cn-hangzhou",
        instances: [instance("i-run")],
        disks: [attached("d-data", "i-run")],
        uploadMiBPerSecond: 1024,
      },
      () => new Date(T0),
    );
    const s = cloud.createSnapshot({ diskId: "d-data" });
    expect(cloud.uploadMs(s)).toBe(100_000);
  });

  test("the cloud keeps its own now: the outside clock moves it forward, never back, and waits advance it", () => {
    const { cloud, setNow } = cloudAt();
    cloud.advance(60_000);
    expect(cloud.now().toISOString()).toBe("2026-12-01T00:01:00.000Z");
    setNow("2026-11-30T00:00:00.000Z");
    expect(cloud.now().toISOString()).toBe("2026-12-01T00:01:00.000Z");
    setNow("2026-12-02T00:00:00.000Z");
    expect(cloud.now().toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(cloud.state.now).toBe("2026-12-02T00:00:00.000Z");
  });
});

describe("CreateSnapshot API page: IncorrectDiskStatus.CreatingSnapshot (one at a time, the stricter reading)", () => {
  test("a second snapshot of a disk is refused (403) while the first is progressing, and accepted once it is accomplished", () => {
    const { cloud, setNow } = cloudAt();
    cloud.createSnapshot({ diskId: "d-data" });
    let refusal: EcsError | undefined;
    try {
      cloud.createSnapshot({ diskId: "d-data" });
    } catch (err) {
      refusal = err as EcsError;
    }
    expect(refusal).toMatchObject({ code: "IncorrectDiskStatus.CreatingSnapshot", httpStatus: 403 });
    expect(refusal?.message).toMatch(/0% uploaded, about 3200 s left/);
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-sys" }))).toBe("(accepted)");
    setNow("2026-12-01T00:53:20.000Z");
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-data" }))).toBe("(accepted)");
  });
});

describe("waits: ecsSnapshot.d.ts 3.108 (waitUntil note), resource_alicloud_ecs_snapshot.go:155-157, plugin-sdk v1.17.2 state.go", () => {
  test("create without waitUntil waits for accomplished: past the default 5m0s it fails as the provider fails, and the snapshot exists", () => {
    const { cloud } = cloudAt();
    let failure: (Error & { id?: string; properties?: Props }) | undefined;
    try {
      createResource(cloud, TOKENS.snapshot, { diskId: "d-data" });
    } catch (err) {
      failure = err as Error & { id?: string; properties?: Props };
    }
    expect(failure?.message).toMatch(
      /resource_alicloud_ecs_snapshot\.go:157: Resource id：s-sim000001 :\ntimeout while waiting for state to become 'accomplished' \(last state: 'progressing', timeout: 5m0s\)$/,
    );
    expect(failure).toMatchObject({ id: "s-sim000001", properties: { status: "progressing", available: true } });
    expect(cloud.snapshot("s-sim000001")?.status).toBe("progressing");
    expect(elapsed(cloud)).toBe(5 * 60_000);
  });

  test("create with a timeout longer than the upload returns accomplished, the clock advanced past the upload (5 s delay, polls ≤ 10 s)", () => {
    const { cloud } = cloudAt();
    const { state } = createResource(cloud, TOKENS.snapshot, { diskId: "d-data" }, { timeoutSeconds: 3600 });
    expect(state).toMatchObject({ status: "accomplished", available: true });
    expect(elapsed(cloud)).toBeGreaterThanOrEqual(UPLOAD_100_GIB_MS);
    expect(elapsed(cloud)).toBeLessThanOrEqual(UPLOAD_100_GIB_MS + 10_000);
  });

  test("the polls of a wait: after the 5 s delay at 5, 8, 14, 24, 34 s (pause doubling within [3 s, 10 s]): a 1 GiB upload (32 s) is seen at 34 s", () => {
    const { cloud } = cloudAt(T0, [attached("d-small", "i-run", { size: 1 })]);
    createResource(cloud, TOKENS.snapshot, { diskId: "d-small" });
    expect(elapsed(cloud)).toBe(34_000);
  });

  test("waitUntil available (3.108): create ends when Available=true, after the 5 s delay, the upload still progressing", () => {
    const { cloud } = cloudAt();
    const { state } = createResource(cloud, TOKENS.snapshot, { diskId: "d-data", waitUntil: "available" });
    expect(state).toMatchObject({ status: "progressing", available: true });
    expect(elapsed(cloud)).toBe(5000);
  });

  test("a retentionDays change waits for accomplished BEFORE ModifySnapshotAttribute (3.108): past the update timeout nothing is changed", () => {
    const { cloud } = cloudAt();
    const { id, state } = createResource(cloud, TOKENS.snapshot, {
      diskId: "d-data",
      retentionDays: 3,
      waitUntil: "available",
    });
    cloud.calls.length = 0;
    expect(() => updateResource(cloud, TOKENS.snapshot, id, state, { ...state, retentionDays: 7 })).toThrow(
      /resource_alicloud_ecs_snapshot\.go:272: .*timeout while waiting for state to become 'accomplished' \(last state: 'progressing', timeout: 5m0s\)/s,
    );
    expect(cloud.calls).not.toContain("ModifySnapshotAttribute");
    expect(cloud.snapshot(id)?.retentionDays).toBe(3);
    const updated = updateResource(
      cloud,
      TOKENS.snapshot,
      id,
      state,
      { ...state, retentionDays: 7 },
      { timeoutSeconds: 3600 },
    );
    expect(updated).toMatchObject({ retentionDays: 7, status: "accomplished" });
  });

  test("a name or description change does not wait (3.108 note)", () => {
    const { cloud } = cloudAt();
    const { id, state } = createResource(cloud, TOKENS.snapshot, { diskId: "d-data", waitUntil: "available" });
    const before = cloud.now().getTime();
    updateResource(cloud, TOKENS.snapshot, id, state, { ...state, snapshotName: "renamed", description: "new text" });
    expect(cloud.now().getTime()).toBe(before);
  });

  test("ModifySnapshotAttribute API page: RetentionDays of a snapshot being created is refused (InvalidSnapshotId.NotReady)", () => {
    const { cloud } = cloudAt();
    const s = cloud.createSnapshot({ diskId: "d-data", retentionDays: 3 });
    expect(codeOf(() => cloud.modifySnapshot(s.id, { retentionDays: 7 }))).toBe("InvalidSnapshotId.NotReady");
  });

  test("resource_alicloud_ecs_disk.go:295-302: disk create waits for Available (10 s delay); resource_alicloud_image.go:288-309: image waits for Usable (10 s)", () => {
    const { cloud } = cloudAt();
    const snap = createResource(cloud, TOKENS.snapshot, { diskId: "d-sys", waitUntil: "available" });
    const t = cloud.now().getTime();
    createResource(cloud, TOKENS.disk, { snapshotId: snap.id, category: "cloud_essd" });
    expect(cloud.now().getTime() - t).toBe(10_000);
    createResource(cloud, TOKENS.image, { diskDeviceMappings: [{ snapshotId: snap.id }] });
    expect(cloud.now().getTime() - t).toBe(20_000);
  });

  test("Go's Duration.String spelling of timeouts", () => {
    expect([5 * 60_000, 3_600_000, 5_400_000, 45_000, 3_200_000].map(goDuration)).toEqual([
      "5m0s",
      "1h0m0s",
      "1h30m0s",
      "45s",
      "53m20s",
    ]);
  });
});

describe("retries: NeedRetry (errors.go:207-241), resource.Retry (plugin-sdk v1.17.2 wait.go), incrementalWait (common.go:1041-1052)", () => {
  test("the fault hook: an action fails N times with a chosen code, then behaves again; the model's API", () => {
    const { cloud } = cloudAt();
    cloud.injectFault({ action: "CreateSnapshot", code: "Throttling", times: 2 });
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-data" }))).toBe("Throttling");
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-data" }))).toBe("Throttling");
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-data" }))).toBe("(accepted)");
    expect(cloud.state.faults).toEqual([]);
  });

  test("Throttling twice on CreateSnapshot: retried, the sleeps (3 s + 0.5 s, then 5 s + 1 s) on the simulated clock", () => {
    const { cloud } = cloudAt();
    cloud.injectFault({ action: "CreateSnapshot", code: "Throttling", times: 2 });
    const made = createResource(cloud, TOKENS.snapshot, { diskId: "d-data", waitUntil: "available" });
    expect(made.state.status).toBe("progressing");
    expect(cloud.calls.filter((c) => c === "CreateSnapshot")).toHaveLength(3);
    // 9.5 s of retries, then the 5 s delay of the wait.
    expect(elapsed(cloud)).toBe(9500 + 5000);
  });

  test("every 5xx is retried (InternalError 500, ServiceUnavailable 503), until the timeout: then the last error", () => {
    const { cloud } = cloudAt();
    cloud.injectFault({ action: "CreateSnapshot", code: "InternalError", times: 1 });
    cloud.injectFault({ action: "CreateSnapshot", code: "ServiceUnavailable", times: 1000 });
    expect(() => createResource(cloud, TOKENS.snapshot, { diskId: "d-data", waitUntil: "available" })).toThrow(
      /^ServiceUnavailable: /,
    );
    expect(elapsed(cloud)).toBe(5 * 60_000);
    expect(cloud.snapshots()).toEqual([]);
  });

  test("a 4xx that is not throttling is not retried", () => {
    const { cloud } = cloudAt();
    cloud.injectFault({ action: "CreateSnapshot", code: "InvalidParameter", times: 1 });
    expect(() => createResource(cloud, TOKENS.snapshot, { diskId: "d-data", waitUntil: "available" })).toThrow(
      /^InvalidParameter: /,
    );
    expect(cloud.calls.filter((c) => c === "CreateSnapshot")).toHaveLength(1);
  });

  test("CreateSnapshot succeeds but its answer is lost (503 after): the retry's same ClientToken returns the same snapshot", () => {
    const { cloud } = cloudAt();
    cloud.injectFault({ action: "CreateSnapshot", code: "ServiceUnavailable", when: "after" });
    const made = createResource(cloud, TOKENS.snapshot, { diskId: "d-data", waitUntil: "available" });
    expect(cloud.snapshots().map((s) => s.id)).toEqual([made.id]);
    expect(cloud.calls.filter((c) => c === "CreateSnapshot")).toHaveLength(2);
  });

  test("resource_alicloud_ecs_disk_attachment.go:95-107: AttachDisk retries IncorrectDiskStatus (3 s, 3 s) and then attaches", () => {
    const { cloud } = cloudAt(T0, [disk("d-free", { status: "Available", instanceId: "" })]);
    cloud.injectFault({ action: "AttachDisk", code: "IncorrectDiskStatus", times: 3, httpStatus: 403 });
    const a = createResource(cloud, TOKENS.diskAttachment, { diskId: "d-free", instanceId: "i-run" });
    expect(a.id).toBe("d-free:i-run");
    // (3 + 0.5) + (3 + 1) + (3 + 2) s of retries; the In_use wait has no delay.
    expect(elapsed(cloud)).toBe(12_500);
  });

  test("AttachDisk of a disk In_use elsewhere: IncorrectDiskStatus retried for the whole 10-minute create timeout, then the error", () => {
    const { cloud } = cloudAt(T0, [attached("d-busy", "i-other")]);
    expect(() => createResource(cloud, TOKENS.diskAttachment, { diskId: "d-busy", instanceId: "i-run" })).toThrow(
      /^IncorrectDiskStatus: /,
    );
    expect(elapsed(cloud)).toBe(10 * 60_000);
  });

  test("IsExpectedErrors (errors.go:118-135): IncorrectDiskStatus also matches IncorrectDiskStatus.CreatingSnapshot", () => {
    expect(isExpectedError(new EcsError("IncorrectDiskStatus.CreatingSnapshot", "x"), ["IncorrectDiskStatus"])).toBe(
      true,
    );
    expect(isExpectedError(new EcsError("IncorrectDiskStatus", "x"), ["IncorrectDiskStatus.Initializing"])).toBe(true);
    expect(isExpectedError(new EcsError("InvalidDiskId.NotFound", "x"), ["IncorrectDiskStatus"])).toBe(false);
    expect(needRetry(new EcsError("Throttling.User", "x", 400))).toBe(true);
    expect(needRetry(new EcsError("InternalError", "x", 500))).toBe(true);
    expect(needRetry(new EcsError("IncorrectDiskStatus", "x", 403))).toBe(false);
  });
});

describe("the provider door: the engine's per-request timeout (step.go Timeout: CustomTimeouts.Create) and init failures (server.js grpcResponseFromError)", () => {
  let dir: string;
  let options: { stateFile: string; accountFile: string; now: string };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "essd-fidelity-"));
    writeFileSync(
      path.join(dir, "account.yaml"),
      "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\ninstances: [{ id: i-bp1app01 }]\ndisks:\n  - { id: d-bp1data01, instanceId: i-bp1app01, size: 100 }\n",
    );
    options = { stateFile: path.join(dir, "cloud.json"), accountFile: path.join(dir, "account.yaml"), now: T0 };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("a wait past the timeout rejects with id, properties and reasons (ErrorResourceInitFailed), and the cloud file keeps the snapshot and the time", async () => {
    const failure = (await new SimulatedProvider(options).create(urn(TOKENS.snapshot), { diskId: "d-bp1data01" }).then(
      () => undefined,
      (err: unknown) => err,
    )) as Error & { id: string; properties: Props; reasons: string[] };
    expect(failure).toMatchObject({ id: "s-sim000001", properties: { status: "progressing" } });
    expect(failure.reasons[0]).toMatch(/timeout: 5m0s/);
    // Properties the protocol's Struct can carry: no undefined (a snapshot kept until deleted has no retentionDays).
    expect("retentionDays" in failure.properties).toBe(false);
    const cloud = loadCloud(options);
    expect(cloud.state.now).toBe("2026-12-01T00:05:00.000Z");
    expect(cloud.snapshot("s-sim000001")?.status).toBe("progressing");
  });

  test("keepRequestTimeouts: create/update/delete handlers run with their request's timeout; other handlers untouched", () => {
    const grpcPath = require.resolve("@grpc/grpc-js", { paths: [require.resolve("@pulumi/pulumi/provider")] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpc = require(grpcPath) as { Server: { prototype: { addService: unknown } } };
    const original = grpc.Server.prototype.addService;
    let registered: Record<string, (call: unknown, cb: unknown) => unknown> = {};
    grpc.Server.prototype.addService = function (_service: unknown, impl: typeof registered) {
      registered = impl;
    };
    try {
      keepRequestTimeouts();
      const seen: Record<string, number> = {};
      const impl = {
        create: () => (seen.create = currentTimeoutSeconds()),
        update: () => (seen.update = currentTimeoutSeconds()),
        read: () => (seen.read = currentTimeoutSeconds()),
      };
      (grpc.Server.prototype.addService as (s: unknown, i: unknown) => void)({}, impl);
      registered.create({ request: { getTimeout: () => 3600 } }, undefined);
      registered.update({ request: { getTimeout: () => 0 } }, undefined);
      registered.read({ request: {} }, undefined);
      expect(seen).toEqual({ create: 3600, update: 0, read: 0 });
    } finally {
      grpc.Server.prototype.addService = original;
    }
  });
});

describe("Check (pulumi-terraform-bridge provider.go Check: ValidateResource, then defaults)", () => {
  test("resource_alicloud_ecs_disk.go:38-43 / ecsDisk.d.ts 3.108: category cloud_regional_disk_auto is refused naming the property; default cloud_efficiency", () => {
    const refused = checkResource(TOKENS.disk, { category: "cloud_regional_disk_auto", size: 20 });
    expect(refused?.failures.map((f) => f.property)).toEqual(["category"]);
    expect(refused?.failures[0]?.reason).toMatch(
      /^expected category to be one of \[cloud cloud_efficiency cloud_essd cloud_ssd cloud_auto cloud_essd_entry elastic_ephemeral_disk_standard elastic_ephemeral_disk_premium\], got cloud_regional_disk_auto /,
    );
    expect(checkResource(TOKENS.disk, { size: 20 })).toEqual({
      inputs: { size: 20, category: "cloud_efficiency", deleteAutoSnapshot: false },
      failures: [],
    });
    expect(checkResource(TOKENS.disk, { category: ENGINE_UNKNOWN }, isUnknown)?.failures).toEqual([]);
    expect(checkResource(TOKENS.disk, { performanceLevel: "PL4" })?.failures[0]?.property).toBe("performanceLevel");
  });

  test("resource_alicloud_image.go:37-39, :163 / image.d.ts 3.108: platform and architecture lists; architecture default x86_64", () => {
    expect(checkResource(TOKENS.image, { platform: "Linux" })?.failures.map((f) => f.property)).toEqual(["platform"]);
    expect(checkResource(TOKENS.image, { architecture: "amd64" })?.failures.map((f) => f.property)).toEqual([
      "architecture",
    ]);
    expect(checkResource(TOKENS.image, { platform: "Rocky Linux" })).toEqual({
      inputs: { platform: "Rocky Linux", architecture: "x86_64", force: false },
      failures: [],
    });
    expect(
      checkResource(TOKENS.image, { diskDeviceMappings: [{ diskType: "boot", size: 40000 }] })?.failures.map(
        (f) => f.property,
      ),
    ).toEqual(["diskDeviceMappings[0].diskType", "diskDeviceMappings[0].size"]);
  });

  test("resource_alicloud_ecs_snapshot.go:35: category standard/flash (case-sensitive); waitUntil accomplished/available (3.108)", () => {
    expect(
      checkResource(TOKENS.snapshot, { diskId: "d-1", category: "Flash" })?.failures.map((f) => f.property),
    ).toEqual(["category"]);
    expect(
      checkResource(TOKENS.snapshot, { diskId: "d-1", waitUntil: "done" })?.failures.map((f) => f.property),
    ).toEqual(["waitUntil"]);
    expect(
      checkResource(TOKENS.snapshot, { diskId: "d-1", category: "flash", waitUntil: "available" })?.failures,
    ).toEqual([]);
  });

  test("the provider door returns Check's failures and defaults; the mocks door refuses the resource naming the property", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "essd-fidelity-"));
    try {
      const checked = await new SimulatedProvider({ stateFile: path.join(dir, "c.json") }).check(
        urn(TOKENS.disk),
        {},
        { category: "cloud_regional_disk_auto", size: 20 },
      );
      expect(checked.failures?.[0]?.property).toBe("category");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const account = new SimulatedAccount({ regionId: "cn-hangzhou", disks: [], instances: [] });
    expect(() =>
      account.register(
        { type: TOKENS.disk, name: "d", inputs: { category: "cloud_regional_disk_auto", size: 20 }, custom: true },
        true,
      ),
    ).toThrow(
      /^alicloud:ecs\/ecsDisk:EcsDisk resource 'd': property category value \{cloud_regional_disk_auto\} has a problem: expected category/,
    );
  });
});

describe("Image ForceNew (resource_alicloud_image.go:37, :62-97, :125, :148, :150-153, :162, :170-173)", () => {
  const state = {
    architecture: "x86_64",
    platform: "Aliyun",
    imageVersion: "1",
    features: { nvmeSupport: "supported" },
    instanceId: "i-1",
    snapshotId: "s-top",
    diskDeviceMappings: [{ snapshotId: "s-1", size: 40, diskType: "system", device: "/dev/xvda" }],
  };
  test.each([
    ["platform", { platform: "Ubuntu" }, ["platform"]],
    ["architecture", { architecture: "arm64" }, ["architecture"]],
    ["imageVersion", { imageVersion: "2" }, ["imageVersion"]],
    ["features.nvmeSupport", { features: { nvmeSupport: "unsupported" } }, ["features"]],
    ["diskDeviceMappings snapshotId", { diskDeviceMappings: [{ snapshotId: "s-2" }] }, ["diskDeviceMappings"]],
    ["diskDeviceMappings size", { diskDeviceMappings: [{ snapshotId: "s-1", size: 80 }] }, ["diskDeviceMappings"]],
    [
      "diskDeviceMappings diskType",
      { diskDeviceMappings: [{ snapshotId: "s-1", diskType: "data" }] },
      ["diskDeviceMappings"],
    ],
    [
      "diskDeviceMappings device",
      { diskDeviceMappings: [{ snapshotId: "s-1", device: "/dev/xvdb" }] },
      ["diskDeviceMappings"],
    ],
    ["a diskDeviceMappings field left out (Computed)", { diskDeviceMappings: [{ snapshotId: "s-1" }] }, []],
    ["instanceId (not ForceNew)", { instanceId: "i-2" }, []],
    ["the top-level snapshotId (not ForceNew)", { snapshotId: "s-other" }, []],
  ])("%s", (_what, change, replaces) => {
    expect(replacedBy(TOKENS.image, state, { ...state, ...change }, isUnknown)).toEqual(replaces);
  });

  test("instanceId and the top-level snapshotId changes are silent no-ops: no ModifyImageAttribute field, read back as they were", () => {
    const { cloud } = cloudAt();
    const snap = createResource(cloud, TOKENS.snapshot, { diskId: "d-sys", waitUntil: "available" });
    const img = createResource(cloud, TOKENS.image, { snapshotId: snap.id, imageName: "golden" });
    const updated = updateResource(cloud, TOKENS.image, img.id, img.state, {
      ...img.state,
      snapshotId: "s-elsewhere",
      instanceId: "i-run",
    });
    expect(updated).toMatchObject({ snapshotId: snap.id });
    expect(updated.instanceId).toBeUndefined();
  });
});

describe("ecsDisk.d.ts 3.108 on snapshotId: a disk asked smaller than its snapshot is made at the snapshot's size", () => {
  test("made at the snapshot's size (not InvalidDiskSize.TooSmall); the next diff sees size changed; the update's ResizeDisk is refused", () => {
    const { cloud } = cloudAt();
    const snap = createResource(cloud, TOKENS.snapshot, { diskId: "d-data", waitUntil: "available" });
    const inputs = { snapshotId: snap.id, size: 20, category: "cloud_essd" };
    const made = createResource(cloud, TOKENS.disk, inputs);
    expect(made.state.size).toBe(100);
    expect(driftedBy(TOKENS.disk, made.state, inputs, isUnknown)).toEqual(["size"]);
    expect(() => updateResource(cloud, TOKENS.disk, made.id, made.state, inputs)).toThrow(
      /^InvalidDiskSize\.TooSmall: /,
    );
    expect(driftedBy(TOKENS.disk, made.state, { ...inputs, size: 100 }, isUnknown)).toEqual([]);
  });
});

describe("EcsDiskAttachment Read (service_alicloud_ecs.go:714-728) and import id <diskId>:<instanceId> (resource_alicloud_ecs_disk_attachment.go:19-21, :112)", () => {
  test("NotFound when the disk is gone, or detached; a disk In_use on another instance reads as that instance", () => {
    const { cloud } = cloudAt(T0, [
      attached("d-here", "i-run"),
      attached("d-moved", "i-other"),
      disk("d-free", { status: "Available", instanceId: "" }),
    ]);
    expect(readResource(cloud, TOKENS.diskAttachment, "d-here:i-run", {})).toMatchObject({
      diskId: "d-here",
      instanceId: "i-run",
    });
    expect(readResource(cloud, TOKENS.diskAttachment, "d-moved:i-run", {})).toMatchObject({ instanceId: "i-other" });
    expect(readResource(cloud, TOKENS.diskAttachment, "d-free:i-run", {})).toBeUndefined();
    expect(readResource(cloud, TOKENS.diskAttachment, "d-gone:i-run", {})).toBeUndefined();
  });

  test("the provider door answers an import (no inputs) with the inputs read from the disk", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "essd-fidelity-"));
    try {
      writeFileSync(
        path.join(dir, "a.yaml"),
        "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\ninstances: [{ id: i-bp1app01 }]\ndisks:\n  - { id: d-bp1data01, instanceId: i-bp1app01 }\n",
      );
      const read = await new SimulatedProvider({
        stateFile: path.join(dir, "c.json"),
        accountFile: path.join(dir, "a.yaml"),
      }).read("d-bp1data01:i-bp1app01", urn(TOKENS.diskAttachment), {});
      expect(read).toMatchObject({
        id: "d-bp1data01:i-bp1app01",
        inputs: { diskId: "d-bp1data01", instanceId: "i-bp1app01" },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Read of a gone object clears the ID (resource_alicloud_ecs_disk.go:311-319, resource_alicloud_image.go:318-326)", () => {
  test("a deleted disk or image reads as nothing", () => {
    const { cloud } = cloudAt();
    const snap = createResource(cloud, TOKENS.snapshot, { diskId: "d-sys", waitUntil: "available" });
    const d = createResource(cloud, TOKENS.disk, { snapshotId: snap.id, category: "cloud_essd" });
    const img = createResource(cloud, TOKENS.image, { snapshotId: snap.id });
    cloud.deleteDisk(d.id);
    cloud.deleteImage(img.id);
    expect(readResource(cloud, TOKENS.disk, d.id, d.state)).toBeUndefined();
    expect(readResource(cloud, TOKENS.image, img.id, img.state)).toBeUndefined();
  });

  test("resource_alicloud_ecs_disk_attachment.go:30, :36: bootable and deleteWithInstance default to false", () => {
    expect(checkResource(TOKENS.diskAttachment, { diskId: "d-1", instanceId: "i-1" })?.inputs).toEqual({
      diskId: "d-1",
      instanceId: "i-1",
      bootable: false,
      deleteWithInstance: false,
    });
  });
});

describe("error codes as the ECS API reference names them", () => {
  test("CreateImage API page: an encrypted system snapshot is OperationDenied; a snapshot not yet available is InvalidSnapshotId.NotReady (403)", () => {
    const { cloud } = cloudAt(T0, [
      attached("d-enc", "i-run", { type: "system", encrypted: "on" }),
      attached("d-eff", "i-run", { type: "system", category: "cloud_efficiency" }),
    ]);
    const enc = cloud.createSnapshot({ diskId: "d-enc" });
    expect(codeOf(() => cloud.createImage({ snapshotId: enc.id }))).toBe("OperationDenied");
    const slow = cloud.createSnapshot({ diskId: "d-eff" });
    expect(codeOf(() => cloud.createImage({ snapshotId: slow.id }))).toBe("InvalidSnapshotId.NotReady");
  });

  test("CreateDisk API page: InvalidParameter.Encrypted (unencrypted from encrypted), MissingParameter (no size, no snapshot)", () => {
    const { cloud } = cloudAt(T0, [attached("d-enc", "i-run", { encrypted: "on" })]);
    const s = cloud.createSnapshot({ diskId: "d-enc" });
    expect(codeOf(() => cloud.createDisk({ snapshotId: s.id, category: "cloud_essd", encrypted: false }))).toBe(
      "InvalidParameter.Encrypted",
    );
    expect(codeOf(() => cloud.createDisk({ category: "cloud_essd" }))).toBe("MissingParameter");
  });

  test("CreateSnapshot API page: InvalidSnapshotCategory.Malformed (403), DiskCategory.OperationNotSupported for flash off cloud_essd", () => {
    const { cloud } = cloudAt(T0, [attached("d-auto", "i-run", { category: "cloud_auto" })]);
    let refusal: EcsError | undefined;
    try {
      cloud.createSnapshot({ diskId: "d-auto", category: "archive" });
    } catch (err) {
      refusal = err as EcsError;
    }
    expect(refusal).toMatchObject({ code: "InvalidSnapshotCategory.Malformed", httpStatus: 403 });
    expect(codeOf(() => cloud.createSnapshot({ diskId: "d-auto", category: "flash" }))).toBe(
      "DiskCategory.OperationNotSupported",
    );
  });

  test("AttachDisk API page: ResourcesNotInSameZone (403)", () => {
    const { cloud } = cloudAt(T0, [disk("d-far", { status: "Available", instanceId: "", zoneId: "cn-hangzhou-k" })]);
    expect(codeOf(() => cloud.attachDisk("d-far", "i-run"))).toBe("ResourcesNotInSameZone");
  });
});

describe("the mocks door: Check, and waits of up to 30 days (mocks are not told customTimeouts)", () => {
  test("a raw EcsSnapshot without waitUntil is created accomplished, the clock advanced past the upload", () => {
    const account = new SimulatedAccount(
      { regionId: "cn-hangzhou", instances: [instance("i-run")], disks: [attached("d-data", "i-run")] },
      () => new Date(T0),
    );
    const made = account.register(
      { type: TOKENS.snapshot, name: "s", inputs: { diskId: "d-data" }, custom: true },
      false,
    ) as {
      state: Props;
    };
    expect(made.state.status).toBe("accomplished");
    expect(account.cloud.now().getTime() - Date.parse(T0)).toBeGreaterThanOrEqual(UPLOAD_100_GIB_MS);
  });
});
