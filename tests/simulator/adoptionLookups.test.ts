/**
 * The lookups by which a restored disk or an image left by a killed `up` is found
 * (components/snapshot/adopt.ts), as the stand-in serves them: getEcsDisks with `diskName`,
 * `snapshotId` and `tags` (DescribeDisks filters), getImages with `owners`, `imageName`
 * (matched fuzzily by ECS) and `status` (`Available` unless asked). Sources: simulator/FIDELITY.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { SimulatedProvider } from "../../simulator";

const urn = (type: string, name: string) => `urn:pulumi:test::essd-snapshots::parent$${type}::${name}`;
const SNAPSHOT = urn("alicloud:ecs/ecsSnapshot:EcsSnapshot", "s");
const DISK = urn("alicloud:ecs/ecsDisk:EcsDisk", "d");
const IMAGE = urn("alicloud:ecs/image:Image", "i");

const ACCOUNT = `
regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances: [{ id: i-bp1app01 }]
disks:
  - { id: d-bp1data01, instanceId: i-bp1app01, size: 100 }
  - { id: d-bp1sys01, instanceId: i-bp1app01, type: system, size: 40 }
`;

let dir: string;
let provider: SimulatedProvider;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "essd-adopt-"));
  writeFileSync(path.join(dir, "account.yaml"), ACCOUNT);
  provider = new SimulatedProvider({
    stateFile: path.join(dir, "cloud.json"),
    accountFile: path.join(dir, "account.yaml"),
    now: "2026-12-01T00:00:00Z",
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function invoke(token: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  return (await provider.invoke(token, inputs)).outputs as Record<string, unknown>;
}
const DISKS = "alicloud:ecs/getEcsDisks:getEcsDisks";
const IMAGES = "alicloud:ecs/getImages:getImages";

test("getEcsDisks answers instanceId as DescribeDisks filters it: the disks attached to that instance only", async () => {
  writeFileSync(
    path.join(dir, "two.yaml"),
    `regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances: [{ id: i-bp1app01 }, { id: i-bp1web01 }]
disks:
  - { id: d-bp1data01, instanceId: i-bp1app01, size: 100 }
  - { id: d-bp1sys01, instanceId: i-bp1app01, type: system, size: 40 }
  - { id: d-bp1web01, instanceId: i-bp1web01, size: 20 }
`,
  );
  const two = new SimulatedProvider({
    stateFile: path.join(dir, "cloud-two.json"),
    accountFile: path.join(dir, "two.yaml"),
    now: "2026-12-01T00:00:00Z",
  });
  const ids = async (instanceId: string) =>
    ((await two.invoke(DISKS, { instanceId })).outputs as { ids: string[] }).ids.sort();
  expect(await ids("i-bp1app01")).toEqual(["d-bp1data01", "d-bp1sys01"]);
  expect(await ids("i-bp1web01")).toEqual(["d-bp1web01"]);
  expect(await ids("i-none")).toEqual([]);
});

test("getEcsDisks answers diskName, snapshotId and tags as DescribeDisks filters them: all must match", async () => {
  const snap = await provider.create(SNAPSHOT, { diskId: "d-bp1data01", waitUntil: "available" });
  const made = (name: string, tags: Record<string, string>) =>
    provider.create(DISK, {
      snapshotId: snap.id,
      zoneId: "cn-hangzhou-i",
      category: "cloud_essd",
      diskName: name,
      tags,
    });
  const a = await made("app-standby", { g: "1" });
  await made("app-standby-2", { g: "1" });
  const ids = async (inputs: Record<string, unknown>) => (await invoke(DISKS, inputs)).ids;
  expect(await ids({ diskName: "app-standby", snapshotId: snap.id })).toEqual([a.id]);
  expect(await ids({ diskName: "app-standby", snapshotId: "s-other" })).toEqual([]);
  expect(await ids({ diskName: "app-standby", tags: { g: "2" } })).toEqual([]);
  expect(await ids({ diskName: "app-standby", tags: { g: "1" } })).toEqual([a.id]);
  await expect(invoke(DISKS, { diskName: "app-standby", status: "Available" })).rejects.toThrow(
    /does not answer getEcsDisks with status \(not modelled\)/,
  );
});

test("getImages: the account's own images by a name matched fuzzily, Available unless another status is asked", async () => {
  const snap = await provider.create(SNAPSHOT, { diskId: "d-bp1sys01", waitUntil: "available" });
  const image = await provider.create(IMAGE, {
    diskDeviceMappings: [{ snapshotId: snap.id }],
    imageName: "app-golden-g1",
  });
  const names = async (inputs: Record<string, unknown>) =>
    ((await invoke(IMAGES, inputs)).images as { id: string; name: string }[]).map((i) => [i.id, i.name]);
  expect(await names({ owners: "self", imageName: "app-golden-g1" })).toEqual([[image.id, "app-golden-g1"]]);
  // Fuzzy: a part of the name finds it too; the caller compares the name.
  expect(await names({ owners: "self", imageName: "golden" })).toEqual([[image.id, "app-golden-g1"]]);
  expect(await names({ owners: "self", imageName: "app-golden-g1", status: "Creating" })).toEqual([]);
  await expect(invoke(IMAGES, { imageName: "app-golden-g1" })).rejects.toThrow(
    /One of name_regex, owners, most_recent or image_owner_id must be assigned/,
  );
  await expect(invoke(IMAGES, { owners: "system" })).rejects.toThrow(/owners "system" is not modelled/);
});
