/**
 * EssdSnapshotGroup through the real engine, one project across its lifecycle (the local ECS API
 * beside it, ESSD_SIM_ECS_API=1, for DescribeSnapshotGroups and DeleteSnapshotGroup): refusals
 * in one preview (a disk not ESSD, two zones, 17 disks), a four-disk group made with a disk
 * restored from a member, a rotation, expiry by retention on the simulated clock (only the
 * component's own group deleted), and destroy; the restored disks kept throughout.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import { ROOT, SimProject, type CliRun } from "./sim";

const ACCOUNT = `regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances:
  - { id: i-bp1db01, status: Running }
  - { id: i-bp1bad01, status: Running }
  - { id: i-bp1many01, status: Running }
  - { id: i-bp1standby01, status: Running }
disks:
  - { id: d-bp1db01, instanceId: i-bp1db01, size: 20 }
  - { id: d-bp1db02, instanceId: i-bp1db01, size: 20 }
  - { id: d-bp1db03, instanceId: i-bp1db01, size: 20 }
  - { id: d-bp1db04, instanceId: i-bp1db01, size: 20 }
  - { id: d-bp1bad01, instanceId: i-bp1bad01, size: 20 }
  - { id: d-bp1bad02, instanceId: i-bp1bad01, size: 20, category: cloud_efficiency }
  - { id: d-bp1bad03, instanceId: i-bp1bad01, size: 20, zoneId: cn-hangzhou-j }
${Array.from({ length: 17 }, (_, i) => `  - { id: d-bp1many${String(i).padStart(2, "0")}, instanceId: i-bp1many01, size: 10 }`).join("\n")}
`;

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { EssdSnapshotGroup } = require(${JSON.stringify(path.join(ROOT, "components"))});
const config = new pulumi.Config();
for (const { name, instanceId } of config.requireObject("groups")) {
  const group = new EssdSnapshotGroup(name, { instanceId, retentionDays: 7, generation: config.require("generation") });
  if (name !== "db") continue;
  const restored = group.createDisk("d-bp1db01", "restore", { instanceId: "i-bp1standby01" });
  exports.members = group.memberSnapshotIds;
  exports.expired = group.expiredGroupIds;
  exports.restoredFrom = restored.snapshotId;
}
`;

const stackConfig = (generation: string, groups: [string, string][]) =>
  `config:\n  alicloud:region: cn-hangzhou\n  essd-snapshots:generation: "${generation}"\n  essd-snapshots:groups:\n${groups
    .map(([name, instanceId]) => `    - { name: ${name}, instanceId: ${instanceId} }`)
    .join("\n")}\n`;

interface Group {
  id: string;
  tags: Record<string, string>;
  snapshotIds: string[];
}

const withApi = { ESSD_SIM_ECS_API: "1" };

test("a four-disk group: refused ones in one preview, made, rotated, expired by retention, destroyed; restores kept", () => {
  const project = SimProject.create("groups", {
    account: ACCOUNT,
    stackConfig: stackConfig("g1", [
      ["db", "i-bp1db01"],
      ["bad", "i-bp1bad01"],
      ["many", "i-bp1many01"],
    ]),
    program: PROGRAM,
  });
  // pulumi-sim cloud brings the state file up to the clock; the groups are read from that file.
  const cloud = () => {
    const view = project.cloud();
    const file = path.join(project.dir, ".pulumi-sim", "cloud-test.json");
    const { groups } = JSON.parse(readFileSync(file, "utf8")) as { groups?: Group[] };
    return { groups, disks: view.disks };
  };
  const run = (args: string[]): CliRun => project.cli([...args, "--stack", "test"], withApi);
  project.now = "2026-12-01T00:00:00Z";

  // Refused in the preview, every problem naming its disk; the good group is planned.
  const refused = run(["preview"]);
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/Snapshot group "bad" of instance i-bp1bad01 cannot be made \(2 problems\)/);
  expect(refused.output).toMatch(/disk d-bp1bad02: category is "cloud_efficiency"/);
  expect(refused.output).toMatch(/in 2 zones: cn-hangzhou-i: d-bp1bad01, d-bp1bad02; cn-hangzhou-j: d-bp1bad03/);
  expect(refused.output).toMatch(/Snapshot group "many" of instance i-bp1many01 cannot be made[\s\S]*it has 17 disks/);
  expect(refused.output).toMatch(/\+ {2}alicloud:ecs:EcsSnapshotGroup db-group create/);

  // Made: one group of four members, a disk restored from d-bp1db01's member into another instance.
  project.setStackConfig(stackConfig("g1", [["db", "i-bp1db01"]]));
  const made = run(["up", "--yes", "--skip-preview"]);
  expect(made.code).toBe(0);
  const [first] = cloud().groups ?? [];
  expect(first.snapshotIds).toHaveLength(4);
  expect(first.tags).toMatchObject({
    "essd-snapshots:group": "essd-snapshots/test/db",
    "essd-snapshots:generation": "g1",
  });
  const restored1 = cloud().disks.find((d) => d.snapshotId === first.snapshotIds[0]);
  expect(restored1?.instanceId).toBe("i-bp1standby01");
  expect(made.output).toMatch(new RegExp(`restoredFrom\\s*:\\s*"${first.snapshotIds[0]}"`));

  // Rotated a day later: a new group and a new restored disk; the old group and disk are kept.
  project.now = "2026-12-02T00:00:00Z";
  project.setStackConfig(stackConfig("g2", [["db", "i-bp1db01"]]));
  expect(run(["up", "--yes", "--skip-preview"]).code).toBe(0);
  const afterRotation = cloud();
  expect(afterRotation.groups?.map((g) => g.tags["essd-snapshots:generation"])).toEqual(["g1", "g2"]);
  expect(afterRotation.disks.find((d) => d.id === restored1?.id)).toMatchObject({ instanceId: "" });

  // Past g1's retention (7 days): the preview says so, the up deletes it, and only it.
  project.now = "2026-12-08T12:00:00Z";
  project.editCloud((state) => {
    const other = (state as unknown as { groups: Group[] }).groups[0];
    (state as unknown as { groups: Group[] }).groups.push({
      ...other,
      id: "ssg-notmine",
      tags: { team: "dba" },
      snapshotIds: [],
    });
  });
  const announced = run(["preview"]);
  expect(announced.code).toBe(0);
  expect(announced.output).toMatch(
    new RegExp(`older than its retention of 7 days; \`pulumi up\` deletes it[\\s\\S]*${first.id}`),
  );
  expect(cloud().groups).toHaveLength(3);
  const expired = run(["up", "--yes", "--skip-preview"]);
  expect(expired.code).toBe(0);
  expect(expired.output).toMatch(new RegExp(`expired\\s*:\\s*\\[\\s*\\+?\\s*\\[0\\]: "${first.id}"`));
  const afterExpiry = cloud();
  expect(afterExpiry.groups?.map((g) => g.id)).toEqual([expect.not.stringMatching(first.id), "ssg-notmine"]);
  expect(afterExpiry.disks.some((d) => d.id === restored1?.id)).toBe(true);

  // Destroyed: the group is kept until its retention ends, and so are the restored disks.
  expect(run(["destroy", "--yes", "--skip-preview"]).code).toBe(0);
  const afterDestroy = cloud();
  expect(afterDestroy.groups).toHaveLength(2);
  expect(afterDestroy.disks.filter((d) => d.snapshotId && d.id !== restored1?.id)).toHaveLength(1);
});
