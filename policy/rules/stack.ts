/**
 * Stack-wide decisions: a `flash` snapshot of a disk declared in the same stack, and how many
 * snapshots of one source disk a stack keeps. No Pulumi import.
 */
import { checkCategory, checkEncryption } from "../../components/rules/eligibility";
import { UNKNOWN, describeResource, isSet, type ResourceRef } from "./facts";

/** The provider's category for an `ecs.EcsDisk` that does not set one. */
export const DISK_DEFAULT_CATEGORY = "cloud_efficiency";

/** An `ecs.EcsDisk` declared in the stack. */
export interface StackDisk {
  ref: ResourceRef;
  urn: string;
  category: unknown;
  encrypted: unknown;
}

/** An `ecs.EcsSnapshot` declared in the stack. */
export interface StackSnapshot {
  ref: ResourceRef;
  urn: string;
  diskId: unknown;
  /** URNs of the resources its diskId input was computed from (the engine's property dependencies). */
  diskIdDependsOn: readonly string[];
  category: unknown;
  retentionDays: unknown;
}

/** The source disk of a snapshot: the one EcsDisk of the stack its diskId comes from, if any. */
export function findSourceDisk(snapshot: StackSnapshot, disks: readonly StackDisk[]): StackDisk | undefined {
  const candidates = disks.filter((d) => snapshot.diskIdDependsOn.includes(d.urn));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** `category: "flash"` needs an unencrypted `cloud_essd` disk: checked against a disk declared in the stack. */
export function checkFlashSourceDisk(snapshot: StackSnapshot, disk: StackDisk | undefined): string[] {
  if (!disk || typeof snapshot.category !== "string" || snapshot.category.toLowerCase() !== "flash") return [];
  const category = disk.category === undefined || disk.category === null ? DISK_DEFAULT_CATEGORY : disk.category;
  const violations = [
    ...(category === UNKNOWN || typeof category !== "string" ? [] : checkCategory(category, "flash")),
    ...(disk.encrypted === true ? checkEncryption(true, "flash") : []),
  ];
  return violations.map(
    (v) =>
      `${describeResource(snapshot.ref)} takes a legacy local snapshot (category "flash") of ${describeResource(disk.ref)}, declared in this stack, whose ${v.rule === "encryption" ? "encrypted is true" : v.found}${category === DISK_DEFAULT_CATEGORY && disk.category == null && v.rule === "category" ? " (the provider's default, as the disk sets none)" : ""}: ${v.required}`,
  );
}

/**
 * No source disk has more than `maxSnapshotsPerDisk` snapshots in the stack, and none of them is
 * kept without retention. Snapshots whose disk is unknown during a preview are not counted.
 */
export function checkSnapshotsPerDisk(
  snapshots: readonly StackSnapshot[],
  disks: readonly StackDisk[],
  maxSnapshotsPerDisk: number,
): { message: string; urn?: string }[] {
  const bySource = new Map<string, { label: string; snapshots: StackSnapshot[] }>();
  for (const snapshot of snapshots) {
    const disk = findSourceDisk(snapshot, disks);
    const key = disk ? disk.urn : typeof snapshot.diskId === "string" && snapshot.diskId ? snapshot.diskId : undefined;
    if (key === undefined) continue;
    const label = disk ? `${describeResource(disk.ref)} (declared in this stack)` : `disk ${key}`;
    const group = bySource.get(key) ?? { label, snapshots: [] };
    group.snapshots.push(snapshot);
    bySource.set(key, group);
  }
  const violations: { message: string; urn?: string }[] = [];
  for (const { label, snapshots: group } of bySource.values()) {
    if (group.length > maxSnapshotsPerDisk) {
      violations.push({
        message: `${label} has ${group.length} snapshots in this stack (${group.map((s) => `"${s.ref.name}"`).join(", ")}); this stack allows at most ${maxSnapshotsPerDisk} per disk (policy parameter maxSnapshotsPerDisk), and ECS at most 256 manual snapshots per disk in all, kept ones included. Remove snapshots, or rotate one snapshot with a new generation instead of declaring more.`,
      });
    }
  }
  for (const snapshot of snapshots) {
    if (snapshot.retentionDays === UNKNOWN || isSet(snapshot.retentionDays)) continue;
    const disk = findSourceDisk(snapshot, disks);
    const source = disk
      ? describeResource(disk.ref)
      : typeof snapshot.diskId === "string"
        ? `disk ${snapshot.diskId}`
        : "its disk";
    violations.push({
      urn: snapshot.urn,
      message: `${describeResource(snapshot.ref)} of ${source} has no retentionDays; it is kept, and billed, until someone deletes it, and a snapshot removed from the program or rotated with retainOnDelete is no longer in any stack's state. Set retentionDays.`,
    });
  }
  return violations;
}
