/**
 * The local ECS API beside the real engine (`ESSD_SIM_ECS_API=1 scripts/pulumi-sim`): a program
 * that calls ECS through the library's client (the official SDK, signed with the test key the
 * script exports) changes the same simulated cloud the stand-in provider serves, and
 * `pulumi-sim cloud` shows it.
 */
import * as path from "node:path";

import { ROOT, SimProject } from "./sim";

const ACCOUNT = `regionId: cn-hangzhou
zoneId: cn-hangzhou-i
copyRegions: [cn-shanghai]
instances:
  - { id: i-bp1web01, status: Running }
disks:
  - { id: d-bp1webdata01, instanceId: i-bp1web01, size: 200 }
snapshots:
  - { id: s-bp1web01, sourceDiskId: d-bp1webdata01, retentionDays: 30, createTime: "2026-11-28T00:00:00Z" }
`;

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { EcsClient, resolveRegion, stackRegion } = require(${JSON.stringify(path.join(ROOT, "components", "ecs"))});
const ecs = new EcsClient({ regionId: resolveRegion({ configRegion: stackRegion() }).regionId });
exports.endpoint = process.env.ESSD_ECS_ENDPOINT ?? "";
exports.copyId = pulumi.runtime.isDryRun()
  ? "not in a preview"
  : ecs
      .copySnapshot({
        snapshotId: "s-bp1web01",
        destinationRegionId: "cn-shanghai",
        destinationSnapshotName: "web-dr",
        destinationSnapshotDescription: "disaster recovery copy",
        retentionDays: 60,
      })
      .then((r) => r.snapshotId);
`;

test("a copy made over the local ECS API during up is in the cloud pulumi-sim shows", () => {
  const project = SimProject.create("ecs-api", {
    account: ACCOUNT,
    stackConfig: "config:\n  alicloud:region: cn-hangzhou\n",
    program: PROGRAM,
  });
  project.now = "2026-12-01T00:00:00Z";
  const up = project.cli(["up", "--stack", "test", "--yes", "--skip-preview"], { ESSD_SIM_ECS_API: "1" });
  expect(up.code).toBe(0);
  expect(up.output).toMatch(/endpoint\s*:\s*"http:\/\/127\.0\.0\.1:\d+"/);
  const copyId = /copyId\s*:\s*"(s-[a-z0-9]+)"/.exec(up.output)?.[1];
  expect(copyId).toBeDefined();
  const cloud = project.cloud();
  expect(cloud.recovery.regions["cn-shanghai"].snapshots).toEqual([
    expect.objectContaining({
      id: copyId,
      sourceSnapshotId: "s-bp1web01",
      sourceRegionId: "cn-hangzhou",
      retentionDays: 60,
    }),
  ]);
  // Without the variable, the program gets no endpoint (and would call the real ECS): the
  // preview drops the output (an empty text).
  const plain = project.cli(["preview", "--stack", "test"]);
  expect(plain.code).toBe(0);
  expect(plain.output).toMatch(/- endpoint: "http:\/\/127\.0\.0\.1:\d+"/);
});
