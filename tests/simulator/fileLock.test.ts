/**
 * The state file is changed under a lock file, so that the stand-in provider and the local ECS
 * API (two processes under `ESSD_SIM_ECS_API=1 scripts/pulumi-sim`) never interleave a
 * read-change-write; a lock left by a process that died is taken over.
 */
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { SimulatedCloud, attached, instance, loadCloud } from "../../simulator";
import { withCloudFile } from "../../simulator/doors/stateFile";

let dir: string;
let stateFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lock-"));
  stateFile = join(dir, "cloud.json");
  const cloud = SimulatedCloud.fromAccount({
    regionId: "cn-hangzhou",
    instances: [instance("i-a")],
    disks: [attached("d-a", "i-a")],
  });
  writeFileSync(stateFile, JSON.stringify(cloud.state));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("each operation holds the lock while it reads, changes and writes the cloud, and releases it", () => {
  const held = withCloudFile({ stateFile }, (cloud) => {
    cloud.createSnapshot({ diskId: "d-a" });
    return existsSync(`${stateFile}.lock`);
  });
  expect(held).toBe(true);
  expect(existsSync(`${stateFile}.lock`)).toBe(false);
  expect(loadCloud({ stateFile }).state.snapshots).toHaveLength(1);
});

test("a lock left by a process that died is taken over", () => {
  writeFileSync(`${stateFile}.lock`, "");
  const old = new Date(Date.now() - 60_000);
  utimesSync(`${stateFile}.lock`, old, old);
  expect(withCloudFile({ stateFile }, (cloud) => cloud.regionId)).toBe("cn-hangzhou");
});
