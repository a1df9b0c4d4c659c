/**
 * Accounts of a given size for the account-size axis: the program's fleet (N disks on
 * `instances` instances) in a region holding S manual snapshots, others' and ours.
 *
 * Of the S snapshots: one of each program disk made by the component earlier (ours, named as
 * the component names it, so the preview keeps it), up to a tenth of S; two foreign snapshots
 * on each program disk (counted in its quota), up to another tenth; the rest on disks the
 * program does not touch, 200 a disk.
 */
import { deriveSnapshotName } from "../components";
import { fleet, snapshot, type SimDisk, type SimInstance } from "../simulator/mocks";

import { logicalName } from "./programs";

/** Foreign snapshots a disk the program does not touch holds (under the 256 quota). */
const PER_OTHER_DISK = 200;

export interface ScaleAccount {
  disks: SimDisk[];
  instances: SimInstance[];
  snapshots: ReturnType<typeof snapshot>[];
  /** Snapshots of each kind, for the bench's notes. */
  ours: number;
  foreignOnProgramDisks: number;
  foreignElsewhere: number;
}

export function scaleAccount(n: number, instances: number, s: number): ScaleAccount {
  const f = fleet(n, instances);
  const snapshots: ReturnType<typeof snapshot>[] = [];
  const id = () => `s-scale${String(snapshots.length + 1).padStart(8, "0")}`;
  const ours = Math.min(n, Math.floor(s / 10));
  for (let i = 0; i < ours; i++)
    snapshots.push(
      snapshot(id(), f.disks[i].id, { snapshotName: deriveSnapshotName(logicalName(i)), retentionDays: null }),
    );
  const foreignOnProgramDisks = Math.min(2 * n, Math.floor(s / 10));
  for (let i = 0; i < foreignOnProgramDisks; i++)
    snapshots.push(snapshot(id(), f.disks[i % n].id, { snapshotName: `backup-${i}`, retentionDays: null }));
  const foreignElsewhere = s - ours - foreignOnProgramDisks;
  for (let i = 0; i < foreignElsewhere; i++) {
    const disk = `d-other${String(Math.floor(i / PER_OTHER_DISK) + 1).padStart(7, "0")}`;
    snapshots.push(snapshot(id(), disk, { snapshotName: `other-${i}`, retentionDays: null }));
  }
  return { ...f, snapshots, ours, foreignOnProgramDisks, foreignElsewhere };
}
