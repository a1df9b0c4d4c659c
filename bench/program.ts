/**
 * The default program of the start-up benchmark: a small stack program that snapshots a few
 * disks with EssdLocalSnapshot, as a user's index.ts would. The disk IDs are those of the
 * simulated fleet that bench/startup-entry.ts installs (simulator/accounts/fixtures.ts `fleet`).
 */
import { EssdLocalSnapshot } from "../components";

const DISK_IDS = ["d-fleet0000001", "d-fleet0000002", "d-fleet0000003", "d-fleet0000004", "d-fleet0000005"];

const snapshots = DISK_IDS.map(
  (diskId, i) => new EssdLocalSnapshot(`data-${i + 1}`, { diskId, retentionDays: 7, tags: { purpose: "bench" } }),
);

export const snapshotIds = snapshots.map((s) => s.snapshotId);
