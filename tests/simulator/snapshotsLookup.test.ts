/**
 * `ecs.getEcsSnapshots` as the simulated cloud answers it, through both doors, each behaviour
 * from data_source_alicloud_ecs_snapshots.go: which filters DescribeSnapshots applies and which
 * the provider applies itself, the default `all`, paging of 50, the item mapping, released
 * snapshots gone; and the snapshots an account file brings.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type * as alicloud from "@pulumi/alicloud";

import {
  AccountFileError,
  EcsError,
  SimulatedAccount,
  SimulatedCloud,
  TOKENS,
  answerInvoke,
  attached,
  instance,
  loadAccountSpec,
  parseAccountSpec,
  SimulatedProvider,
  snapshot,
  type AccountSpec,
  type SimSnapshot,
} from "../../simulator";

const T0 = "2026-12-01T00:00:00.000Z";
type Item = alicloud.types.output.ecs.GetEcsSnapshotsSnapshot;
type Answer = { id: string; ids: string[]; names: string[]; snapshots: Item[] };

function accountWith(snapshots: SimSnapshot[], now = T0): SimulatedAccount {
  const spec: AccountSpec = {
    regionId: "cn-hangzhou",
    instances: [instance("i-app")],
    disks: [attached("d-data", "i-app"), attached("d-sys", "i-app", { type: "system", size: 40 })],
    snapshots,
  };
  return new SimulatedAccount(spec, () => new Date(now));
}

/** The mocks door: what the Pulumi SDK gets back from the invoke. */
function lookup(account: SimulatedAccount, inputs: Record<string, unknown> = {}): Answer {
  return account.mocks(false).call({ token: TOKENS.getEcsSnapshots, inputs, provider: "" }) as unknown as Answer;
}

const idsOf = (account: SimulatedAccount, inputs: Record<string, unknown> = {}) => lookup(account, inputs).ids;

/** `n` manual snapshots of d-data named `bulk-<i>`. */
const many = (n: number, overrides: Partial<SimSnapshot> = {}) =>
  Array.from({ length: n }, (_, i) => snapshot(`s-bulk${i}`, "d-data", { snapshotName: `bulk-${i}`, ...overrides }));

describe("which snapshots DescribeSnapshots returns", () => {
  const mixed = () =>
    accountWith([
      snapshot("s-user1", "d-data"),
      snapshot("s-auto1", "d-data", { snapshotType: "auto" }),
      snapshot("s-user2", "d-sys", { sourceDiskType: "system" }),
    ]);

  test("without a type, manual and automatic snapshots alike (the data source's default is all)", () => {
    expect(idsOf(mixed()).sort()).toEqual(["s-auto1", "s-user1", "s-user2"]);
  });

  test('type: "user" leaves out automatic snapshots; snapshotType: "auto" keeps only them', () => {
    expect(idsOf(mixed(), { type: "user" }).sort()).toEqual(["s-user1", "s-user2"]);
    expect(idsOf(mixed(), { snapshotType: "auto" })).toEqual(["s-auto1"]);
  });

  test("type wins over snapshotType when both are given (it is read last)", () => {
    expect(idsOf(mixed(), { type: "user", snapshotType: "auto" }).sort()).toEqual(["s-user1", "s-user2"]);
  });

  test("every given tag must match, key and value", () => {
    const account = accountWith([
      snapshot("s-both", "d-data", { tags: { a: "1", b: "2" } }),
      snapshot("s-a", "d-data", { tags: { a: "1" } }),
      snapshot("s-other", "d-data", { tags: { a: "2", b: "2" } }),
    ]);
    expect(idsOf(account, { tags: { a: "1", b: "2" } })).toEqual(["s-both"]);
    expect(idsOf(account, { tags: { a: "1" } })).toEqual(["s-both", "s-a"]);
    expect(idsOf(account, { tags: {} }).length).toBe(3);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ["category", { category: "flash" }, ["s-flash"]],
    ["encrypted: true", { encrypted: true }, ["s-enc", "s-named2"]],
    [
      "encrypted: false is sent too",
      { encrypted: false },
      ["s-plain", "s-flash", "s-rg", "s-named", "s-sys", "s-busy"],
    ],
    ["kmsKeyId", { kmsKeyId: "key-1" }, ["s-enc"]],
    ["resourceGroupId", { resourceGroupId: "rg-other" }, ["s-rg"]],
    ["snapshotName, exactly", { snapshotName: "named" }, ["s-named"]],
    ["sourceDiskType, spelled System", { sourceDiskType: "System" }, ["s-sys"]],
    ["status", { status: "progressing" }, ["s-busy"]],
    [
      "status all",
      { status: "all" },
      ["s-plain", "s-flash", "s-enc", "s-rg", "s-named", "s-named2", "s-sys", "s-busy"],
    ],
  ])("%s", (_, inputs, expected) => {
    const account = accountWith([
      snapshot("s-plain", "d-data"),
      snapshot("s-flash", "d-data", { category: "flash" }),
      snapshot("s-enc", "d-data", { encrypted: true, kmsKeyId: "key-1" }),
      snapshot("s-rg", "d-data", { resourceGroupId: "rg-other" }),
      snapshot("s-named", "d-data", { snapshotName: "named" }),
      snapshot("s-named2", "d-data", { snapshotName: "named-2", encrypted: true }),
      snapshot("s-sys", "d-sys", { sourceDiskType: "system" }),
      snapshot("s-busy", "d-data", { status: "progressing" }),
    ]);
    expect(idsOf(account, inputs)).toEqual(expected);
  });

  test("usage: what the snapshot was used for (a disk, an image, both, nothing)", () => {
    const account = accountWith([
      snapshot("s-fordisk", "d-data"),
      snapshot("s-forimage", "d-sys", { sourceDiskType: "system", sourceDiskSize: 40 }),
      snapshot("s-idle", "d-data"),
    ]);
    const cloud = account.cloud;
    cloud.createDisk({ snapshotId: "s-fordisk", category: "cloud_essd" });
    cloud.createImage({ mappedSnapshotIds: ["s-forimage"] });
    cloud.createDisk({ snapshotId: "s-forimage", category: "cloud_essd" });
    expect(idsOf(account, { usage: "disk" })).toEqual(["s-fordisk"]);
    expect(idsOf(account, { usage: "image_disk" })).toEqual(["s-forimage"]);
    expect(idsOf(account, { usage: "none" })).toEqual(["s-idle"]);
    expect(lookup(account).snapshots.map((s) => s.usage)).toEqual(["disk", "image_disk", "none"]);
  });

  test("released snapshots are gone: the clock's expiry is applied before the answer", () => {
    const account = accountWith([
      snapshot("s-expired", "d-data", { createTime: "2026-11-20T00:00:00Z", retentionDays: 5 }),
      snapshot("s-kept", "d-data", { retentionDays: null }),
    ]);
    expect(idsOf(account)).toEqual(["s-kept"]);
    expect(account.cloud.state.released.map((r) => r.id)).toEqual(["s-expired"]);
  });
});

describe("what the provider does itself, after paging: ids and nameRegex", () => {
  test("ids and nameRegex filter the listed snapshots without changing the pages read", () => {
    const account = accountWith(many(120));
    expect(idsOf(account, { ids: ["s-bulk7", "s-missing"] })).toEqual(["s-bulk7"]);
    expect(idsOf(account, { nameRegex: "^bulk-11[0-9]$" })).toHaveLength(10);
    // Both read every page of the 120 snapshots: ceil(120/50) = 3 each.
    expect(account.counts()).toMatchObject({ getEcsSnapshots: 2, describeSnapshots: 6 });
  });

  test("a server-side filter narrows what is paged: one request for one match", () => {
    const account = accountWith(many(120));
    expect(idsOf(account, { snapshotName: "bulk-7" })).toEqual(["s-bulk7"]);
    expect(account.counts()).toMatchObject({ getEcsSnapshots: 1, describeSnapshots: 1 });
  });

  test("a nameRegex that does not compile is an error naming it", () => {
    expect(() => lookup(accountWith([]), { nameRegex: "(" })).toThrow(/nameRegex "\(" is not a regular expression/);
  });
});

describe("paging: one DescribeSnapshots per 50 matching snapshots", () => {
  test.each([
    [0, 1],
    [1, 1],
    [50, 1],
    [51, 2],
    [300, 6],
  ])("%i snapshots: %i requests, and every snapshot in the answer", (n, requests) => {
    const account = accountWith(many(n));
    expect(lookup(account, { type: "user" }).ids).toHaveLength(n);
    expect(account.counts()).toMatchObject({ getEcsSnapshots: 1, describeSnapshots: requests });
    expect(account.cloud.calls.filter((c) => c === "DescribeSnapshots")).toHaveLength(requests);
  });

  test("the other counts keep their meaning", () => {
    const account = accountWith(many(3));
    lookup(account);
    expect(account.counts()).toEqual({
      getEcsDisks: 0,
      getInstances: 0,
      describeDisks: 0,
      describeInstances: 0,
      getEcsSnapshots: 1,
      describeSnapshots: 1,
    });
  });
});

describe("each snapshot as the data source maps it", () => {
  /** Every field of GetEcsSnapshotsSnapshot and its kind (the compiler checks the list is whole). */
  const KINDS: Record<keyof Item, "string" | "number" | "boolean" | "object"> = {
    category: "string",
    creationTime: "string",
    description: "string",
    diskId: "string",
    encrypted: "boolean",
    id: "string",
    instantAccess: "boolean",
    instantAccessRetentionDays: "number",
    name: "string",
    productCode: "string",
    progress: "string",
    remainTime: "number",
    resourceGroupId: "string",
    retentionDays: "number",
    snapshotId: "string",
    snapshotName: "string",
    snapshotSn: "string",
    snapshotType: "string",
    sourceDiskId: "string",
    sourceDiskSize: "string",
    sourceDiskType: "string",
    sourceStorageType: "string",
    status: "string",
    tags: "object",
    type: "string",
    usage: "string",
  };

  test("every field of GetEcsSnapshotsSnapshot, of its kind, and nothing else", () => {
    const [item] = lookup(accountWith([snapshot("s-one", "d-data")])).snapshots;
    expect(Object.keys(item).sort()).toEqual(Object.keys(KINDS).sort());
    for (const [key, kind] of Object.entries(KINDS)) expect([key, typeof item[key as keyof Item]]).toEqual([key, kind]);
  });

  test("the values: source disk, size as text, System/Data, retention, progress, tags without acs: keys", () => {
    const account = accountWith([
      snapshot("s-sys", "d-sys", {
        sourceDiskType: "system",
        sourceDiskSize: 40,
        retentionDays: null,
        snapshotName: "golden",
        description: "before the upgrade",
        tags: { team: "web", "acs:system": "x" },
      }),
      snapshot("s-busy", "d-data", { status: "progressing", retentionDays: 20, snapshotType: "auto" }),
    ]);
    const answer = lookup(account);
    expect(answer.ids).toEqual(["s-sys", "s-busy"]);
    expect(answer.names).toEqual(["golden", ""]);
    expect(answer.id).toMatch(/^\d+$/);
    const [sys, busy] = answer.snapshots;
    expect(sys).toMatchObject({
      id: "s-sys",
      snapshotId: "s-sys",
      diskId: "d-sys",
      sourceDiskId: "d-sys",
      sourceDiskSize: "40",
      sourceDiskType: "System",
      retentionDays: 0,
      name: "golden",
      snapshotName: "golden",
      description: "before the upgrade",
      status: "accomplished",
      progress: "100%",
      remainTime: 0,
      snapshotType: "user",
      type: "user",
      creationTime: "2026-11-20T00:00:00Z",
      instantAccess: true,
      sourceStorageType: "disk",
      tags: { team: "web" },
    });
    // toMatchObject matches nested objects partly: the tags whole.
    expect(sys.tags).toEqual({ team: "web" });
    // Given as uploading at the start (T0), created on 2026-11-20: a whole upload (100 GiB at 32 MiB/s,
    // 3200 s) from T0, so 99% of the way from its creation time, 3200 s left.
    expect(busy).toMatchObject({
      sourceDiskType: "Data",
      retentionDays: 20,
      progress: "99%",
      remainTime: 3200,
      type: "auto",
    });
    expect(sys.snapshotSn).not.toBe(busy.snapshotSn);
  });

  test("a snapshot the program made is listed at once, with its tags", () => {
    const account = accountWith([]);
    const made = account.cloud.createSnapshot({
      diskId: "d-data",
      retentionDays: 3,
      snapshotName: "web-data",
      tags: { "essd-snapshots:generation": "2026-12-01" },
    });
    const answer = lookup(account, { type: "user", tags: { "essd-snapshots:generation": "2026-12-01" } });
    expect(answer.ids).toEqual([made.id]);
    expect(answer.snapshots[0]).toMatchObject({
      sourceDiskId: "d-data",
      snapshotName: "web-data",
      status: "progressing",
    });
  });
});

describe("inputs refused as the provider refuses them", () => {
  test.each([
    ["snapshotType", "manual", 'snapshotType: expected snapshot_type to be one of ["auto" "user" "all"], got manual'],
    ["category", "premium", 'category: expected category to be one of ["flash" "standard"], got premium'],
    [
      "sourceDiskType",
      "system",
      'sourceDiskType: expected source_disk_type to be one of ["System" "Data"], got system',
    ],
    ["status", "done", "status: expected status to be one of"],
    ["usage", "both", "usage: expected usage to be one of"],
  ])("%s: %s", (key, value, message) => {
    const account = accountWith([snapshot("s-one", "d-data")]);
    expect(() => lookup(account, { [key]: value })).toThrow(message);
    expect(account.cloud.calls).toEqual([]);
  });

  test("type, which the schema does not validate, is refused by ECS", () => {
    const cloud = SimulatedCloud.fromAccount({ regionId: "cn-hangzhou", disks: [], instances: [] });
    expect(() => answerInvoke(cloud, TOKENS.getEcsSnapshots, { type: "manual" })).toThrow(EcsError);
    expect(() => answerInvoke(cloud, TOKENS.getEcsSnapshots, { type: "manual" })).toThrow(
      /^InvalidSnapshotType\.ValueNotSupported: /,
    );
  });

  test("dryRun and snapshotLinkId, which the model has not, are refused rather than ignored", () => {
    const account = accountWith([]);
    expect(() => lookup(account, { dryRun: true })).toThrow(/does not answer getEcsSnapshots with dryRun/);
    expect(() => lookup(account, { snapshotLinkId: "sl-1" })).toThrow(/snapshotLinkId/);
  });
});

describe("snapshots in an account file", () => {
  const FILE = `
regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances: [{ id: i-app }]
disks:
  - { id: d-data, instanceId: i-app, size: 300, encrypted: "on", kmsKeyId: key-1 }
  - { id: d-sys, instanceId: i-app, type: system, size: 40 }
snapshots:
  - { id: s-old, sourceDiskId: d-data }
  - { id: s-sys, sourceDiskId: d-sys, retentionDays: null, tags: { team: web } }
  - { id: s-gone, sourceDiskId: d-released, snapshotType: auto, createTime: "2026-11-30T00:00:00Z", retentionDays: 2 }
  - { id: s-over, sourceDiskId: d-data, createTime: "2026-11-01T00:00:00Z", retentionDays: 10 }
`;

  test("fields left out come from the fixture, and size, type and encryption from the source disk", () => {
    const spec = parseAccountSpec(FILE, "a.yaml");
    expect(spec.snapshots?.map((s) => s.id)).toEqual(["s-old", "s-sys", "s-gone", "s-over"]);
    const [old, sys, gone] = spec.snapshots ?? [];
    expect(old).toEqual(
      snapshot("s-old", "d-data", { sourceDiskSize: 300, sourceDiskType: "data", encrypted: true, kmsKeyId: "key-1" }),
    );
    expect(old).toMatchObject({ snapshotType: "user", status: "accomplished", instantAccess: true, retentionDays: 30 });
    expect(sys).toMatchObject({ sourceDiskSize: 40, sourceDiskType: "system", encrypted: false, retentionDays: null });
    expect(sys.tags).toEqual({ team: "web" });
    // A snapshot of a disk the account no longer has keeps the fixture's defaults.
    expect(gone).toMatchObject({ sourceDiskSize: 100, sourceDiskType: "data", snapshotType: "auto" });
  });

  test("the lookup lists them; one whose retention has ended at the clock's now is released", () => {
    const account = new SimulatedAccount(parseAccountSpec(FILE, "a.yaml"), () => new Date(T0));
    expect(idsOf(account)).toEqual(["s-old", "s-sys", "s-gone"]);
    expect(account.cloud.state.released.map((r) => r.id)).toEqual(["s-over"]);
    expect(idsOf(account, { type: "user", tags: { team: "web" } })).toEqual(["s-sys"]);
  });

  test("a bad snapshot entry is an error naming its path; IDs are used once", () => {
    const problems = (text: string): string[] => {
      try {
        parseAccountSpec(text, "bad.yaml");
      } catch (err) {
        if (err instanceof AccountFileError) return err.problems;
        throw err;
      }
      return [];
    };
    const head = "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\nsnapshots:\n";
    expect(
      problems(
        `${head}  - { id: x-1, sourceDiskId: d-a, status: done, retentionDays: 0, createTime: yesterday, colour: red }\n  - { sourceDiskId: d-a, sourceDiskSize: "big" }`,
      ),
    ).toEqual([
      expect.stringMatching(/^snapshots\[0\]\.id is "x-1"; expected a snapshot ID such as "s-bp1abc"/),
      expect.stringMatching(/^snapshots\[0\]\.status is "done"; expected "progressing", "accomplished" or "failed"/),
      expect.stringMatching(/^snapshots\[0\]\.retentionDays is 0; expected at least 1/),
      expect.stringMatching(/^snapshots\[0\]\.createTime is "yesterday"; expected an ISO 8601 time/),
      expect.stringMatching(/^snapshots\[0\]\.colour is "red", but snapshots\[0\] has no setting "colour"/),
      expect.stringMatching(/^snapshots\[1\]\.id is missing/),
      expect.stringMatching(/^snapshots\[1\]\.sourceDiskSize is "big"; expected a size in GiB/),
    ]);
    expect(problems(`${head}  - { id: s-1, sourceDiskId: d-a }\n  - { id: s-1, sourceDiskId: d-b }`)).toEqual([
      'snapshots[1].id is "s-1", the ID of snapshots[0] too; expected IDs used once.',
    ]);
  });

  test("a snapshot still uploading without instant access, or a failed one, is not usable yet", () => {
    const spec = parseAccountSpec(
      `${FILE.split("snapshots:")[0]}snapshots:
  - { id: s-slow, sourceDiskId: d-data, status: progressing, instantAccess: false }
  - { id: s-failed, sourceDiskId: d-data, status: failed }
  - { id: s-fast, sourceDiskId: d-data, status: progressing }
`,
      "u.yaml",
    );
    const cloud = new SimulatedAccount(spec, () => new Date(T0)).cloud;
    const make = (snapshotId: string) => () => cloud.createDisk({ snapshotId, category: "cloud_essd" });
    expect(make("s-slow")).toThrow(/^InvalidSnapshotId\.NotReady: /);
    expect(make("s-failed")).toThrow(/^InvalidSnapshotId\.NotReady: /);
    expect(make("s-fast")()).toMatchObject({ snapshotId: "s-fast", size: 300 });
  });

  test("256 manual snapshots of one disk load quickly, and the 257th is refused by ECS's quota", () => {
    const lines = Array.from({ length: 256 }, (_, i) => `  - { id: s-q${i}, sourceDiskId: d-data }`);
    const started = Date.now();
    const spec = parseAccountSpec(`${FILE.split("snapshots:")[0]}snapshots:\n${lines.join("\n")}\n`, "q.yaml");
    const account = new SimulatedAccount(spec, () => new Date(T0));
    expect(lookup(account, { type: "user" }).ids).toHaveLength(256);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(() => account.cloud.createSnapshot({ diskId: "d-data" })).toThrow(/^QuotaExceed\.Snapshot: /);
  });
});

describe("both doors give the same answer", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "essd-snaps-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each<[string, Record<string, unknown>]>([
    ["no filter", {}],
    ["manual, by tag and name", { type: "user", tags: { team: "web" }, snapshotName: "golden" }],
    ["by ids", { ids: ["s-a", "s-c"] }],
  ])("%s", async (_, inputs) => {
    const file = path.join(dir, "account.yaml");
    writeFileSync(
      file,
      `regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances: [{ id: i-app }]
disks: [{ id: d-data, instanceId: i-app }]
snapshots:
  - { id: s-a, sourceDiskId: d-data, snapshotName: golden, tags: { team: web } }
  - { id: s-b, sourceDiskId: d-data, snapshotType: auto, tags: { team: web } }
  - { id: s-c, sourceDiskId: d-data, retentionDays: null }
  - { id: s-d, sourceDiskId: d-data, createTime: "2026-11-01T00:00:00Z", retentionDays: 3 }
`,
    );
    const provider = new SimulatedProvider({ stateFile: path.join(dir, "cloud.json"), accountFile: file, now: T0 });
    const viaEngine = (await provider.invoke(TOKENS.getEcsSnapshots, inputs)).outputs as unknown;
    const account = new SimulatedAccount(loadAccountSpec(file), () => new Date(T0));
    const viaMocks = lookup(account, inputs);
    expect(viaMocks.ids.length).toBeGreaterThan(0);
    expect(viaEngine).toEqual(viaMocks);
  });

  test("the provider door refuses a bad enum too", async () => {
    const file = path.join(dir, "account.yaml");
    writeFileSync(file, "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\n");
    const provider = new SimulatedProvider({ stateFile: path.join(dir, "cloud.json"), accountFile: file, now: T0 });
    await expect(provider.invoke(TOKENS.getEcsSnapshots, { snapshotType: "manual" })).rejects.toThrow(
      /expected snapshot_type to be one of/,
    );
  });
});
