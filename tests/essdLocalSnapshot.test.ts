import * as pulumi from "@pulumi/pulumi";
import { EcsDisk, EcsDiskAttachment } from "@pulumi/alicloud/ecs";
import { Provider } from "@pulumi/alicloud/provider";

import { EssdLocalSnapshot, type EssdLocalSnapshotArgs } from "../components";
import { TOKENS, apiError, attached, disk, fleet, instance, type SimulatedAccount } from "../simulator";
import { clearReportedErrors, drain, rejectionOf, reportedErrors, settle, useAccount, valueOf } from "./helpers";

/** One disk or instance for every case the rules know. */
function everyCase() {
  return {
    disks: [
      attached("d-ok", "i-running"),
      attached("d-onstopped", "i-stopped"),
      disk("d-detached", { status: "Available", attachedTime: "", detachedTime: "2026-02-01T00:00:00Z" }),
      disk("d-never", { status: "Available", attachedTime: "", detachedTime: "" }),
      attached("d-efficiency", "i-running", { category: "cloud_efficiency" }),
      attached("d-autopl", "i-running", { category: "cloud_auto" }),
      attached("d-entry", "i-running", { category: "cloud_essd_entry" }),
      attached("d-encrypted", "i-running", { encrypted: "on" }),
      disk("d-creating", { status: "Creating", attachedTime: "" }),
      attached("d-onstarting", "i-starting"),
      attached("d-orphan", "i-gone"),
      attached("d-locked", "i-running", { operationLocks: [{ lockReason: "security" }] }),
      attached("d-overdue", "i-running", {
        operationLocks: [{ lockReason: "financial" }],
        expiredTime: "2026-11-20T00:00:00Z",
      }),
      attached("d-system", "i-running", { type: "system", size: 40 }),
    ],
    instances: [
      instance("i-running"),
      instance("i-stopped", { status: "Stopped" }),
      instance("i-starting", { status: "Starting" }),
    ],
  };
}

function snap(name: string, args: Partial<EssdLocalSnapshotArgs>, opts?: pulumi.ComponentResourceOptions) {
  return new EssdLocalSnapshot(name, { retentionDays: 7, ...args }, opts);
}

function snapshotsRegistered(account: SimulatedAccount): string[] {
  return account.registered(TOKENS.snapshot).map((r) => r.name);
}

describe.each([true, false])("eligibility (preview: %s)", (preview) => {
  let account: SimulatedAccount;
  beforeEach(async () => {
    clearReportedErrors();
    account = await useAccount(everyCase(), preview);
  });

  test.each(["d-ok", "d-onstopped", "d-detached", "d-autopl", "d-entry", "d-encrypted", "d-system"])(
    "%s is accepted and its snapshot registered with the checked disk ID",
    async (diskId) => {
      const c = snap("backup", { diskId });
      const id = await settle(c.snapshotId);
      expect(id.state).toBe("resolved");
      await drain();
      const [child] = account.registered(TOKENS.snapshot);
      expect(child.name).toBe("backup-snapshot");
      expect(child.inputs.diskId).toBe(diskId);
      expect(await valueOf(c.eligibility)).toEqual({ violations: [], warnings: [] });
      if (!preview) expect(await valueOf(c.snapshotId)).toMatch(/^s-/);
    },
  );

  test.each([
    ["d-never", /status is "Available" and it has never been attached.*NeverAttached/s],
    ["d-efficiency", /category is "cloud_efficiency".*ESSD-series/s],
    ["d-creating", /status is "Creating".*In_use or Available/s],
    ["d-onstarting", /its instance i-starting is "Starting".*Running or Stopped/s],
    ["d-orphan", /its instance i-gone was not found/],
    ["d-locked", /"security" operation lock.*InstanceLockedForSecurity/s],
    ["d-missing", /no disk with ID d-missing was found by the default alicloud provider/],
  ])(
    "%s is refused: the output rejects, naming the disk and the rule, and no snapshot is registered",
    async (diskId, why) => {
      const c = snap("backup", { diskId });
      const message = await rejectionOf(c.snapshotId);
      expect(message).toContain(`Disk ${diskId} cannot be snapshotted by "backup"`);
      expect(message).toMatch(why);
      await drain();
      expect(snapshotsRegistered(account)).toEqual([]);
    },
  );

  test("one preview reports every refused disk, each with every rule it fails", async () => {
    const refused = ["d-never", "d-efficiency", "d-locked"].map((diskId, i) => snap(`r${i}`, { diskId }));
    const ok = snap("fine", { diskId: "d-ok" });
    const messages = await Promise.all(refused.map((c) => rejectionOf(c.snapshotId)));
    expect(messages.map((m) => m.split(" ")[1])).toEqual(["d-never", "d-efficiency", "d-locked"]);
    // What the runtime logs: each refusal once, bound to its component.
    await drain();
    expect(reportedErrors().sort()).toEqual([...messages].sort());
    expect((await settle(ok.snapshotId)).state).toBe("resolved");
    expect(account.counts().getEcsDisks).toBe(1);
  });

  test("a disk failing several rules is refused once, with all of them", async () => {
    account = await useAccount(
      {
        disks: [
          attached("d-bad", "i-starting", { category: "cloud_ssd", operationLocks: [{ lockReason: "security" }] }),
        ],
        instances: [instance("i-starting", { status: "Starting" })],
      },
      preview,
    );
    const c = snap("multi", { diskId: "d-bad" });
    const report = (await rejectionOf(c.snapshotId)).split("\n").filter((l) => l.startsWith("  - "));
    expect(report).toHaveLength(3);
    expect(report.join("\n")).toMatch(/cloud_ssd[\s\S]*Starting[\s\S]*security/);
  });

  test('eligibility "warn" logs the refusal and creates the snapshot anyway', async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue();
    try {
      const c = snap("lenient", { diskId: "d-efficiency", eligibility: "warn" });
      expect((await settle(c.snapshotId)).state).toBe("resolved");
      await drain();
      expect(snapshotsRegistered(account)).toEqual(["lenient-snapshot"]);
      const logged = warn.mock.calls.map(([m]) => m).join("\n");
      expect(logged).toMatch(/Disk d-efficiency cannot be snapshotted by "lenient"[\s\S]*cloud_efficiency/);
      expect(warn.mock.calls[0][1]).toBe(c);
      expect((await valueOf(c.eligibility)).violations.map((v) => v.rule)).toEqual(["category"]);
    } finally {
      warn.mockRestore();
    }
  });

  test('a disk that is not found is an error even with eligibility "warn"', async () => {
    const c = snap("lenient", { diskId: "d-missing", eligibility: "warn" });
    expect(await rejectionOf(c.snapshotId)).toMatch(/no disk with ID d-missing was found/);
    await drain();
    expect(snapshotsRegistered(account)).toEqual([]);
  });

  test('a disk that is not found: no advice to set eligibility "warn" (it does not help); the remedy a stack file can express', async () => {
    const message = await rejectionOf(snap("gone", { diskId: "d-missing" }).snapshotId);
    expect(message).toMatch(/no disk with ID d-missing was found/);
    expect(message).not.toMatch(/eligibility/);
    expect(message).toMatch(/Check the ID, and that the disk is in the stack's region \(alicloud:region\)/);
  });

  test("an overdue disk (financial lock) is snapshotted, with a warning naming the disk and the risk", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue();
    try {
      const c = snap("overdue", { diskId: "d-overdue" });
      expect((await settle(c.snapshotId)).state).toBe("resolved");
      await drain();
      expect(snapshotsRegistered(account)).toEqual(["overdue-snapshot"]);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Disk d-overdue is overdue.*released with it/s), c);
      const report = await valueOf(c.eligibility);
      expect(report.violations).toEqual([]);
      expect(report.warnings).toEqual([expect.stringMatching(/Disk d-overdue is overdue/)]);
    } finally {
      warn.mockRestore();
    }
  });

  describe('category "flash" (legacy local snapshot)', () => {
    test("is sent to the child for a cloud_essd disk", async () => {
      const c = snap("legacy", { diskId: "d-ok", category: "flash" });
      expect((await settle(c.snapshotId)).state).toBe("resolved");
      await drain();
      expect(account.registered(TOKENS.snapshot)[0].inputs.category).toBe("flash");
    });

    test.each([
      ["d-autopl", /category is "cloud_auto".*needs a cloud_essd disk/s],
      ["d-encrypted", /it is encrypted.*unencrypted disk/s],
    ])("refuses %s", async (diskId, why) => {
      const c = snap("legacy", { diskId, category: "flash" });
      expect(await rejectionOf(c.snapshotId)).toMatch(why);
    });
  });

  test("sourceDisk carries the facts read from ECS", async () => {
    const c = snap("sys", { diskId: "d-system" });
    await settle(c.snapshotId);
    expect(await valueOf(c.sourceDisk)).toEqual({
      id: "d-system",
      category: "cloud_essd",
      sizeGiB: 40,
      zoneId: "cn-hangzhou-i",
      diskType: "system",
      encrypted: false,
      instanceId: "i-running",
    });
  });
});

describe("child inputs", () => {
  test("defaults: derived snapshot name, waitUntil available, no category sent", async () => {
    const account = await useAccount(everyCase(), true);
    snap("db-data", { diskId: "d-ok", tags: { team: "db" }, description: "nightly db data" });
    await drain();
    const { inputs } = account.registered(TOKENS.snapshot)[0];
    expect(inputs).toEqual({
      diskId: "d-ok",
      retentionDays: 7,
      snapshotName: "db-data",
      description: "nightly db data",
      tags: { team: "db" },
      waitUntil: "available",
    });
  });

  test("are identical on a second run of the same program (no diff on the next preview)", async () => {
    const program = async () => {
      const account = await useAccount(everyCase(), true);
      snap("1st-backup", { diskId: "d-ok", tags: { env: "prod" } });
      snap("auto-copy", { diskId: "d-autopl", waitUntil: "accomplished", snapshotName: "kept-name" });
      await drain();
      return account
        .registered(TOKENS.snapshot)
        .map((r): [string, Record<string, unknown>] => [r.name, r.inputs])
        .sort(([a], [b]) => a.localeCompare(b));
    };
    const first = await program();
    expect(first).toEqual(await program());
    expect(first.map(([, inputs]) => (inputs as { snapshotName: string }).snapshotName)).toEqual([
      "snap-1st-backup",
      "kept-name",
    ]);
    expect(first).toHaveLength(2);
  });
});

describe("input validation", () => {
  test("every bad plain input is reported in one error, before anything is registered", async () => {
    const account = await useAccount(everyCase(), true);
    expect(() =>
      snap("bad", {
        diskId: "d-ok",
        disk: undefined,
        retentionDays: 0,
        snapshotName: "auto-nightly",
        description: "https://example.com",
        tags: { "aliyun:owner": "x" },
      }),
    ).toThrow(/retentionDays is 0[\s\S]*snapshotName "auto-nightly"[\s\S]*description[\s\S]*"aliyun:owner"/);
    await drain();
    expect(account.resources).toEqual([]);
  });

  test("with a generation, the generation tag counts against the 20 tags ECS takes", async () => {
    await useAccount(everyCase(), true);
    const tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "v"]));
    expect(() => snap("full", { diskId: "d-ok", tags })).not.toThrow();
    expect(() => snap("full2", { diskId: "d-ok", tags, generation: "g1" })).toThrow(
      /tags has 20 tags; with a generation[\s\S]*keep at most 19/,
    );
  });

  test("diskId and disk: exactly one", async () => {
    await useAccount(everyCase(), true);
    expect(() => snap("none", {})).toThrow(/neither diskId nor disk is set/);
    const d = new EcsDisk("vol", { category: "cloud_essd", size: 20, zoneId: "cn-hangzhou-i" });
    expect(() => snap("both", { diskId: "d-ok", disk: d })).toThrow(/diskId and disk are both set/);
  });

  test("a malformed disk ID is refused before any lookup", async () => {
    const account = await useAccount(everyCase(), true);
    expect(() => snap("typo", { diskId: "disk-123" })).toThrow(/diskId is "disk-123"/);
    await drain();
    expect(account.invokes).toEqual([]);
  });

  test("an input known only later is checked when it resolves, and refuses the snapshot", async () => {
    const account = await useAccount(everyCase(), false);
    const c = snap("later", { diskId: "d-ok", retentionDays: pulumi.output(70000) });
    expect(await rejectionOf(c.snapshotId)).toMatch(
      /retentionDays is 70000; it must be a whole number of days from 1 to 65536/,
    );
    await drain();
    expect(snapshotsRegistered(account)).toEqual([]);
  });
});

describe("a disk declared in this program", () => {
  test("its declared category is refused during the preview, with no lookup", async () => {
    const account = await useAccount(everyCase(), true);
    const d = new EcsDisk("scratch", { category: "cloud_efficiency", size: 20, zoneId: "cn-hangzhou-i" });
    const c = snap("scratch", { disk: d });
    expect(await rejectionOf(c.snapshotId)).toMatch(
      /Disk "scratch" \(declared in this program\)[\s\S]*cloud_efficiency/,
    );
    await drain();
    expect(account.invokes).toEqual([]);
    expect(snapshotsRegistered(account)).toEqual([]);
  });

  test("an unknown encryption does not hide a known category (flash)", async () => {
    await useAccount(everyCase(), true);
    // `encrypted` is not set: during a preview the provider's computed value is unknown.
    const d = new EcsDisk("autopl", { category: "cloud_auto", size: 20, zoneId: "cn-hangzhou-i" });
    const c = snap("autopl", { disk: d, category: "flash" });
    expect(await rejectionOf(c.snapshotId)).toMatch(/category is "cloud_auto"/);
  });

  test("a declared ESSD passes the preview; its status is checked once it exists", async () => {
    const account = await useAccount(everyCase(), true);
    const d = new EcsDisk("data", { category: "cloud_essd", size: 20, zoneId: "cn-hangzhou-i" });
    const c = snap("data", { disk: d });
    const id = await settle(c.snapshotId);
    expect(id).toEqual({ state: "resolved", known: false, value: undefined });
    await drain();
    expect(account.invokes).toEqual([]);
    expect(snapshotsRegistered(account)).toEqual(["data-snapshot"]);
  });

  test("during up, a new disk never attached is refused (NeverAttached)", async () => {
    const account = await useAccount(everyCase(), false);
    const d = new EcsDisk("data", { category: "cloud_essd", size: 20, zoneId: "cn-hangzhou-i" });
    const c = snap("data", { disk: d });
    expect(await rejectionOf(c.snapshotId)).toMatch(/never been attached/);
    await drain();
    expect(snapshotsRegistered(account)).toEqual([]);
  });

  test("during up, dependsOn an attachment: the disk is looked up after it, and snapshotted", async () => {
    const account = await useAccount(everyCase(), false);
    const d = new EcsDisk("data", { category: "cloud_essd", size: 20, zoneId: "cn-hangzhou-i" });
    const attachment = new EcsDiskAttachment("data-attach", { diskId: d.id, instanceId: "i-running" });
    const c = snap("data", { disk: d }, { dependsOn: [attachment] });
    expect(await valueOf(c.snapshotId)).toMatch(/^s-/);
    await drain();
    const [child] = account.registered(TOKENS.snapshot);
    expect(child.inputs.diskId).toBe(await valueOf(d.id));
    expect(account.counts().getEcsDisks).toBe(1);
  });
});

describe("lookups at the physical limit", () => {
  test("60 disks on 12 instances: one getEcsDisks, one getInstances without details", async () => {
    const account = await useAccount(fleet(60, 12), true);
    const all = fleet(60, 12).disks.map((d, i) => snap(`s${i}`, { diskId: d.id }));
    await Promise.all(all.map((c) => settle(c.snapshotId)));
    expect(account.counts()).toMatchObject({ getEcsDisks: 1, getInstances: 1 });
    const [disks, instances] = account.invokes;
    expect((disks.inputs.ids as string[]).length).toBe(60);
    expect(instances.inputs).toEqual({ ids: expect.any(Array) as unknown, enableDetails: false });
    expect((instances.inputs.ids as string[]).length).toBe(12);
  });

  test("250 instances: three getInstances of at most 100 IDs", async () => {
    const f = fleet(250, 250);
    const account = await useAccount(f, false);
    const all = f.disks.map((d, i) => snap(`s${i}`, { diskId: d.id }));
    await Promise.all(all.map((c) => valueOf(c.snapshotId)));
    expect(account.counts()).toMatchObject({ getEcsDisks: 1, getInstances: 3 });
    const sizes = account.invokes
      .filter((c) => c.token === TOKENS.getInstances)
      .map((c) => (c.inputs.ids as string[]).length);
    expect(sizes.sort()).toEqual([100, 100, 50]);
  });

  test("invokes go through the component's provider, one batch per provider", async () => {
    const account = await useAccount(everyCase(), true);
    const shanghai = new Provider("ali-sh", { region: "cn-shanghai" });
    const hangzhou = new Provider("ali-hz", { region: "cn-hangzhou" });
    const a = snap("a", { diskId: "d-ok" }, { provider: shanghai });
    const b = snap("b", { diskId: "d-autopl" }, { provider: shanghai });
    const c = snap("c", { diskId: "d-entry" }, { providers: { alicloud: hangzhou } });
    const parent = new pulumi.ComponentResource("test:index:Group", "group", {}, { providers: [hangzhou] });
    const d = snap("d", { diskId: "d-onstopped" }, { parent });
    await Promise.all([a, b, c, d].map((x) => settle(x.snapshotId)));
    const diskCalls = account.invokes.filter((i) => i.token === TOKENS.getEcsDisks);
    expect(diskCalls).toHaveLength(2);
    const byProvider = Object.fromEntries(diskCalls.map((i) => [i.provider.split("::")[3], i.inputs.ids]));
    expect(byProvider).toEqual({ "ali-sh": ["d-autopl", "d-ok"], "ali-hz": ["d-entry", "d-onstopped"] });
  });

  test("a disk missing from an explicit provider's region names that provider", async () => {
    await useAccount(everyCase(), true);
    const beijing = new Provider("ali-bj", { region: "cn-beijing" });
    const c = snap("far", { diskId: "d-elsewhere" }, { provider: beijing });
    expect(await rejectionOf(c.snapshotId)).toMatch(/no disk with ID d-elsewhere was found by provider "ali-bj"/);
    await drain();
  });
});

describe("a lookup that fails", () => {
  test("refuses every snapshot of the batch with the provider's error, bound to each component", async () => {
    const account = await useAccount(everyCase(), true);
    const answer = account.call.bind(account);
    account.call = (token, inputs, provider) => {
      if (token === TOKENS.getEcsDisks) throw apiError("Throttling.User: Request was denied due to user flow control.");
      return answer(token, inputs, provider);
    };
    clearReportedErrors();
    const a = snap("a", { diskId: "d-ok" });
    const b = snap("b", { diskId: "d-autopl" });
    for (const [c, id] of [
      [a, "d-ok"],
      [b, "d-autopl"],
    ] as const) {
      const message = await rejectionOf(c.snapshotId);
      expect(message).toMatch(new RegExp(`^Disk ${id} could not be checked for "${c === a ? "a" : "b"}"`));
      expect(message).toContain("Throttling.User");
      expect(message).toContain("Check the provider's credentials and region");
    }
    await drain();
    expect(snapshotsRegistered(account)).toEqual([]);
    expect(reportedErrors()).toHaveLength(2);
  });
});

describe("arguments of any type, as JavaScript callers and other languages pass them", () => {
  test("null means not set for an optional argument", async () => {
    const account = await useAccount(everyCase(), true);
    const c = snap("nulls", {
      diskId: "d-ok",
      disk: null as never,
      tags: null as never,
      snapshotName: null as never,
      resourceGroupId: null as never,
      eligibility: null as never,
    });
    expect((await settle(c.snapshotId)).state).toBe("resolved");
    await drain();
    expect(account.registered(TOKENS.snapshot)[0].inputs).toEqual({
      diskId: "d-ok",
      retentionDays: 7,
      snapshotName: "nulls",
      waitUntil: "available",
    });
  });

  test.each([
    [{ retentionDays: 7n }, "retentionDays is 7n; it must be a whole number of days"],
    [{ snapshotName: Symbol("x") }, "snapshotName is Symbol(x); it must be a string."],
    [{ resourceGroupId: 5 }, 'resourceGroupId is 5; a resource group ID looks like "rg-acfm…"'],
    [{ resourceGroupId: 2 ** 53 }, "resourceGroupId is 9007199254740992;"],
    [{ tags: "team=db" }, 'tags is "team=db"; it must be a map of tag keys to text values'],
    [{ tags: ["team", "db"] }, 'tags is ["team","db"]; it must be a map'],
    [{ tags: { team: 1n } }, 'tags["team"] is 1n; a tag value must be a string'],
    [{ description: () => "x" }, "description is a function (description); it must be a string."],
    [
      { category: pulumi.output("flash") },
      'category is an Output (known only later); it must be "flash", or left out.',
    ],
  ])("%p is refused with a sentence naming the argument and the value", async (args, sentence) => {
    await useAccount(everyCase(), true);
    let error: unknown;
    try {
      snap("typed", { diskId: "d-ok", ...(args as unknown as Partial<EssdLocalSnapshotArgs>) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(`  - ${sentence}`);
  });

  test("the arguments object itself, and the name, are checked", async () => {
    await useAccount(everyCase(), true);
    expect(() => new EssdLocalSnapshot("none", undefined as never)).toThrow(
      /args is undefined; it must be a map of arguments/,
    );
    expect(() => new EssdLocalSnapshot(5 as never, { diskId: "d-ok", retentionDays: 7 })).toThrow(
      /name is 5; it must be a non-empty string/,
    );
  });

  test("a secret's value is never shown: [secret] stands in its place", async () => {
    await useAccount(everyCase(), true);
    const name = await rejectionOf(
      snap("s1", { diskId: "d-ok", snapshotName: pulumi.secret("auto-hunter2") }).snapshotId,
    );
    expect(name).toContain('snapshotName [secret] starts with "auto"');
    expect(name).not.toContain("hunter2");
    const tags = await rejectionOf(
      snap("s2", { diskId: "d-ok", tags: pulumi.secret({ "acs:hunter2": "x" }) }).snapshotId,
    );
    expect(tags).toContain('tags key [secret] starts with "aliyun" or "acs:"');
    expect(tags).not.toContain("hunter2");
    const value = await rejectionOf(
      snap("s3", { diskId: "d-ok", tags: { team: pulumi.secret(42 as never) } }).snapshotId,
    );
    expect(value).toContain('tags["team"] is [secret]; a tag value must be a string');
    const days = await rejectionOf(snap("s4", { diskId: "d-ok", retentionDays: pulumi.secret(70000) }).snapshotId);
    expect(days).toContain("retentionDays is [secret];");
    expect(days).not.toContain("70000");
  });

  test("an eventual disk ID is checked when it resolves, before any lookup", async () => {
    const account = await useAccount(everyCase(), true);
    const c = snap("later-id", { diskId: Promise.resolve("disk-1") });
    expect(await rejectionOf(c.snapshotId)).toMatch(/diskId is "disk-1"; a disk ID looks like "d-bp1…"/);
    expect(account.invokes).toEqual([]);
  });
});

test("an eventual disk ID that resolves to null is refused (found by the property tests)", async () => {
  await useAccount({ disks: [], instances: [] }, true);
  const c = new EssdLocalSnapshot("null-id", { diskId: pulumi.secret(null as unknown as string), retentionDays: 7 });
  expect(await rejectionOf(c.snapshotId)).toMatch(/diskId is \[secret\]; a disk ID looks like "d-bp1…"/);
});
