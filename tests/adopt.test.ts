/**
 * How the component finds what a killed `up` left in the cloud (components/snapshot/adopt.ts),
 * through the simulated account's lookups: exactly one match is adopted, none or several are not.
 * The transforms run only under the engine (tests/engine/faults.test.ts); the snapshot's stack
 * transform is called here as the engine would call it.
 */
import * as pulumi from "@pulumi/pulumi";

import { adoptWanted, findAttachment, findImage, findRestoredDisk } from "../components/snapshot/adopt";
import { attached, instance, type SimulatedAccount } from "../simulator";
import { drain, useAccount } from "./helpers";

let account: SimulatedAccount;
let snapshotId: string;
beforeEach(async () => {
  await drain();
  account = await useAccount(
    {
      disks: [
        attached("d-data", "i-app", { size: 100 }),
        attached("d-root", "i-app", { type: "system", size: 40, device: "/dev/xvda" }),
      ],
      instances: [instance("i-app"), instance("i-other")],
    },
    false,
  );
  snapshotId = account.cloud.createSnapshot({ diskId: "d-data" }).id;
});

const restore = (diskName: string, tags: Record<string, string>, from = snapshotId) =>
  account.cloud.createDisk({
    snapshotId: from,
    category: "cloud_essd",
    zoneId: account.cloud.disk("d-data")?.zoneId,
    diskName,
    tags,
  }).id;

describe("findRestoredDisk: its name, the snapshot it was made from, the component's tags", () => {
  test("the one disk that matches all three", async () => {
    const id = restore("db-standby", { g: "1", team: "db" });
    restore("db-standby", { g: "2" });
    restore("db-standby-2", { g: "1" });
    expect(await findRestoredDisk({ diskName: "db-standby", snapshotId, tags: { g: "1" } }, undefined)).toBe(id);
    // A disk to be replaced (another zone asked for) is not adopted.
    expect(
      await findRestoredDisk(
        { diskName: "db-standby", snapshotId, tags: { g: "1" }, zoneId: "cn-elsewhere-z" },
        undefined,
      ),
    ).toBeUndefined();
  });

  test("none, or two alike, or an input not known yet: nothing is adopted", async () => {
    expect(await findRestoredDisk({ diskName: "db-standby", snapshotId, tags: {} }, undefined)).toBeUndefined();
    restore("db-standby", { g: "1" });
    restore("db-standby", { g: "1" });
    expect(await findRestoredDisk({ diskName: "db-standby", snapshotId, tags: { g: "1" } }, undefined)).toBeUndefined();
    expect(await findRestoredDisk({ diskName: "db-standby", snapshotId: undefined }, undefined)).toBeUndefined();
  });
});

test("findAttachment: the disk attached to the instance asked for, as `<diskId>:<instanceId>`", async () => {
  expect(await findAttachment({ diskId: "d-data", instanceId: "i-app" }, undefined)).toBe("d-data:i-app");
  expect(await findAttachment({ diskId: "d-data", instanceId: "i-other" }, undefined)).toBeUndefined();
  expect(await findAttachment({ diskId: "d-gone", instanceId: "i-app" }, undefined)).toBeUndefined();
});

test("findImage: the account's image of exactly that name, made from this snapshot (ECS matches names fuzzily)", async () => {
  const rootSnapshot = account.cloud.createSnapshot({ diskId: "d-root" }).id;
  const image = (imageName: string) => ({ imageName, diskDeviceMappings: [{ snapshotId: rootSnapshot }] });
  account.cloud.createImage({ snapshotId: rootSnapshot, imageName: "db-golden-g1-x" });
  expect(await findImage(image("db-golden-g1"), undefined)).toBeUndefined();
  const id = account.cloud.createImage({ snapshotId: rootSnapshot, imageName: "db-golden-g1" }).id;
  expect(await findImage(image("db-golden-g1"), undefined)).toBe(id);
  // A kept image of that name from an earlier snapshot (a rotation with a fixed name) is not it.
  expect(
    await findImage({ imageName: "db-golden-g1", diskDeviceMappings: [{ snapshotId: "s-next" }] }, undefined),
  ).toBeUndefined();
  expect(await findImage({ ...image("db-golden-g1"), architecture: "arm64" }, undefined)).toBeUndefined();
});

describe("the snapshot's stack transform: import for the snapshot it was told of, under its own component", () => {
  const parent = (urn: string) => ({ urn: pulumi.output(urn) }) as unknown as pulumi.Resource;
  const transform = adoptWanted(
    new Map([["nightly-snapshot", [{ parent: parent("urn:pulumi:test::p::essd:A$x::nightly"), id: "s-found" }]]]),
  );
  const call = (over: Partial<pulumi.ResourceTransformArgs>, opts: pulumi.CustomResourceOptions = {}) =>
    transform({
      custom: true,
      type: "alicloud:ecs/ecsSnapshot:EcsSnapshot",
      name: "nightly-snapshot",
      props: { diskId: "d-data" },
      opts: { parent: parent("urn:pulumi:test::p::essd:A$x::nightly"), ...opts },
      ...over,
    });

  test("the snapshot of that name under that component: its props, its options and the import", async () => {
    expect(await call({}, { retainOnDelete: true })).toEqual({
      props: { diskId: "d-data" },
      opts: expect.objectContaining({ import: "s-found", retainOnDelete: true }) as unknown,
    });
  });

  test("the same name under another component, another name or type, or an import already set: unchanged", async () => {
    expect(await call({}, { parent: parent("urn:pulumi:test::p::essd:B$x::nightly") })).toBeUndefined();
    expect(await call({ name: "weekly-snapshot" })).toBeUndefined();
    expect(await call({ type: "alicloud:ecs/ecsDisk:EcsDisk" })).toBeUndefined();
    expect(await call({}, { import: "s-other" })).toBeUndefined();
  });
});
