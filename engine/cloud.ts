/**
 * `scripts/pulumi-sim cloud`: the simulated cloud as JSON, as ECS has it at the cloud's time (its
 * own `now`, moved forward to ESSD_SIM_NOW when that is later; uploads that have ended are
 * accomplished and snapshots whose retention has ended are released first):
 * `{ "regionId", "now", "uploadMiBPerSecond", "disks", "snapshots", "images", "attachments", "released", "recovery" }`,
 * (`recovery`: the snapshots copied to the account's other regions, and the disks rolled back);
 * each snapshot with its `status`, `progress` ("42%") and `remainTime` (seconds) at that time.
 */
import { loadCloud, recoveryOf, saveCloud, snapshotsIn } from "../simulator";

function main(): void {
  const stateFile = process.env.ESSD_SIM_STATE as string;
  const cloud = loadCloud({ stateFile, accountFile: process.env.ESSD_SIM_ACCOUNT, now: process.env.ESSD_SIM_NOW });
  cloud.releaseExpired();
  for (const region of Object.keys(recoveryOf(cloud).regions)) snapshotsIn(cloud, region); // releases expired copies
  saveCloud(cloud, stateFile);
  const { regionId, disks, snapshots, images, attachments, released } = cloud.state;
  const view = {
    regionId,
    now: cloud.now().toISOString(),
    uploadMiBPerSecond: cloud.uploadMiBPerSecond,
    disks,
    snapshots: snapshots.map((s) => ({ ...s, ...cloud.uploadProgress(s) })),
    images,
    attachments: attachments.map((a) => ({ ...a, status: "attached" })),
    released,
    // The account's other regions with the snapshots copied there, and the disks rolled back.
    recovery: recoveryOf(cloud),
  };
  process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`pulumi-sim cloud: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
