/**
 * The ECS client against the simulated cloud's local ECS API: the real SDK
 * (`@alicloud/ecs20140526`), real HTTP on 127.0.0.1, real ACS3-HMAC-SHA256 signatures checked by
 * the door; each call, ECS's errors as sentences, a bad signature refused, paging, and the
 * state file shared with the stand-in provider.
 */
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { EcsApiError, EcsClient } from "../../components/ecs";
import {
  SimulatedCloud,
  TEST_ACCESS_KEY,
  attached,
  instance,
  loadCloud,
  percentEncode,
  recoveryOf,
  snapshot,
  snapshotsIn,
  startEcsApi,
  type EcsApi,
} from "../../simulator";

const HZ = "cn-hangzhou";
const SH = "cn-shanghai";
const T0 = "2026-12-01T00:00:00.000Z";

function newCloud(extraSnapshots = 0): SimulatedCloud {
  return SimulatedCloud.fromAccount(
    {
      regionId: HZ,
      copyRegions: [SH],
      instances: [instance("i-web"), instance("i-db", { status: "Stopped" })],
      disks: [attached("d-web", "i-web"), attached("d-db", "i-db")],
      snapshots: [
        snapshot("s-web", "d-web", { createTime: T0, tags: { team: "web" } }),
        snapshot("s-db", "d-db", { createTime: T0 }),
        snapshot("s-db-uploading", "d-db", { createTime: T0, status: "progressing" }),
        ...Array.from({ length: extraSnapshots }, (_, i) => snapshot(`s-many${i}`, "d-web", { createTime: T0 })),
      ],
    },
    () => new Date(clockAt),
  );
}
/** The cloud's outside clock: T0, moved on by a test that waits for an instance. */
let clockAt = T0;

let api: EcsApi;
let cloud: SimulatedCloud;
const client = (over: Partial<ConstructorParameters<typeof EcsClient>[0]> = {}) =>
  new EcsClient({ regionId: HZ, endpoint: api.endpoint, credentials: TEST_ACCESS_KEY, env: {}, ...over });

beforeEach(async () => {
  clockAt = T0;
  cloud = newCloud(250);
  api = await startEcsApi({ cloud });
});
afterEach(() => api.close());

async function refusal(p: Promise<unknown>): Promise<EcsApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof EcsApiError) return err;
    throw err;
  }
  throw new Error("expected ECS to refuse the call");
}

describe("the client's calls, through the SDK and the local ECS API", () => {
  it("copies a snapshot to another region, and reads the copy there", async () => {
    const ecs = client();
    const { snapshotId } = await ecs.copySnapshot({
      snapshotId: "s-db",
      destinationRegionId: SH,
      destinationSnapshotName: "db-dr",
      destinationSnapshotDescription: "disaster recovery copy",
      retentionDays: 30,
      tags: { dr: "yes" },
    });
    expect(snapshotId).toMatch(/^s-/);
    const [copy] = await ecs.describeSnapshots({ snapshotIds: [snapshotId] }, { regionId: SH });
    expect(copy).toMatchObject({
      snapshotId,
      regionId: SH,
      snapshotName: "db-dr",
      retentionDays: 30,
      sourceSnapshotId: "s-db",
      sourceRegionId: HZ,
      sourceDiskId: "d-db",
      tags: { dr: "yes" },
      // A copy takes time (simulator/model/recovery.ts copyMs): not usable yet.
      status: "progressing",
      available: false,
    });
    expect(await ecs.describeSnapshots({ snapshotIds: [snapshotId] })).toEqual([]);
    expect(api.actions).toEqual(["CopySnapshot", "DescribeSnapshots", "DescribeSnapshots"]);
  });

  it("stops an instance, rolls its disk back, starts it again", async () => {
    const ecs = client();
    await ecs.stopInstance("i-web");
    expect((await ecs.describeInstances(["i-web"]))[0].status).toBe("Stopping");
    clockAt = "2026-12-01T00:01:00.000Z";
    expect((await ecs.describeInstances(["i-web"]))[0].status).toBe("Stopped");
    await ecs.resetDisk("d-web", "s-web");
    await ecs.startInstance("i-web");
    clockAt = "2026-12-01T00:02:00.000Z";
    expect(await ecs.describeInstances(["i-web", "i-nope"])).toEqual([
      expect.objectContaining({ instanceId: "i-web", status: "Running", zoneId: "cn-hangzhou-i" }),
    ]);
    expect(recoveryOf(cloud).resets).toEqual([
      { diskId: "d-web", snapshotId: "s-web", at: "2026-12-01T00:01:00.000Z" },
    ]);
  });

  it("creates and deletes a snapshot, and reads disks", async () => {
    const ecs = client();
    const { snapshotId } = await ecs.createSnapshot({ diskId: "d-web", snapshotName: "web-now", retentionDays: 1 });
    expect((await ecs.describeSnapshots({ snapshotIds: [snapshotId] }))[0]).toMatchObject({
      snapshotName: "web-now",
      sourceDiskId: "d-web",
      status: "progressing",
    });
    await ecs.deleteSnapshot(snapshotId);
    expect(await ecs.describeSnapshots({ snapshotIds: [snapshotId] })).toEqual([]);
    expect(await ecs.describeDisks(["d-db", "d-nope"])).toEqual([
      expect.objectContaining({ diskId: "d-db", status: "In_use", instanceId: "i-db", encrypted: false }),
    ]);
  });

  it("filters snapshots server-side by disk, instance and tag", async () => {
    const ecs = client();
    expect((await ecs.describeSnapshots({ diskId: "d-db" })).map((s) => s.snapshotId)).toEqual([
      "s-db",
      "s-db-uploading",
    ]);
    expect((await ecs.describeSnapshots({ instanceId: "i-db" })).map((s) => s.snapshotId)).toEqual([
      "s-db",
      "s-db-uploading",
    ]);
    expect((await ecs.describeSnapshots({ tags: { team: "web" } })).map((s) => s.snapshotId)).toEqual(["s-web"]);
  });

  it("pages through DescribeSnapshots with MaxResults and NextToken", async () => {
    const ecs = client();
    const all = await ecs.describeSnapshots();
    expect(all).toHaveLength(253);
    expect(new Set(all.map((s) => s.snapshotId)).size).toBe(253);
    expect(api.actions).toEqual(["DescribeSnapshots", "DescribeSnapshots", "DescribeSnapshots"]);
    const first = await ecs.describeSnapshotsPage({}, { maxResults: 2 });
    expect(first.snapshots.map((s) => s.snapshotId)).toEqual(["s-web", "s-db"]);
    expect(first.nextToken).not.toBe("");
  });
});

describe("ECS's refusals, as sentences", () => {
  it("names the action, the code, ECS's message and the request ID", async () => {
    const err = await refusal(
      client().copySnapshot({
        snapshotId: "s-db-uploading",
        destinationRegionId: SH,
        destinationSnapshotName: "db-dr",
        destinationSnapshotDescription: "disaster recovery copy",
      }),
    );
    expect(err).toMatchObject({ action: "CopySnapshot", code: "InvalidSnapshotId.NotReady", statusCode: 403 });
    expect(err.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(err.message).toBe(
      `ECS refused CopySnapshot in cn-hangzhou: InvalidSnapshotId.NotReady: The specified snapshot has not completed yet: s-db-uploading is progressing. (request ID ${err.requestId})`,
    );
  });

  it.each([
    [
      "ResetDisk on a running instance",
      (c: EcsClient) => c.resetDisk("d-web", "s-web"),
      "IncorrectInstanceStatus",
      403,
    ],
    [
      "ResetDisk to another disk's snapshot",
      (c: EcsClient) => c.resetDisk("d-db", "s-web"),
      "InvalidParameter.Mismatch",
      403,
    ],
    ["StartInstance on a running instance", (c: EcsClient) => c.startInstance("i-web"), "IncorrectInstanceStatus", 403],
    ["ResetDisk of an unknown disk", (c: EcsClient) => c.resetDisk("d-nope", "s-web"), "InvalidDiskId.NotFound", 404],
    [
      "CopySnapshot to the same region",
      (c: EcsClient) =>
        c.copySnapshot({
          snapshotId: "s-db",
          destinationRegionId: HZ,
          destinationSnapshotName: "db-dr",
          destinationSnapshotDescription: "same region",
        }),
      "InvalidOperation.NotSupportCopyInSameRegion",
      403,
    ],
    [
      "DescribeSnapshots in a region the account lacks",
      (c: EcsClient) => c.describeSnapshots({}, { regionId: "eu-west-1" }),
      "InvalidRegionId.NotExists",
      403,
    ],
  ])("%s", async (_what, call, code, status) => {
    const err = await refusal(call(client()));
    expect(err).toMatchObject({ code, statusCode: status });
    expect(err.message).toContain(`: ${code}: `);
  });

  it("refuses a request signed with the wrong secret (SignatureDoesNotMatch) or an unknown key", async () => {
    const wrongSecret = client({
      credentials: { accessKeyId: TEST_ACCESS_KEY.accessKeyId, accessKeySecret: "not-it" },
    });
    expect(await refusal(wrongSecret.describeInstances(["i-web"]))).toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 400,
    });
    const unknownKey = client({ credentials: { accessKeyId: "LTAIsomeoneElse", accessKeySecret: "x" } });
    expect((await refusal(unknownKey.describeInstances(["i-web"]))).code).toBe("InvalidAccessKeyId.NotFound");
    expect(api.actions).toEqual([]);
  });

  it("says when no answer came", async () => {
    const port = api.port;
    await api.close();
    api = await startEcsApi({ cloud });
    const err = await refusal(client({ endpoint: `http://127.0.0.1:${port}` }).describeInstances(["i-web"]));
    expect(err.code).toBe("");
    expect(err.message).toMatch(/^ECS DescribeInstances in cn-hangzhou got no answer: /);
  });
});

describe("credentials and endpoint from the environment", () => {
  it("signs with the provider's variables and calls ESSD_ECS_ENDPOINT", async () => {
    const ecs = new EcsClient({
      regionId: HZ,
      env: {
        ALICLOUD_ACCESS_KEY: TEST_ACCESS_KEY.accessKeyId,
        ALICLOUD_SECRET_KEY: TEST_ACCESS_KEY.accessKeySecret,
        ESSD_ECS_ENDPOINT: api.endpoint,
      },
    });
    expect(ecs.credentialSource).toBe("an access key (ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY)");
    expect((await ecs.describeDisks(["d-web"]))[0].diskId).toBe("d-web");
  });
});

describe("HMAC-SHA1 (signature version 1.0), as older clients sign", () => {
  function v1Url(params: Record<string, string>, secret: string): string {
    const all: Record<string, string> = {
      Format: "JSON",
      Version: "2014-05-26",
      AccessKeyId: TEST_ACCESS_KEY.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: randomUUID(),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      ...params,
    };
    const canonical = Object.keys(all)
      .sort()
      .map((k) => `${percentEncode(k)}=${percentEncode(all[k])}`)
      .join("&");
    const signature = createHmac("sha1", `${secret}&`)
      .update(`GET&${percentEncode("/")}&${percentEncode(canonical)}`)
      .digest("base64");
    return `${api.endpoint}/?${canonical}&Signature=${percentEncode(signature)}`;
  }

  it("accepts a request signed right and refuses one signed wrong", async () => {
    const ok = await fetch(v1Url({ Action: "DescribeInstances", RegionId: HZ }, TEST_ACCESS_KEY.accessKeySecret));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { Instances: { Instance: unknown[] } }).Instances.Instance).toHaveLength(2);
    const bad = await fetch(v1Url({ Action: "DescribeInstances", RegionId: HZ }, "not-it"));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as Record<string, string>;
    expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(body).toEqual({
      RequestId: body.RequestId,
      HostId: "ecs.aliyuncs.com",
      Code: "SignatureDoesNotMatch",
      Message: "Specified signature is not matched with our calculation.",
    });
  });

  it("DescribeDisks: DiskIds is a JSON array of at most 100; an empty one matches no disk", async () => {
    const describe = (diskIds: string[]) =>
      fetch(
        v1Url(
          { Action: "DescribeDisks", RegionId: HZ, DiskIds: JSON.stringify(diskIds) },
          TEST_ACCESS_KEY.accessKeySecret,
        ),
      );
    const disksOf = async (r: Response) =>
      ((await r.json()) as { Disks: { Disk: { DiskId: string }[] } }).Disks.Disk.map((d) => d.DiskId);
    expect(await disksOf(await describe(["d-db", "d-nope"]))).toEqual(["d-db"]);
    expect(await disksOf(await describe([]))).toEqual([]);
    const refused = await describe(Array.from({ length: 101 }, (_, i) => `d-x${i}`));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { Code: string }).Code).toBe("InvalidParameter.DiskIds");
    expect(await disksOf(await describe(Array.from({ length: 100 }, (_, i) => (i ? `d-x${i}` : "d-web"))))).toEqual([
      "d-web",
    ]);
  });
});

describe("the state file: one cloud for every door", () => {
  it("a copy made over HTTP is in the state file the stand-in provider and pulumi-sim cloud read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecs-api-"));
    try {
      const stateFile = join(dir, "cloud.json");
      writeFileSync(stateFile, JSON.stringify(newCloud().state));
      const fileApi = await startEcsApi({ stateFile: { stateFile, now: T0 } });
      try {
        const { snapshotId } = await client({ endpoint: fileApi.endpoint }).copySnapshot({
          snapshotId: "s-web",
          destinationRegionId: SH,
          destinationSnapshotName: "web-dr",
          destinationSnapshotDescription: "disaster recovery copy",
        });
        expect(snapshotsIn(loadCloud({ stateFile, now: T0 }), SH).map((s) => s.id)).toEqual([snapshotId]);
      } finally {
        await fileApi.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
