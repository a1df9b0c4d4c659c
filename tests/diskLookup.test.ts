/**
 * The disks a program asks about, looked up two ways: through the provider's getEcsDisks and
 * getInstances (`ESSD_SNAPSHOT_LOOKUP` region), and through the ECS API by ID (`disks`, and
 * `auto` when the client can sign as the provider does): the same disk and instance, field for
 * field, on random accounts; the requests of each way pinned for one region size; `auto`'s
 * fall-back to the provider, with one warning.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";

import { lookupDisk, lookupSnapshots, type DiskLookup } from "../components/lookups";
import { assessLookup } from "../components/snapshot/check";
import { providerDisk, providerInstance } from "../components/internal/providerRecords";
import { TEST_ACCESS_KEY, disk, instance, type SimDisk, type SimInstance } from "../simulator";
import { serveBothDoors } from "./helpers";

const REGION = "cn-hangzhou";
const NOW = new Date("2026-12-01T00:00:00.000Z");
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
});

/** An account of these disks and instances (and `others` disks counted only), served by both doors. */
async function serve(disks: SimDisk[], instances: SimInstance[], others = 0) {
  const { account, api } = await serveBothDoors(
    { regionId: REGION, instances, disks, otherDisksInRegion: others, snapshots: [] },
    NOW,
  );
  // The provider's requests, pages included (the mocks door counts what its invokes imply), and the ECS API's.
  const count = (action: "DescribeDisks" | "DescribeInstances") =>
    account.counts()[action === "DescribeDisks" ? "describeDisks" : "describeInstances"] +
    api.actions.filter((a) => a === action).length;
  return { api, count };
}

/** `body` on an account served by both doors, closed after. */
async function withServed<T>(
  [disks, instances, others]: [SimDisk[], SimInstance[], number?],
  body: (served: Awaited<ReturnType<typeof serve>>) => Promise<T>,
): Promise<T> {
  const served = await serve(disks, instances, others);
  try {
    return await body(served);
  } finally {
    await served.api.close();
  }
}

/** Every disk asked, in one turn (one batch), looked up `mode`'s way. */
async function lookupAll(mode: "region" | "disks" | "auto", ids: string[]): Promise<DiskLookup[]> {
  process.env.ESSD_SNAPSHOT_LOOKUP = mode;
  return Promise.all(ids.map((id) => lookupDisk(id, undefined)));
}

const tagsArb = fc.constantFrom<Record<string, string>>(
  {},
  { team: "db" },
  { "acs:rm:rgId": "rg-1", team: "web" },
  { aliyun_backup: "on", "https://example.com/owner": "x" },
);

const instanceArb = (id: string) =>
  fc
    .record({
      status: fc.constantFrom("Running", "Running", "Stopped", "Starting", "Stopping"),
      address: fc.constantFrom("none", "public", "eip"),
      keyName: fc.constantFrom("", "ops-key"),
      spotStrategy: fc.constantFrom("NoSpot", "SpotAsPriceGo"),
      securityGroups: fc.constantFrom<string[]>(["sg-sim0001"], ["sg-a", "sg-b"], []),
      // Read only with enableDetails, which the lookup does not ask for: reported empty both ways.
      ramRoleName: fc.constantFrom("", "AliyunECSInstanceRole"),
      tags: tagsArb,
    })
    .map(({ address, ...r }) =>
      instance(id, {
        ...r,
        ...(address === "public" ? { publicIp: "47.96.0.10" } : {}),
        // With an EIP, ECS reports no public address; the provider then reports the EIP as public_ip.
        ...(address === "eip" ? { eip: "8.136.0.20", publicIp: "8.136.0.20" } : {}),
      }),
    );

const diskArb = (id: string, instanceIds: string[]) =>
  fc
    .record({
      on: fc.constantFrom("", ...instanceIds),
      category: fc.constantFrom("cloud_essd", "cloud_essd", "cloud_auto", "cloud_efficiency"),
      type: fc.constantFrom("data", "data", "system"),
      encrypted: fc.constantFrom("on", "off"),
      paymentType: fc.constantFrom("PayAsYouGo", "Subscription"),
      locks: fc.constantFrom([], ["financial"], ["security", "financial"]),
      status: fc.constantFrom("In_use", "Available", "Creating", "ReIniting"),
      size: fc.integer({ min: 20, max: 32768 }),
      expired: fc.constantFrom("", "2027-01-01T00:00Z"),
      tags: tagsArb,
      flags: fc.boolean(),
    })
    .map(({ on, locks, flags, expired, ...r }) =>
      disk(id, {
        ...r,
        status: on ? "In_use" : r.status === "In_use" ? "Available" : r.status,
        instanceId: on,
        attachedTime: on ? "2026-11-01T00:00:00Z" : "",
        detachedTime: on ? "" : "2026-11-20T00:00:00Z",
        operationLocks: locks.map((lockReason) => ({ lockReason })),
        expiredTime: expired,
        expirationTime: expired,
        kmsKeyId: r.encrypted === "on" ? "key-sim01" : "",
        regionId: REGION,
        zoneId: "cn-hangzhou-i",
        creationTime: "2026-10-01T00:00:00Z",
        deleteWithInstance: flags,
        enableAutoSnapshot: flags,
        enableAutomatedSnapshotPolicy: !flags,
        deleteAutoSnapshot: !flags,
        autoSnapshotPolicyId: flags ? "sp-sim01" : "",
        snapshotId: flags ? "s-source01" : "",
        imageId: r.type === "system" ? "aliyun_3_x64_20G_alibase_20260101.vhd" : "",
        iops: r.size * 50,
        iopsRead: flags ? 100 : 0,
        iopsWrite: flags ? 200 : 0,
        portable: !flags,
        productCode: flags ? "market-01" : "",
        description: flags ? "made by hand" : "",
      }),
    );

/** A random account: 1–3 instances, 1–6 disks on them or on none, 0–3 IDs asked that do not exist. */
const accountArb = fc
  .record({ instanceCount: fc.integer({ min: 1, max: 3 }), diskCount: fc.integer({ min: 1, max: 6 }) })
  .chain(({ instanceCount, diskCount }) => {
    const instanceIds = Array.from({ length: instanceCount }, (_, i) => `i-prop${i}`);
    const diskIds = Array.from({ length: diskCount }, (_, i) => `d-prop${i}`);
    return fc.record({
      instances: fc.tuple(...instanceIds.map(instanceArb)),
      disks: fc.tuple(...diskIds.map((id) => diskArb(id, instanceIds))),
      asked: fc.subarray([...diskIds, "d-missing0", "d-missing1", "d-missing2"], { minLength: 1 }),
    });
  });

describe("the disks asked: the ECS API by ID finds what the provider's getEcsDisks finds", () => {
  it("on random accounts, the same disk and instance for each ID, field for field, and the same verdict", async () => {
    await fc.assert(
      fc.asyncProperty(accountArb, ({ instances, disks, asked }) =>
        withServed([disks, instances], async ({ api }) => {
          const viaProvider = await lookupAll("region", asked);
          const viaApi = await lookupAll("disks", asked);
          expect(api.actions).toContain("DescribeDisks");
          expect(viaApi).toEqual(viaProvider);
          // Something was found whenever a disk of the account was asked for (the test is not vacuous).
          asked.forEach((id, i) => expect(viaApi[i].disk === undefined).toBe(id.startsWith("d-missing")));
          for (const [i, id] of asked.entries())
            expect(assessLookup(id, viaApi[i], "instant-access")).toEqual(
              assessLookup(id, viaProvider[i], "instant-access"),
            );
        }),
      ),
      { numRuns: 40, seed: 2612 },
    );
  });
});

describe("DescribeDisks and DescribeInstances requests, at one region size", () => {
  // 10 disks of the program on 2 instances, in a region of 5,000 disks.
  const instances = [instance("i-a"), instance("i-b")];
  const disks = Array.from({ length: 10 }, (_, i) =>
    disk(`d-n${i}`, { instanceId: i % 2 ? "i-b" : "i-a", status: "In_use", regionId: REGION }),
  );
  const many = Array.from({ length: 250 }, (_, i) => disk(`d-m${String(i).padStart(3, "0")}`, { regionId: REGION }));

  it.each([
    ["through the provider: the region's 50 pages of DescribeDisks, 1 DescribeInstances", "region", disks, [50, 1]],
    ["through the ECS API: 1 DescribeDisks (the 10 IDs), 1 DescribeInstances", "disks", disks, [1, 1]],
    ["through the ECS API, 250 disks: 3 DescribeDisks of at most 100 IDs", "disks", many, [3, 0]],
  ] as const)("%s", (_, mode, program, requests) =>
    withServed([[...program], program === disks ? instances : [], 5000 - program.length], async ({ count }) => {
      const found = await lookupAll(
        mode,
        program.map((d) => d.id),
      );
      expect(found.every((l) => l.disk && (l.instance || !l.disk.instanceId))).toBe(true);
      expect(found.filter((l) => l.disk)).toHaveLength(program.length);
      expect([count("DescribeDisks"), count("DescribeInstances")]).toEqual(requests);
    }),
  );
});

describe("auto", () => {
  const account: [SimDisk[], SimInstance[], number] = [
    [disk("d-a", { instanceId: "i-a", status: "In_use", regionId: REGION })],
    [instance("i-a")],
    4999,
  ];

  it("with keys for the client: the ECS API (1 DescribeDisks, not the region's 50 pages)", () =>
    withServed(account, async ({ count }) => {
      const [found] = await lookupAll("auto", ["d-a"]);
      expect(found.disk?.id).toBe("d-a");
      expect(count("DescribeDisks")).toBe(1);
    }));

  it("when the ECS API refuses the client: one warning, then the provider's getEcsDisks", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      await withServed(account, async ({ count }) => {
        process.env.ALICLOUD_SECRET_KEY = "not-it";
        const [found] = await lookupAll("auto", ["d-a"]);
        expect(found.disk?.id).toBe("d-a");
        expect(found.instance?.id).toBe("i-a");
        // The door refuses the signature before the cloud answers; then the provider's 50 pages.
        expect(count("DescribeDisks")).toBe(50);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn).toHaveBeenCalledWith(
          expect.stringMatching(
            /Reading the disks through the ECS API failed \(.*ecs:DescribeDisks, ecs:DescribeInstances.*\); they are looked up through the provider's getEcsDisks instead.*ESSD_SNAPSHOT_LOOKUP=region/s,
          ),
        );
      });
    } finally {
      warn.mockRestore();
    }
  });

  it("one client serves the disks and the snapshots of a turn: a role's token is fetched once", async () => {
    // A credentials URI (as an ECS RAM role or OIDC would be) that hands out the test key.
    let fetched = 0;
    const tokens = createServer((_, res) => {
      fetched++;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          Code: "Success",
          AccessKeyId: TEST_ACCESS_KEY.accessKeyId,
          AccessKeySecret: TEST_ACCESS_KEY.accessKeySecret,
          SecurityToken: "sts-token",
          Expiration: "2099-01-01T00:00:00Z",
        }),
      );
    });
    await new Promise<void>((resolve) => tokens.listen(0, "127.0.0.1", resolve));
    try {
      await withServed(account, async ({ api }) => {
        delete process.env.ALICLOUD_ACCESS_KEY;
        delete process.env.ALICLOUD_SECRET_KEY;
        process.env.ALICLOUD_CREDENTIALS_URI = `http://127.0.0.1:${(tokens.address() as AddressInfo).port}/`;
        process.env.ESSD_SNAPSHOT_LOOKUP = "auto";
        const [found, index] = await Promise.all([lookupDisk("d-a", undefined), lookupSnapshots(undefined, "d-a")]);
        expect(found.disk?.id).toBe("d-a");
        expect(index.byDisk.get("d-a")).toEqual([]);
        expect(api.actions).toEqual(expect.arrayContaining(["DescribeDisks", "DescribeSnapshots"]));
        expect(fetched).toBe(1);
      });
    } finally {
      await new Promise((resolve) => tokens.close(resolve));
    }
  });

  it("with ESSD_SNAPSHOT_LOOKUP=disks, a refusal is the lookup's failure, in a sentence", () =>
    withServed(account, async () => {
      process.env.ALICLOUD_SECRET_KEY = "not-it";
      await expect(lookupAll("disks", ["d-a"])).rejects.toThrow(
        /Looking up the disk through the ECS API \(ESSD_SNAPSHOT_LOOKUP=disks\) failed: .*Check the provider's credentials \(ecs:DescribeDisks, ecs:DescribeInstances\)/,
      );
    }));
});

describe("providerDisk and providerInstance: the data sources' mappings", () => {
  it("names the payment type as the provider does, reports encryption as on/off, and leaves Alibaba Cloud's tags out", () => {
    const base = {
      ...emptyApiDisk(),
      diskId: "d-x",
      diskChargeType: "PrePaid",
      encrypted: true,
      operationLocks: ["financial"],
      tags: { "acs:rm:rgId": "rg-1", aliyun_x: "1", "http://a": "b", team: "db" },
    };
    expect(providerDisk(base)).toMatchObject({
      id: "d-x",
      diskId: "d-x",
      paymentType: "Subscription",
      encrypted: "on",
      operationLocks: [{ lockReason: "financial" }],
      tags: { team: "db" },
    });
    expect(providerDisk({ ...base, diskChargeType: "PostPaid", encrypted: false })).toMatchObject({
      paymentType: "PayAsYouGo",
      encrypted: "off",
    });
  });

  it("takes the private address from the classic network first, and the EIP when there is no public address", () => {
    const base = { ...emptyApiInstance(), instanceId: "i-x", vpcPrivateIps: ["172.16.0.9"], eip: "8.8.8.8" };
    expect(providerInstance(base)).toMatchObject({ privateIp: "172.16.0.9", publicIp: "8.8.8.8", eip: "8.8.8.8" });
    expect(providerInstance({ ...base, innerIps: ["10.0.0.1"], publicIps: ["47.1.1.1"] })).toMatchObject({
      privateIp: "10.0.0.1",
      publicIp: "47.1.1.1",
    });
  });
});

function emptyApiDisk(): Parameters<typeof providerDisk>[0] {
  return {
    diskId: "",
    diskName: "",
    description: "",
    category: "",
    performanceLevel: "",
    size: 0,
    status: "",
    type: "",
    instanceId: "",
    device: "",
    encrypted: false,
    kmsKeyId: "",
    zoneId: "",
    regionId: "",
    attachedTime: "",
    detachedTime: "",
    creationTime: "",
    expiredTime: "",
    diskChargeType: "",
    sourceSnapshotId: "",
    imageId: "",
    portable: false,
    resourceGroupId: "",
    productCode: "",
    autoSnapshotPolicyId: "",
    deleteAutoSnapshot: false,
    deleteWithInstance: false,
    enableAutoSnapshot: false,
    enableAutomatedSnapshotPolicy: false,
    iops: 0,
    iopsRead: 0,
    iopsWrite: 0,
    mountInstanceNum: 0,
    mountInstances: [],
    operationLocks: [],
    tags: {},
  };
}

function emptyApiInstance(): Parameters<typeof providerInstance>[0] {
  return {
    instanceId: "",
    instanceName: "",
    description: "",
    status: "",
    zoneId: "",
    regionId: "",
    instanceType: "",
    imageId: "",
    creationTime: "",
    resourceGroupId: "",
    instanceChargeType: "",
    internetChargeType: "",
    internetMaxBandwidthOut: 0,
    keyPairName: "",
    spotStrategy: "",
    vpcId: "",
    vSwitchId: "",
    vpcPrivateIps: [],
    innerIps: [],
    publicIps: [],
    eip: "",
    securityGroupIds: [],
    tags: {},
  };
}
