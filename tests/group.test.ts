/**
 * EssdSnapshotGroup under the testing kit, against a simulated account served also as the local
 * ECS API (for DescribeSnapshotGroups and DeleteSnapshotGroup through the official SDK): the
 * preview's checks (every problem naming its disk, in one refusal), the member snapshots as
 * outputs and restores from them, and expiry of the groups it made (never of others).
 */
import { EssdSnapshotGroup } from "../components";
import {
  SimulatedAccount,
  TEST_ACCESS_KEY,
  attached,
  createSnapshotGroup,
  describeSnapshotGroups,
  instance,
  startEcsApi,
  type EcsApi,
  type SimDisk,
} from "../simulator";
import { TOKENS, runProgram } from "../testing";

const T0 = "2026-12-01T00:00:00.000Z";
const OWNER = "shop/dev/db";
const config = { "alicloud:region": "cn-hangzhou" };
let api: EcsApi | undefined;
const saved = { ...process.env };

afterEach(async () => {
  await api?.close();
  api = undefined;
  process.env = { ...saved };
});

/** An account of `disks` on i-db (and i-web), served as the local ECS API too. */
async function accountOf(disks: SimDisk[], now = T0): Promise<SimulatedAccount> {
  let clock = new Date(now);
  const account = new SimulatedAccount(
    {
      regionId: "cn-hangzhou",
      instances: [instance("i-db"), instance("i-web")],
      disks: [...disks, attached("d-web", "i-web")],
    },
    () => clock,
  );
  (account as unknown as { setNow: (t: string) => void }).setNow = (t) => (clock = new Date(t));
  await api?.close(); // one local API at a time: a test may make a second account
  api = await startEcsApi({ cloud: account.cloud });
  process.env.ESSD_ECS_ENDPOINT = api.endpoint;
  process.env.ALICLOUD_ACCESS_KEY = TEST_ACCESS_KEY.accessKeyId;
  process.env.ALICLOUD_SECRET_KEY = TEST_ACCESS_KEY.accessKeySecret;
  return account;
}

const fourDisks = () => ["d-a", "d-b", "d-c", "d-d"].map((id) => attached(id, "i-db", { size: 20 }));
const options = (account: SimulatedAccount, preview = true) => ({
  account,
  preview,
  config,
  project: "shop",
  stack: "dev",
});

describe("the preview's checks", () => {
  test("a four-disk group is planned: one EcsSnapshotGroup of the instance, its owner and generation tags, nothing created in the cloud", async () => {
    const account = await accountOf(fourDisks());
    const run = await runProgram(() => {
      const g = new EssdSnapshotGroup("db", { instanceId: "i-db", retentionDays: 7, generation: "g1" });
      return { id: g.groupId };
    }, options(account));
    expect(run.errors).toEqual([]);
    const group = run.resources.find((r) => r.type === TOKENS.snapshotGroup);
    expect(group?.inputs).toMatchObject({
      instanceId: "i-db",
      tags: { "essd-snapshots:group": OWNER, "essd-snapshots:generation": "g1" },
    });
    expect(account.cloud.calls).not.toContain("CreateSnapshotGroup");
  });

  test("every problem of the group in one refusal, each naming its disk; no group registered", async () => {
    const disks = fourDisks();
    disks[1] = attached("d-b", "i-db", { category: "cloud_efficiency" });
    disks[2] = attached("d-c", "i-db", { zoneId: "cn-hangzhou-j" });
    disks[3] = attached("d-d", "i-db", { encrypted: "on" });
    const account = await accountOf(disks);
    const run = await runProgram(() => {
      new EssdSnapshotGroup("db", { instanceId: "i-db", retentionDays: 7 });
    }, options(account));
    expect(run.errors).toHaveLength(1);
    const message = run.errors[0].message;
    expect(message).toMatch(/^Snapshot group "db" of instance i-db cannot be made \(3 problems\)/);
    expect(message).toMatch(/disk d-b: category is "cloud_efficiency"/);
    expect(message).toMatch(/disk d-d: it is encrypted/);
    expect(message).toMatch(/in 2 zones: cn-hangzhou-i: d-a, d-b, d-d; cn-hangzhou-j: d-c/);
    expect(run.resources.filter((r) => r.type === TOKENS.snapshotGroup)).toEqual([]);
  });

  test("17 disks are refused in cn-hangzhou; a multi-attach disk, a disk of another instance and a busy disk are named", async () => {
    const many = Array.from({ length: 17 }, (_, i) =>
      attached(`d-${String(i).padStart(2, "0")}`, "i-db", { size: 10 }),
    );
    const account = await accountOf(many);
    const run = await runProgram(() => {
      new EssdSnapshotGroup("db", { instanceId: "i-db", retentionDays: 7 });
    }, options(account));
    expect(run.errors[0]?.message).toMatch(/it has 17 disks .* at most 16 disks \(NumberExceed.TooManyDisks\)/);

    const shared = attached("d-shared", "i-db", {
      mountInstanceNum: 2,
      mountInstances: [
        { instanceId: "i-db", device: "", attachedTime: "" },
        { instanceId: "i-web", device: "", attachedTime: "" },
      ],
    });
    const other = await accountOf([...fourDisks(), shared]);
    createSnapshotGroup(other.cloud, { diskIds: ["d-a"] }); // d-a's member still uploads
    const again = await runProgram(() => {
      new EssdSnapshotGroup("db", { instanceId: "i-db", diskIds: ["d-a", "d-shared", "d-web"], retentionDays: 7 });
    }, options(other));
    const text = again.errors[0]?.message ?? "";
    expect(text).toMatch(/disk d-a: its snapshot s-\S+ is still being created/);
    expect(text).toMatch(/disk d-shared: it is attached to 2 instances \(multi-attach\)/);
    expect(text).toMatch(/disk d-web: it is attached to i-web, not i-db/);
  });
});

describe("an update: members as outputs, restores, expiry", () => {
  test("members: disk → snapshot, available; one disk restored per member into another instance", async () => {
    const account = await accountOf(fourDisks());
    const run = await runProgram(
      () => {
        const g = new EssdSnapshotGroup("db", { instanceId: "i-db", retentionDays: 7 });
        const restored = ["d-a", "d-b"].map((d) => g.createDisk(d, `restore-${d}`, { instanceId: "i-web" }));
        return { members: g.members, ids: g.memberSnapshotIds, restored: restored.map((d) => d.snapshotId) };
      },
      options(account, false),
    );
    expect(run.errors).toEqual([]);
    const { members, ids, restored } = run.known();
    expect(members.map((m) => [m.diskId, m.available])).toEqual(["d-a", "d-b", "d-c", "d-d"].map((d) => [d, true]));
    expect(restored).toEqual([ids["d-a"], ids["d-b"]]);
    expect(account.cloud.calls).toContain("CreateSnapshotGroup");
  });

  test("expiry: the preview names the groups past retention; up deletes only those this component made", async () => {
    const account = await accountOf(fourDisks(), "2026-11-01T00:00:00.000Z");
    const mine = createSnapshotGroup(account.cloud, {
      instanceId: "i-db",
      tags: { "essd-snapshots:group": OWNER, "essd-snapshots:generation": "g0" },
    });
    const setNow = (account as unknown as { setNow: (t: string) => void }).setNow;
    setNow("2026-11-02T00:00:00.000Z");
    const theirs = createSnapshotGroup(account.cloud, {
      instanceId: "i-db",
      tags: { "essd-snapshots:group": "shop/dev/other" },
    });
    setNow("2026-11-03T00:00:00.000Z");
    const untagged = createSnapshotGroup(account.cloud, { instanceId: "i-db" });
    setNow(T0);
    const program = () => {
      const g = new EssdSnapshotGroup("db", { instanceId: "i-db", retentionDays: 7, generation: "g1" });
      return { expired: g.expiredGroupIds };
    };
    const preview = await runProgram(program, options(account));
    expect(preview.outputs.expired).toEqual([mine.id]);
    expect(preview.infos.map((i) => i.message).join("\n")).toMatch(
      /older than its retention of 7 days; `pulumi up` deletes it/,
    );
    expect(describeSnapshotGroups(account.cloud)).toHaveLength(3);
    const up = await runProgram(program, options(account, false));
    expect(up.errors).toEqual([]);
    expect(
      describeSnapshotGroups(account.cloud)
        .map((g) => g.id)
        .sort(),
    ).toEqual(
      [
        theirs.id,
        untagged.id,
        ...describeSnapshotGroups(account.cloud, { tags: { "essd-snapshots:generation": "g1" } }).map((g) => g.id),
      ].sort(),
    );
  });
});
