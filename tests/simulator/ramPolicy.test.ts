/**
 * The least-privilege RAM policy (ram-policy.json, shown in the README) against the ECS API
 * actions the stand-in provider calls: a full lifecycle of every resource and lookup the
 * component uses, through the same functions the provider plugin runs.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import {
  SimulatedCloud,
  TOKENS,
  answerInvoke,
  attached,
  createResource,
  deleteResource,
  instance,
  readResource,
  updateResource,
} from "../../simulator";

const ROOT = path.resolve(__dirname, "../..");
type Policy = { Statement: { Effect: string; Action: string[] }[] };
const policy = JSON.parse(readFileSync(path.join(ROOT, "ram-policy.json"), "utf8")) as Policy;
const allowed = new Set(policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action));

/** Every call of one lifecycle: create, read, update, delete of each resource, and the lookups. */
function lifecycleCalls(): Set<string> {
  const cloud = SimulatedCloud.fromAccount({
    regionId: "cn-hangzhou",
    instances: [instance("i-app"), instance("i-standby")],
    disks: [attached("d-data", "i-app"), attached("d-sys", "i-app", { type: "system", size: 40 })],
  });
  answerInvoke(cloud, TOKENS.getEcsDisks, { ids: ["d-data", "d-sys"] });
  answerInvoke(cloud, TOKENS.getInstances, { ids: ["i-app"], enableDetails: false });
  answerInvoke(cloud, TOKENS.getEcsSnapshots, { type: "user", tags: { a: "1" } });
  const snap = createResource(cloud, TOKENS.snapshot, { diskId: "d-data", retentionDays: 3, tags: { a: "1" } });
  const sys = createResource(cloud, TOKENS.snapshot, { diskId: "d-sys", retentionDays: 3 });
  readResource(cloud, TOKENS.snapshot, snap.id, snap.state);
  updateResource(cloud, TOKENS.snapshot, snap.id, snap.state, {
    diskId: "d-data",
    retentionDays: 5,
    tags: { a: "2" },
    resourceGroupId: "rg-other",
  });
  updateResource(cloud, TOKENS.snapshot, snap.id, snap.state, { diskId: "d-data", tags: {} });
  const disk = createResource(cloud, TOKENS.disk, {
    snapshotId: snap.id,
    category: "cloud_essd",
    zoneId: "cn-hangzhou-i",
  });
  readResource(cloud, TOKENS.disk, disk.id, disk.state);
  updateResource(cloud, TOKENS.disk, disk.id, disk.state, {
    size: 200,
    diskName: "x",
    performanceLevel: "PL2",
    tags: { a: "1" },
  });
  const attachment = createResource(cloud, TOKENS.diskAttachment, { diskId: disk.id, instanceId: "i-standby" });
  readResource(cloud, TOKENS.diskAttachment, attachment.id, attachment.state);
  const image = createResource(cloud, TOKENS.image, {
    diskDeviceMappings: [{ snapshotId: sys.id }],
    imageName: "golden",
  });
  readResource(cloud, TOKENS.image, image.id, image.state);
  updateResource(cloud, TOKENS.image, image.id, image.state, { imageName: "golden-2", tags: {} });
  deleteResource(cloud, TOKENS.image, image.id, image.state);
  deleteResource(cloud, TOKENS.diskAttachment, attachment.id, attachment.state);
  deleteResource(cloud, TOKENS.disk, disk.id, disk.state);
  deleteResource(cloud, TOKENS.snapshot, snap.id, { ...snap.state, force: true });
  return new Set(cloud.calls.map((a) => `ecs:${a}`));
}

test("every ECS action the provider calls is allowed by the RAM policy, and the policy allows nothing else", () => {
  const called = lifecycleCalls();
  expect([...called].filter((a) => !allowed.has(a))).toEqual([]);
  expect([...allowed].filter((a) => !called.has(a))).toEqual([]);
});

test("the README shows the policy file as it is", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## RAM permissions"));
  const block = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  expect(JSON.parse(block)).toEqual(policy);
});
