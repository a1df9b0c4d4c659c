/**
 * `copies` of EssdLocalSnapshot under the testing kit: the checks a preview makes, and the copy
 * the mocks door makes through the model (simulator/doors/library.ts) in an update.
 */
import * as pulumi from "@pulumi/pulumi";

import { EssdLocalSnapshot, SNAPSHOT_COPY_KIND, type EssdLocalSnapshotArgs } from "../components";
import { attached, instance, recoveryOf } from "../simulator";
import { settled, simulate, valueOf, type Simulation } from "../testing";

const COPY_TYPE = `pulumi-nodejs:dynamic/essd-snapshots:${SNAPSHOT_COPY_KIND}`;

async function run(preview: boolean): Promise<Simulation> {
  await settled();
  return simulate({
    preview,
    project: "essd-snapshots",
    stack: "dev",
    config: { "alicloud:region": "cn-hangzhou" },
    account: {
      regionId: "cn-hangzhou",
      copyRegions: ["cn-shanghai", "cn-beijing"],
      disks: [
        attached("d-data", "i-app", { size: 40 }),
        attached("d-other", "i-app", { size: 40 }),
        attached("d-secret", "i-app", { encrypted: "on", size: 40 }),
        attached("d-secret2", "i-app", { encrypted: "on", size: 40 }),
      ],
      instances: [instance("i-app")],
    },
  });
}

/** Child resource options as the component passes them, seen through a transformation. */
function capturing(seen: { type: string; name: string; opts: pulumi.CustomResourceOptions }[]) {
  return {
    transformations: [
      (a: pulumi.ResourceTransformationArgs) => {
        seen.push({ type: a.type, name: a.name, opts: a.opts });
        return undefined;
      },
    ],
  };
}

const snap = (name: string, args: Partial<EssdLocalSnapshotArgs>, opts?: pulumi.ComponentResourceOptions) =>
  new EssdLocalSnapshot(name, { diskId: "d-data", retentionDays: 14, tags: { team: "db" }, ...args }, opts);

describe("copies: the arguments, before anything is registered", () => {
  test.each([
    [[{ regionId: "Shanghai" }], /copies\[0\]\.regionId is "Shanghai"; it must be a region ID such as "cn-shanghai"/],
    [
      [{ regionId: "cn-shanghai" }, { regionId: "cn-shanghai" }],
      /copies\[1\]\.regionId is "cn-shanghai", the same as copies\[0\]; one copy per region/,
    ],
    [
      [{ regionId: "cn-shanghai", retentionDays: 0 }],
      /copies\[0\]\.retentionDays is 0; it must be a whole number of days from 1 to 65536/,
    ],
    [
      [{ regionId: "cn-shanghai", tags: { "acs:x": "y" } }],
      /copies\[0\]\.tags key "acs:x" starts with "aliyun" or "acs:"/,
    ],
    [[{ regionId: "cn-shanghai", zone: "x" }], /copies\[0\] has "zone", which a copy does not take/],
    [[{}], /copies\[0\]\.regionId is not set/],
    ["cn-shanghai", /copies is "cn-shanghai"; it must be a list of copies/],
  ])("%j is refused", async (copies, message) => {
    await run(true);
    expect(() => snap("db", { copies: copies as never })).toThrow(message);
  });
});

describe("copies: checked against the source in the preview", () => {
  test("the snapshot's own region, an encrypted source without a key, waitUntil available and flash: every problem at once", async () => {
    const sim = await run(true);
    snap("same", { copies: [{ regionId: "cn-hangzhou" }, { regionId: "cn-shanghai" }] });
    snap("secret", { diskId: "d-secret", copies: [{ regionId: "cn-shanghai" }] });
    snap("keyed", { diskId: "d-secret2", copies: [{ regionId: "cn-shanghai", kmsKeyId: "key-sh" }] });
    snap("early", {
      diskId: "d-other",
      waitUntil: "available",
      category: "flash",
      copies: [{ regionId: "cn-shanghai" }],
    });
    await settled(30);
    const messages = sim.refusals.map((r) => r.message).join("\n");
    expect(messages).toMatch(
      /copies\[0\]\.regionId is "cn-hangzhou", the snapshot's own region: ECS copies to another region only/,
    );
    expect(messages).toMatch(/copies\[0\] copies an encrypted snapshot to cn-shanghai without kmsKeyId/);
    expect(messages).toMatch(/waitUntil "available": ECS copies only a snapshot whose upload has finished/);
    expect(messages).toMatch(/category is "flash": ECS does not copy local snapshots/);
    expect(messages).not.toMatch(/keyed/);
    // Refused copies are never registered; the accepted ones are (same: one of two is fine, but
    // the component's copies are checked together, so neither of its copies is registered).
    const copies = sim.account.registered(COPY_TYPE).map((r) => r.name);
    expect(copies).toEqual(["keyed-copy-cn-shanghai"]);
  });
});

describe("copies: made through the model", () => {
  test("one resource per copy, kept on delete, replaced by a new generation; the snapshot waits for its upload; the summary lists them", async () => {
    const sim = await run(false);
    const seen: { type: string; name: string; opts: pulumi.CustomResourceOptions }[] = [];
    const s = snap(
      "db",
      { generation: "g1", copies: [{ regionId: "cn-shanghai", retentionDays: 60 }, { regionId: "cn-beijing" }] },
      capturing(seen),
    );
    const ids = await valueOf(s.copySnapshotIds);
    await settled(30);
    expect(sim.refusals).toEqual([]);
    const copies = recoveryOf(sim.account.cloud).regions;
    expect(copies["cn-shanghai"].snapshots).toEqual([
      expect.objectContaining({ id: ids["cn-shanghai"], retentionDays: 60, status: "progressing", available: false }),
    ]);
    // Retention and tags default to the snapshot's (with its generation tag).
    expect(copies["cn-beijing"].snapshots).toEqual([
      expect.objectContaining({
        id: ids["cn-beijing"],
        retentionDays: 14,
        tags: { team: "db", "essd-snapshots:generation": "g1" },
      }),
    ]);
    const snapshotInputs = sim.account.registered("alicloud:ecs/ecsSnapshot:EcsSnapshot")[0].inputs;
    expect(snapshotInputs.waitUntil).toBe("accomplished");
    const copyOpts = seen.filter((r) => r.type === COPY_TYPE).map((r) => r.opts);
    expect(copyOpts).toHaveLength(2);
    for (const o of copyOpts) {
      expect(o.retainOnDelete).toBe(true);
      expect(o.replacementTrigger).toBe("g1");
      expect(o.ignoreChanges).toEqual(["sourceSnapshotId"]);
    }
    const summary = await valueOf(s.summary);
    expect(summary.copies).toEqual(["cn-shanghai: 60 days, kept on delete", "cn-beijing: 14 days, kept on delete"]);
    expect(summary.text).toContain("2 copies");
  });

  test("deleteOnDestroy deletes the copies with the snapshot", async () => {
    await run(false);
    const seen: { type: string; name: string; opts: pulumi.CustomResourceOptions }[] = [];
    snap("db", { deleteOnDestroy: true, copies: [{ regionId: "cn-shanghai" }] }, capturing(seen));
    await settled(30);
    expect(seen.filter((r) => r.type === COPY_TYPE).map((r) => r.opts.retainOnDelete)).toEqual([false]);
  });
});
