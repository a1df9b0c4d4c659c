/**
 * The snapshot reads the account-scale lookup relies on (simulator/FIDELITY.md, "Data sources"
 * and the local ECS API): what the provider's data sources can filter, and the two doors
 * reporting a snapshot alike.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import { EcsClient } from "../../components/ecs";
import {
  SimulatedCloud,
  TEST_ACCESS_KEY,
  answerInvoke,
  attached,
  instance,
  snapshot,
  startEcsApi,
} from "../../simulator";

const NOW = new Date("2026-12-01T00:00:00.000Z");

describe("the data sources of @pulumi/alicloud 3.108 that list snapshots", () => {
  it.each(["getEcsSnapshots", "getSnapshots"])(
    "%s takes no disk or instance ID (only server-side tags, name, type, status… and client-side ids, nameRegex)",
    (file) => {
      const text = fs.readFileSync(path.join(require.resolve("@pulumi/alicloud/ecs"), "..", `${file}.d.ts`), "utf8");
      const args = /export interface Get\w*SnapshotsArgs \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? "";
      const names = [...args.matchAll(/^ {4}(\w+)\?:/gm)].map((m) => m[1]);
      expect(names).toContain("tags");
      expect(names).not.toContain("diskId");
      expect(names).not.toContain("instanceId");
    },
  );
});

describe("a snapshot as the provider's getEcsSnapshots and as the local ECS API report it", () => {
  const cloud = SimulatedCloud.fromAccount(
    {
      regionId: "cn-hangzhou",
      instances: [instance("i-app")],
      disks: [attached("d-data", "i-app")],
      snapshots: [
        snapshot("s-up", "d-data", {
          status: "progressing",
          createTime: "2026-11-30T23:30:00.250Z",
          uploadEndsAt: "2026-12-01T00:30:00.000Z",
        }),
      ],
    },
    () => NOW,
  );

  it("the same CreationTime (to the second), Progress and RemainTime", async () => {
    const item = (
      answerInvoke(cloud, "alicloud:ecs/getEcsSnapshots:getEcsSnapshots", { type: "user" }) as {
        snapshots: { creationTime: string; progress: string; remainTime: number }[];
      }
    ).snapshots[0];
    const api = await startEcsApi({ cloud });
    try {
      const client = new EcsClient({
        regionId: "cn-hangzhou",
        endpoint: api.endpoint,
        credentials: TEST_ACCESS_KEY,
        env: {},
      });
      const [s] = await client.describeSnapshots({ diskId: "d-data", snapshotType: "user" });
      expect(item).toMatchObject({ creationTime: "2026-11-30T23:30:00Z", progress: "49%", remainTime: 1800 });
      expect({ creationTime: s.creationTime, progress: s.progress, remainTime: s.remainTime }).toEqual({
        creationTime: item.creationTime,
        progress: item.progress,
        remainTime: item.remainTime,
      });
    } finally {
      await api.close();
    }
  });
});
