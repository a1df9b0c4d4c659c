/**
 * describeSnapshotGroups of the ECS client through the official SDK and the local ECS API:
 * DescribeSnapshotGroups answers each group with its member snapshots (the SDK's response model
 * `DescribeSnapshotGroupsResponseBody`), which the provider's data source leaves out; the filters
 * SnapshotGroupId.N, Status.N and Tag.N as the SDK sends them; paging by NextToken.
 */
import { EcsClient } from "../../components/ecs";
import {
  SimulatedCloud,
  TEST_ACCESS_KEY,
  attached,
  createSnapshotGroup,
  instance,
  startEcsApi,
  type EcsApi,
} from "../../simulator";

const T0 = "2026-12-01T00:00:00.000Z";
let api: EcsApi;
let cloud: SimulatedCloud;
let clock = new Date(T0);

beforeEach(async () => {
  clock = new Date(T0);
  cloud = SimulatedCloud.fromAccount(
    {
      regionId: "cn-hangzhou",
      instances: [instance("i-db"), instance("i-web")],
      disks: [
        ...["d-a", "d-b", "d-c", "d-d"].map((id) => attached(id, "i-db", { size: 10 })),
        attached("d-web", "i-web", { size: 10 }),
      ],
    },
    () => clock,
  );
  api = await startEcsApi({ cloud });
});
afterEach(() => api.close());

const client = () =>
  new EcsClient({ regionId: "cn-hangzhou", endpoint: api.endpoint, credentials: TEST_ACCESS_KEY, env: {} });

test("each group with its member snapshots: disk, snapshot, available, progress", async () => {
  const g = createSnapshotGroup(cloud, { instanceId: "i-db", name: "db", tags: { app: "db" } });
  const [found] = await client().describeSnapshotGroups({ snapshotGroupIds: [g.id] });
  expect(found).toMatchObject({
    snapshotGroupId: g.id,
    name: "db",
    instanceId: "i-db",
    status: "progressing",
    tags: { app: "db" },
  });
  expect(found.snapshots.map((s) => [s.sourceDiskId, s.snapshotId, s.available])).toEqual(
    ["d-a", "d-b", "d-c", "d-d"].map((d, i) => [d, g.snapshotIds[i], true]),
  );
  expect(found.snapshots[0].progress).toMatch(/^\d+%$/);
  expect(api.actions).toEqual(["DescribeSnapshotGroups"]);
});

test("filters reach ECS: SnapshotGroupId.N, InstanceId, Status.N, Tag.N; every page is read", async () => {
  const db = createSnapshotGroup(cloud, { instanceId: "i-db", tags: { app: "db" } });
  clock = new Date("2026-12-01T02:00:00.000Z");
  const web = createSnapshotGroup(cloud, { instanceId: "i-web", tags: { app: "web" } });
  const ecs = client();
  expect((await ecs.describeSnapshotGroups({ tags: { app: "web" } })).map((g) => g.snapshotGroupId)).toEqual([web.id]);
  expect((await ecs.describeSnapshotGroups({ instanceId: "i-db" })).map((g) => g.snapshotGroupId)).toEqual([db.id]);
  expect((await ecs.describeSnapshotGroups({ statuses: ["accomplished"] })).map((g) => g.snapshotGroupId)).toEqual([
    db.id,
  ]);
  for (let i = 0; i < 150; i++) cloud.state.groups?.push({ ...db, id: `ssg-extra${i}`, snapshotIds: [] });
  expect(await ecs.describeSnapshotGroups()).toHaveLength(152);
});
