/**
 * EssdSnapshotGroup under the testing kit alone: runProgram serves the simulated account as the
 * local ECS API for the run (no server or variables set by the test), the `restore` argument
 * other languages use, and the ECS client's environment restored when the run ends.
 */
import { EssdSnapshotGroup } from "../components";
import { SimulatedAccount, attached, instance } from "../simulator";
import { TOKENS, runProgram } from "../testing";

const config = { "alicloud:region": "cn-hangzhou" };
const VARIABLES = ["ESSD_ECS_ENDPOINT", "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"];
const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));

afterEach(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

const account = () =>
  new SimulatedAccount({
    regionId: "cn-hangzhou",
    instances: [instance("i-db"), instance("i-web")],
    disks: [
      ...["d-a", "d-b", "d-c", "d-d"].map((id) => attached(id, "i-db", { size: 20 })),
      attached("d-web", "i-web"),
    ],
  });

test("a group program runs under the kit alone: members read over the local ECS API, restore.disks made from them, the environment put back", async () => {
  // What a developer's shell may hold: none of it may reach the run, all of it is back after.
  process.env.ESSD_ECS_ENDPOINT = "https://ecs.example.invalid";
  process.env.ALICLOUD_ACCESS_KEY = "LTAIrealKeyOfTheUser";
  process.env.ALICLOUD_SECRET_KEY = "real-secret";
  process.env.ALICLOUD_SECURITY_TOKEN = "real-token";
  const cloud = account();
  let during: (string | undefined)[] = [];
  const run = await runProgram(
    () => {
      during = VARIABLES.map((v) => process.env[v]);
      const g = new EssdSnapshotGroup("db", {
        instanceId: "i-db",
        retentionDays: 7,
        restore: {
          disks: [
            { name: "a-copy", diskId: "d-a", instanceId: "i-web" },
            { name: "c-copy", diskId: "d-c" },
          ],
        },
      });
      return { ids: g.memberSnapshotIds, restored: g.restoredDiskIds, expired: g.expiredGroupIds };
    },
    { account: cloud, preview: false, config, project: "shop", stack: "dev" },
  );
  expect(run.errors).toEqual([]);
  // The local API and the account's test key; the user's token is not sent along.
  expect(during).toEqual([
    expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    "LTAIsimulatedTestKey",
    "simulated-test-secret",
    undefined,
  ]);
  const { ids, restored, expired } = run.known();
  expect(Object.keys(ids)).toEqual(["d-a", "d-b", "d-c", "d-d"]);
  expect(expired).toEqual([]);
  const disks = run.resources.filter((r) => r.type === TOKENS.disk);
  expect(disks.map((d) => [d.name, d.inputs.snapshotId])).toEqual([
    ["db-a-copy", ids["d-a"]],
    ["db-c-copy", ids["d-c"]],
  ]);
  expect(restored).toHaveLength(2);
  // The retention is the component's input, where the policy pack reads it (ECS has none for groups).
  expect(run.resources.find((r) => r.type === "essd-snapshots:index:EssdSnapshotGroup")?.inputs).toEqual({
    retentionDays: 7,
  });
  expect(run.resources.filter((r) => r.type === TOKENS.diskAttachment)).toHaveLength(1);
  expect(VARIABLES.map((v) => process.env[v])).toEqual([
    "https://ecs.example.invalid",
    "LTAIrealKeyOfTheUser",
    "real-secret",
    "real-token",
  ]);
});

test("restore.disks naming a disk outside the group, and restore.images, are refused in one error before anything is registered", async () => {
  const run = await runProgram(
    () => {
      new EssdSnapshotGroup("db", {
        instanceId: "i-db",
        retentionDays: 7,
        diskIds: ["d-a", "d-b"],
        restore: {
          disks: [{ name: "x", diskId: "d-c" }, { name: "y" } as never, { name: "z", diskId: "d-a" }],
          images: [{ name: "img" }],
        } as never,
      });
    },
    { account: account(), config, project: "shop", stack: "dev" },
  );
  expect(run.errors).toHaveLength(1);
  const message = run.errors[0].message;
  expect(message).toMatch(/restore\.disks\[0\]\.diskId is "d-c", which is not in diskIds/);
  expect(message).toMatch(/restore\.disks\[1\]\.diskId is not set/);
  expect(message).not.toMatch(/restore\.disks\[2\]/);
  expect(message).toMatch(/restore\.images is not an argument of a snapshot group/);
  expect(run.resources).toEqual([]);
});
