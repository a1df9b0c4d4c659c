/**
 * The manual snapshots of the disks a program asks about, read two ways: the whole region
 * through the provider's getEcsSnapshots (`ESSD_SNAPSHOT_LOOKUP` region) and the disks' own
 * through the ECS API (`disks`, and `auto` when the client can sign as the provider does): the
 * same snapshots for every disk asked, on random accounts; the requests of each way pinned for
 * one account size; what `auto` chooses, and its fall-back.
 */
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";

import { lookupSnapshots, type SnapshotIndex } from "../components/lookups";
import { chooseSnapshotLookup, type LookupFacts } from "../components/internal/lookupMode";
import { GENERATION_TAG } from "../components/rules/inputs";
import { EssdLocalSnapshot } from "../components";
import { scanDiskSnapshots } from "../components/internal/snapshotScan";
import { TEST_ACCESS_KEY, attached, instance, snapshot, type SimSnapshot } from "../simulator";
import { drain, serveBothDoors } from "./helpers";

const REGION = "cn-hangzhou";
const NOW = new Date("2026-12-01T00:00:00.000Z");
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
});

/** An account of the program's disks and others, with `snapshots`, served by both doors. */
async function serve(programDisks: string[], snapshots: SimSnapshot[]) {
  const { account, api } = await serveBothDoors(
    {
      regionId: REGION,
      instances: [instance("i-app")],
      disks: programDisks.map((d) => attached(d, "i-app")),
      snapshots,
    },
    NOW,
  );
  const describeSnapshots = () => account.cloud.calls.filter((c) => c === "DescribeSnapshots").length;
  return { account, api, describeSnapshots };
}

async function lookupAll(mode: "region" | "disks", diskIds: string[]): Promise<SnapshotIndex> {
  process.env.ESSD_SNAPSHOT_LOOKUP = mode;
  // Asked in one turn: one batch.
  const [index] = await Promise.all(diskIds.map((id) => lookupSnapshots(undefined, id)));
  return index;
}

const statuses = fc.constantFrom("accomplished", "accomplished", "progressing", "failed");
const tagsArb = fc.oneof(
  fc.constant({}),
  fc.record({ [GENERATION_TAG]: fc.constantFrom("1", "2") }),
  fc.constant({ "acs:rm:rgId": "rg-1", team: "db" }),
);

/** A random account: 1–4 program disks, 0–6 other disks, up to 400 snapshots over them. */
const accountArb = fc
  .record({ program: fc.integer({ min: 1, max: 4 }), others: fc.integer({ min: 0, max: 6 }) })
  .chain(({ program, others }) => {
    const disks = [
      ...Array.from({ length: program }, (_, i) => `d-prog${i}`),
      ...Array.from({ length: others }, (_, i) => `d-other${i}`),
    ];
    const item = fc.record({
      disk: fc.constantFrom(...disks),
      name: fc.constantFrom("snap-a", "snap-b", "backup", ""),
      status: statuses,
      category: fc.constantFrom("standard", "standard", "flash"),
      type: fc.constantFrom<"user" | "auto">("user", "user", "user", "auto"),
      retention: fc.constantFrom(null, 30, 400),
      tags: tagsArb,
      minutesAgo: fc.integer({ min: 0, max: 600 }),
    });
    return fc.record({
      program: fc.constant(disks.slice(0, program)),
      asked: fc.subarray(disks.slice(0, program), { minLength: 1 }),
      items: fc.array(item, { maxLength: 400 }),
    });
  });

describe("the snapshots of the disks asked: the ECS API by disk finds what the region's listing finds", () => {
  it("on random accounts, the same snapshots for each disk asked, in at most min(⌈S/100⌉, 4·D) + D requests", async () => {
    await fc.assert(
      fc.asyncProperty(accountArb, async ({ program, asked, items }) => {
        const snapshots = items.map((it, i) =>
          snapshot(`s-p${String(i).padStart(5, "0")}`, it.disk, {
            snapshotName: it.name,
            status: it.status,
            category: it.category,
            snapshotType: it.type,
            retentionDays: it.retention,
            tags: it.tags,
            createTime: new Date(NOW.getTime() - it.minutesAgo * 60_000).toISOString(),
            ...(it.status === "progressing" ? { uploadEndsAt: new Date(NOW.getTime() + 3_600_000).toISOString() } : {}),
          }),
        );
        const { api, describeSnapshots } = await serve(program, snapshots);
        try {
          const region = await lookupAll("region", asked);
          const before = describeSnapshots();
          const disks = await lookupAll("disks", asked);
          const requests = describeSnapshots() - before;
          for (const id of asked) expect(disks.byDisk.get(id)).toEqual(region.byDisk.get(id) ?? []);
          const manual = snapshots.filter((s) => s.snapshotType === "user").length;
          expect(requests).toBeLessThanOrEqual(
            Math.min(Math.max(1, Math.ceil(manual / 100)), 4 * asked.length) + asked.length,
          );
        } finally {
          await api.close();
        }
      }),
      { numRuns: 25, seed: 2612 },
    );
  });
});

describe("DescribeSnapshots requests, pages included, at one account size", () => {
  // 1,000 manual snapshots: 5 on the program's disk, the rest on 5 disks the program does not touch.
  const snapshots = Array.from({ length: 1000 }, (_, i) =>
    snapshot(`s-n${String(i).padStart(5, "0")}`, i < 5 ? "d-prog0" : `d-other${i % 5}`, { retentionDays: null }),
  );

  it.each([
    // The provider pages through every manual snapshot of the region, 50 a page.
    ["region", 20],
    // One region page (100) shows the region is larger than the disk's budget, then the disk's own.
    ["disks", 2],
  ] as const)("one EssdLocalSnapshot, S = 1,000, %s: %i", async (mode, expected) => {
    const { api, describeSnapshots } = await serve(["d-prog0"], snapshots);
    try {
      process.env.ESSD_SNAPSHOT_LOOKUP = mode;
      const s = new EssdLocalSnapshot("one", { diskId: "d-prog0", retentionDays: 7 });
      await drain();
      expect(s).toBeDefined();
      expect(describeSnapshots()).toBe(expected);
    } finally {
      await api.close();
    }
  });
});

describe("scanDiskSnapshots", () => {
  /** A region of `sizes[i]` snapshots on disk `d${i}`, 100 a page, counting requests. */
  function region(sizes: number[]) {
    const all = sizes.flatMap((n, d) => Array.from({ length: n }, (_, i) => ({ id: `s-${d}-${i}`, disk: `d${d}` })));
    return ({ diskId, nextToken }: { diskId?: string; nextToken: string }) => {
      const matching = all.filter((s) => diskId === undefined || s.disk === diskId);
      const start = nextToken ? Number(nextToken) : 0;
      const end = start + 100;
      return Promise.resolve({
        items: matching.slice(start, end),
        nextToken: end < matching.length ? String(end) : "",
      });
    };
  }

  it.each([
    // [snapshots per disk of the region, disks asked, requests]
    [[50, 30], ["d0"], 1], // the region in one page
    [[100, 100, 100], ["d0", "d1", "d2"], 3], // the region in three pages, within the budget of three
    [[100, 100, 100, 100], ["d0"], 2], // one region page, then d0's own
    [[256, 2000], ["d0"], 4], // one region page, then d0's three
    [[0, 50_000], ["d0", "d9"], 4], // two region pages, then one each (d9 has none)
  ])("%j, asking %j: %i requests", async (sizes, asked, expected) => {
    const { byDisk, requests } = await scanDiskSnapshots(asked, region(sizes), (s) => s.disk);
    expect(requests).toBe(expected);
    for (const id of asked) expect(byDisk.get(id)?.length).toBe(sizes[Number(id.slice(1))] ?? 0);
  });
});

describe("the setting and its failures", () => {
  it.each([
    [
      "an unknown value",
      "all",
      {},
      /the environment variable ESSD_SNAPSHOT_LOOKUP is "all"; expected one of "auto", "region", "disks"/,
    ],
    [
      "the ECS API refusing the key",
      "disks",
      { ALICLOUD_SECRET_KEY: "not-it" },
      /Listing the manual snapshots through the ECS API \(ESSD_SNAPSHOT_LOOKUP=disks\) failed: .*ecs:DescribeSnapshots/,
    ],
  ])("%s: the lookup fails with a sentence", async (_, value, env, message) => {
    const { api } = await serve(["d-prog0"], []);
    try {
      Object.assign(process.env, env);
      process.env.ESSD_SNAPSHOT_LOOKUP = value;
      await expect(lookupSnapshots(undefined, "d-prog0")).rejects.toThrow(message);
    } finally {
      await api.close();
    }
  });
});

describe("auto: the ECS API whenever its client signs as the provider does", () => {
  // 1,000 manual snapshots, 5 of them on the program's disk: the region costs 20 provider pages.
  const snapshots = Array.from({ length: 1000 }, (_, i) =>
    snapshot(`s-a${String(i).padStart(5, "0")}`, i < 5 ? "d-prog0" : `d-other${i % 5}`, { retentionDays: null }),
  );

  /** DescribeSnapshots requests of one lookup of d-prog0 with `auto`, and the snapshots found. */
  async function autoLookup(config: Record<string, string>, env: Record<string, string | undefined>) {
    const served = await serve(["d-prog0"], snapshots);
    try {
      pulumi.runtime.setAllConfig({ "alicloud:region": REGION, ...config });
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      // Set, not unset: unset is `region` under Pulumi's mocks, which these tests run under.
      process.env.ESSD_SNAPSHOT_LOOKUP = "auto";
      const index = await lookupSnapshots(undefined, "d-prog0");
      return { requests: served.describeSnapshots(), found: index.byDisk.get("d-prog0")?.length };
    } finally {
      await served.api.close();
    }
  }

  it("with keys in the environment: the disk's own, 2 requests, the same 5 snapshots", async () => {
    expect(await autoLookup({}, {})).toEqual({ requests: 2, found: 5 });
  });

  it("with keys only in the stack (alicloud:accessKey, alicloud:secretKey), read before the environment", async () => {
    expect(
      await autoLookup(
        { "alicloud:accessKey": TEST_ACCESS_KEY.accessKeyId, "alicloud:secretKey": TEST_ACCESS_KEY.accessKeySecret },
        // A wrong key in the environment: the stack's wins, as in the provider (the door checks the signature).
        { ALICLOUD_SECRET_KEY: "not-it" },
      ),
    ).toEqual({ requests: 2, found: 5 });
  });

  it("with alicloud:assumeRole in the stack, the provider may sign as another: the region, 20 pages", async () => {
    expect(await autoLookup({ "alicloud:assumeRole": '{"roleArn":"acs:ram::1:role/x"}' }, {})).toEqual({
      requests: 20,
      found: 5,
    });
  });

  it("with no credentials for the client: the region, 20 pages", async () => {
    expect(await autoLookup({}, { ALICLOUD_ACCESS_KEY: undefined, ALICLOUD_SECRET_KEY: undefined })).toEqual({
      requests: 20,
      found: 5,
    });
  });

  it("when the ECS API refuses the client: one warning, then the region through the provider", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const result = await autoLookup({}, { ALICLOUD_SECRET_KEY: "not-it" });
      // The door refuses the signature before the cloud answers; then the provider's 20 pages.
      expect(result).toEqual({ requests: 20, found: 5 });
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /Reading the snapshots of the disks through the ECS API failed \(.*\); every manual snapshot of the region is listed through the provider instead.*ESSD_SNAPSHOT_LOOKUP=region/s,
        ),
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe("chooseSnapshotLookup", () => {
  const facts = (over: Partial<LookupFacts> = {}): LookupFacts => ({
    variable: undefined,
    explicitProvider: false,
    mocked: false,
    providerSettings: ["region"],
    credentials: true,
    ...over,
  });

  it.each([
    ["unset, credentials, only alicloud:region", facts(), "disks", true],
    ["unset, under Pulumi's mocks", facts({ mocked: true }), "region", false],
    ["auto set, under Pulumi's mocks", facts({ variable: "auto", mocked: true }), "disks", true],
    ["unset, an explicit provider", facts({ explicitProvider: true }), "region", false],
    ["disks, an explicit provider", facts({ variable: "disks", explicitProvider: true }), "region", false],
    [
      "disks, no credentials: tried, and its failure reported",
      facts({ variable: "disks", credentials: false }),
      "disks",
      false,
    ],
    ["region", facts({ variable: "region" }), "region", false],
    ["unset, no credentials", facts({ credentials: false }), "region", false],
    ["unset, the stack's keys", facts({ providerSettings: ["region", "accessKey", "secretKey"] }), "disks", true],
    ["unset, alicloud:profile", facts({ providerSettings: ["region", "profile"] }), "region", false],
    ["unset, alicloud:endpoints", facts({ providerSettings: ["endpoints"] }), "region", false],
    ["unset, alicloud:assumeRoleWithOidc", facts({ providerSettings: ["assumeRoleWithOidc"] }), "region", false],
  ] as const)("%s", (_, given, mode, fallBack) => {
    expect(chooseSnapshotLookup(given)).toMatchObject({ mode, fallBack });
  });
});
