/**
 * The stack file's groups (`essd-snapshots:groups`): the offline preview (`npm start`) of a stack
 * with a group, planned against the simulated account served as the local ECS API, and refused
 * with every problem naming its disk; the file's group problems as sentences.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { runPreview } from "../../preview";
import { parseStackConfig } from "../../stack/config";

const ACCOUNT = `regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances:
  - { id: i-db01 }
  - { id: i-db02 }
  - { id: i-old01 }
disks:
  - { id: d-db0001, instanceId: i-db01, size: 100 }
  - { id: d-db0002, instanceId: i-db01, size: 100 }
  - { id: d-db0003, instanceId: i-db01, size: 100 }
  - { id: d-old0001, instanceId: i-old01, size: 100 }
  - { id: d-old0002, instanceId: i-old01, size: 100, category: cloud_efficiency }
`;

const STACK = `config:
  alicloud:region: cn-hangzhou
  essd-snapshots:defaults:
    retentionDays: 7
    tags: { team: dba }
  essd-snapshots:snapshots:
    - { name: lone, diskId: d-db0003 }
  essd-snapshots:groups:
    - name: db
      instanceId: i-db01
      excludeDiskIds: [d-db0003]
      generation: "2026-12"
      tags: { app: mysql }
      restore:
        disks:
          - { name: check, diskId: d-db0002, instanceId: i-db02 }
    - name: old
      instanceId: i-old01
`;

async function preview(stack: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essd-groups-"));
  fs.writeFileSync(path.join(dir, "Pulumi.groups.yaml"), stack);
  fs.writeFileSync(path.join(dir, "groups.account.yaml"), ACCOUNT);
  return runPreview({
    stack: "groups",
    configFile: path.join(dir, "Pulumi.groups.yaml"),
    accountFile: path.join(dir, "groups.account.yaml"),
  });
}

test("the offline preview plans a group from the stack file with its restore, and refuses a group of a non-ESSD disk, naming it", async () => {
  const saved = process.env.ESSD_ECS_ENDPOINT;
  const result = await preview(STACK);
  expect(process.env.ESSD_ECS_ENDPOINT).toBe(saved);
  const groups = result.resources.filter((r) => r.type === "alicloud:ecs/ecsSnapshotGroup:EcsSnapshotGroup");
  expect(groups.map((r) => [r.name, r.plan])).toEqual([
    ["db-group", "create"],
    ["old-group", "blocked"],
  ]);
  const restored = result.resources.filter((r) => r.type === "alicloud:ecs/ecsDisk:EcsDisk");
  expect(restored.map((r) => r.name)).toEqual(["db-check"]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => [d.resource?.name, d.message])).toEqual([
    [
      "old",
      expect.stringMatching(
        /Snapshot group "old" of instance i-old01 cannot be made[\s\S]*disk d-old0002: category is "cloud_efficiency"/,
      ),
    ],
  ]);
});

test("the file's group problems, one sentence each, naming the group's entry", () => {
  const result = parseStackConfig(
    {
      "alicloud:region": "cn-hangzhou",
      "essd-snapshots:defaults": JSON.stringify({ tags: { env: "dev" }, requiredTagKeys: ["env", "owner"] }),
      "essd-snapshots:snapshots": JSON.stringify([{ name: "db", diskId: "d-bp1one", retentionDays: 7 }]),
      "essd-snapshots:groups": JSON.stringify([
        {
          name: "db",
          instanceId: "web01",
          diskIds: ["d-bp1a"],
          excludeDiskIds: ["d-bp1b"],
          restore: {
            disks: [
              { name: "r", diskId: "d-bp1c" },
              { name: "r", diskId: "d-bp1b" },
            ],
          },
          retension: 3,
        },
      ]),
    },
    "essd-snapshots",
  );
  expect(result.ok).toBe(false);
  const problems = result.ok ? [] : result.problems;
  const expected = [
    /^groups\[0\] \(db\)\.instanceId is "web01"; expected the instance whose disks make the group/,
    /^groups\[0\] \(db\)\.retension is 3, but groups\[0\] \(db\) has no setting "retension"; expected only name, instanceId/,
    /^groups\[0\] \(db\)\.excludeDiskIds is set, and so is diskIds; expected one of them/,
    /^groups\[0\] \(db\)\.restore\.disks\[0\]\.diskId is "d-bp1c", which is not in diskIds/,
    /^groups\[0\] \(db\)\.restore\.disks\[1\]\.diskId is "d-bp1b", which excludeDiskIds leaves out of the group/,
  ];
  for (const pattern of expected) expect(problems).toContainEqual(expect.stringMatching(pattern));
});

test("cross-entry rules of groups: retention from somewhere, required tags, names once in the stack, restores named once", () => {
  const result = parseStackConfig(
    {
      "alicloud:region": "cn-hangzhou",
      "essd-snapshots:defaults": JSON.stringify({ tags: { env: "dev" }, requiredTagKeys: ["env", "owner"] }),
      "essd-snapshots:snapshots": JSON.stringify([
        { name: "db", diskId: "d-bp1one", retentionDays: 7, tags: { owner: "dba" } },
      ]),
      "essd-snapshots:groups": JSON.stringify([
        {
          name: "db",
          instanceId: "i-bp1db",
          restore: {
            disks: [
              { name: "r", diskId: "d-bp1a" },
              { name: "r", diskId: "d-bp1b" },
            ],
          },
        },
      ]),
    },
    "essd-snapshots",
  );
  const problems = result.ok ? [] : result.problems;
  expect(problems).toEqual([
    expect.stringMatching(/^groups\[0\] \(db\)\.retentionDays is missing, and so is defaults\.retentionDays/),
    expect.stringMatching(/^groups\[0\] \(db\)\.tags \(with defaults\.tags\) is .*lacks the required tag key "owner"/),
    expect.stringMatching(/^groups\[0\] \(db\)\.name is "db", the name of snapshots\[0\] too/),
    expect.stringMatching(/^groups\[0\] \(db\)\.restore\.disks\[1\]\.name is "r", the name of restore\.disks\[0\] too/),
  ]);
});
