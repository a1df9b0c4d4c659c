/**
 * The decision about one disk rollback (essd-snapshots' DiskRollback, whose reset is the library
 * resource below): a rollback without a safety snapshot cannot be undone. No Pulumi import.
 */
import { UNKNOWN, describeResource, isSet, show, type ResourceRef } from "./facts";

/** The Pulumi type of the rollback's reset (components/internal/dynamic.ts `libraryResourceType("DiskRollback")`). */
export const DISK_ROLLBACK_RESOURCE_TYPE = "pulumi-nodejs:dynamic/essd-snapshots:DiskRollback";

/** A rollback whose `safetySnapshotId` is empty: the data it overwrites is gone for good. */
export function checkRollbackSafety(rollback: ResourceRef, diskId: unknown, safetySnapshotId: unknown): string[] {
  if (safetySnapshotId === UNKNOWN || isSet(safetySnapshotId)) return [];
  const disk = typeof diskId === "string" ? `disk ${diskId}` : `its disk (${show(diskId)})`;
  return [
    `${describeResource(rollback)} rolls ${disk} back without a safety snapshot (safetySnapshot: false): what was written to the disk since the snapshot is lost and the rollback cannot be undone. Leave safetySnapshot at its default (true) to snapshot the disk first, or disable this policy for the stack if the loss is intended.`,
  ];
}
