/**
 * The disk's check: the declared facts of a disk made in this program, then the disk as ECS
 * reports it, with the region's manual snapshots. It returns a verdict, or rejects with the
 * refusal bound to the component.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EcsDisk } from "@pulumi/alicloud/ecs";

import { lookupDisk, lookupSnapshots, type DiskLookup, type ProviderDisk } from "../lookups";
import { UserFacingError } from "../internal/errors";
import { knownOrUndefined, isEventual } from "../internal/outputs";
import { SNAPSHOT_ARGUMENTS } from "../rules/arguments";
import {
  checkCategory,
  checkEligibility,
  checkEncryption,
  describeRefusal,
  diskNotFound,
  type DiskFacts,
  type EligibilityReport,
  type SnapshotKind,
  type Violation,
} from "../rules/eligibility";
import {
  checkQuota,
  checkRetentionChange,
  describeKeptSnapshot,
  describeNewSnapshot,
  findExisting,
  type CloudSnapshot,
} from "../rules/existing";
import { checkOnePerUpdate, checkRetentionWait, checkUploading } from "../rules/uploads";
import type { EligibilityMode, SourceDisk } from "./args";
import { declaredName, fromSnapshot, toSourceDisk } from "./source";
import { validated } from "./validate";

/** What the check found; the lists are left out when empty (most disks), to keep little per snapshot. */
export interface Verdict {
  /** The disk's ID: the snapshot may stay or be made of it. */
  diskId: string;
  violations: Violation[] | undefined;
  warnings: string[] | undefined;
  sourceDisk: SourceDisk;
  /** Minutes the snapshot's update must allow: a retention change waits for an upload still running. */
  updateMinutes?: number;
  /**
   * The ID of the component's snapshot alive in the cloud (same disk, name, kind, generation).
   * The snapshot resource is registered with it as `import` (adopt.ts `adoptSnapshot`): the engine adopts it when the
   * stack's state does not hold it (an `up` killed after CreateSnapshot, before the state was
   * written), and does nothing when it holds it already (pulumi/pulumi v3.248.0
   * `pkg/resource/deploy/step_generator.go:1001`: an import only when there is no old state or
   * its ID differs), so it is never made twice.
   */
  existingId?: string;
}

/** What the disk's check needs to know of the component. */
export interface Check {
  /** The component: refusals and warnings are bound to it. */
  resource: pulumi.Resource;
  name: string;
  kind: SnapshotKind;
  mode: EligibilityMode;
  provider: pulumi.ProviderResource | undefined;
  /** What identifies the snapshot in the cloud, and the retention asked (undefined while unknown). */
  wanted: Promise<{ snapshotName?: string; generation: string | null | undefined; retentionDays?: number }>;
  /** Whether disks or images have been restored from the snapshot (read when the lookup answers). */
  restored: () => boolean;
  /** The `customTimeouts.update` given, if any. */
  updateTimeout?: string;
}

/** Where the disk to check comes from: a plain or eventual ID, or a disk declared in this program. */
export interface DiskSource {
  diskId?: pulumi.Input<string>;
  disk?: EcsDisk;
}

/**
 * The eligibility check, in two steps: the declared facts of a disk made in this program
 * (known during the preview, no lookup), then the disk as ECS reports it once its ID is known,
 * with the manual snapshots of the region. A snapshot this component already has in the cloud
 * (same disk, name, kind and generation) is not made again: its disk's problems are warnings.
 * A promise when the disk ID is plain (the usual case), an output otherwise (it carries the
 * disk's dependency and unknowns).
 */
export function assess(
  check: Check,
  source: DiskSource,
  dependsOn: pulumi.ComponentResourceOptions["dependsOn"],
): pulumi.Output<Verdict> | Promise<Verdict> {
  const { resource, name, kind, mode } = check;
  const disk = source.disk;
  const declared: pulumi.Output<Violation[]> | undefined = disk
    ? pulumi
        .all([knownOrUndefined(disk.category), knownOrUndefined(disk.encrypted), disk.urn])
        .apply(([category, encrypted, urn]) => {
          const early = [...checkCategory(category, kind), ...checkEncryption(encrypted, kind)];
          if (early.length > 0) refuse(resource, name, declaredName(urn), early, mode);
          return early;
        })
    : undefined;

  // The usual case, an existing disk's plain ID: the lookup's promise, nothing more.
  if (!disk && !dependsOn && !isEventual(source.diskId)) return decide(check, source.diskId as string, []);

  const diskId = disk
    ? disk.id
    : // The source: an output of diskId that resolves to null is refused too.
      validated(resource, name, source.diskId as pulumi.Input<string>, (v, show) =>
        SNAPSHOT_ARGUMENTS.diskId.check(v, "diskId", show),
      );
  // Resources in dependsOn (an attachment, say) change the disk's state: look it up after them.
  const readyId = dependsOn ? pulumi.all([diskId, dependencyIds(dependsOn)]).apply(([id]) => id) : diskId;

  if (!declared) return readyId.apply((id) => decide(check, id, []));
  return declared.apply((early) => readyId.apply((id) => decide(check, id, early)));
}

/**
 * What the lookups decide for the disk `id`: a verdict when the snapshot may stay or be made, a
 * refusal otherwise.
 */
export async function decide(check: Check, id: string, early: Violation[]): Promise<Verdict> {
  const { resource, name, kind, mode, provider } = check;
  const [lookup, index] = await Promise.all([lookupDisk(id, provider), lookupSnapshots(provider, id)]).catch(
    (err: unknown) => {
      // Bound to this component, so the runtime reports it as this resource's error, once.
      throw new UserFacingError(
        `Disk ${id} could not be checked for "${name}", so no snapshot is attempted: ${err instanceof Error ? err.message : String(err)}`,
        resource,
      );
    },
  );
  const wanted = await check.wanted;
  const snapshots = index.byDisk.get(id) ?? [];
  const existing = findExisting(snapshots, {
    diskId: id,
    snapshotName: wanted.snapshotName,
    generation: wanted.generation,
    flash: kind === "flash",
  });
  const report = assessLookup(id, lookup, kind);
  const reported = new Set(early.map((v) => v.rule));
  const fresh = report.violations.filter((v) => !reported.has(v.rule));
  const warnings: string[] = [];
  const warn = (...more: string[]) => {
    for (const warning of more) {
      warnings.push(warning);
      void pulumi.log.warn(warning, resource);
    }
  };
  warn(...report.warnings);
  let updateMinutes: number | undefined;
  if (existing) {
    // Eligibility decides whether a snapshot may be made, not whether one made earlier may stay.
    if (early.length > 0 || fresh.length > 0) warn(describeKeptSnapshot(id, name, existing, [...early, ...fresh]));
    const shortened = checkRetentionChange(name, existing, wanted.retentionDays);
    if (shortened) throw new UserFacingError(shortened, resource);
    // A longer retention of a snapshot still uploading waits for the upload, within the update timeout.
    const wait = checkRetentionWait(name, existing, wanted.retentionDays, check.updateTimeout);
    if (wait.problem) throw new UserFacingError(wait.problem, resource);
    if (wait.note) void pulumi.log.info(wait.note, resource);
    updateMinutes = wait.updateMinutes;
  } else {
    const notFound = fresh.some((v) => v.rule === "not-found");
    if (fresh.length > 0) refuse(resource, name, id, fresh, notFound ? "enforce" : mode);
    // What a reviewer of a preview after an expiry needs to read: why the snapshot is made again.
    if (check.restored() && pulumi.runtime.isDryRun())
      void pulumi.log.info(describeNewSnapshot(id, name, wanted.generation), resource);
    // This snapshot is to be made: it counts against the disk's quota, with the others this update makes.
    const claimants = index.claims.get(id) ?? [];
    claimants.push(name);
    index.claims.set(id, claimants);
    const quota = checkQuota(id, snapshots.length, claimants.length);
    warn(...quota.warnings);
    // ECS makes one snapshot of a disk at a time: none while one uploads, one per update.
    const uploading = snapshots.filter((s) => s.status === "progressing");
    const later = [...quota.violations, ...checkUploading(id, uploading), ...checkOnePerUpdate(id, claimants)];
    if (later.length > 0) refuse(resource, name, id, later, mode);
  }
  const violations = early.length > 0 || fresh.length > 0 ? [...early, ...fresh] : undefined;
  // A disk that is not found is refused unless the snapshot exists: then the snapshot tells.
  const sourceDisk = lookup.disk ? toSourceDisk(lookup.disk) : fromSnapshot(id, existing as CloudSnapshot);
  return {
    diskId: id,
    violations,
    warnings: warnings.length > 0 ? warnings : undefined,
    sourceDisk,
    ...(updateMinutes !== undefined ? { updateMinutes } : {}),
    ...(existing ? { existingId: existing.id } : {}),
  };
}

/** Every rule the disk fails and every warning, from a verdict (empty lists when eligible). */
export function eligibilityOf({ violations, warnings }: Verdict): EligibilityReport {
  return { violations: [...(violations ?? [])], warnings: [...(warnings ?? [])] };
}

/** A refusal: an error bound to the component, or with `eligibility: "warn"` a warning. */
function refuse(
  resource: pulumi.Resource,
  name: string,
  diskId: string,
  violations: Violation[],
  mode: EligibilityMode,
): void {
  const message = describeRefusal(diskId, name, violations);
  if (mode === "warn") {
    void pulumi.log.warn(`${message}\neligibility is "warn": the snapshot is attempted anyway.`, resource);
    return;
  }
  // "warn" cannot make a disk that does not exist snapshottable: no such advice then.
  const advice = violations.some((v) => v.rule === "not-found")
    ? ""
    : '\nSet eligibility: "warn" to attempt the snapshot anyway.';
  throw new UserFacingError(`${message}${advice}`, resource);
}

/** What the eligibility rules read of a disk as the provider's getEcsDisks reports it. */
export function diskFacts(d: ProviderDisk): DiskFacts {
  return {
    id: d.id,
    category: d.category,
    encrypted: d.encrypted === "on",
    status: d.status,
    attachedTime: d.attachedTime ?? "",
    detachedTime: d.detachedTime ?? "",
    instanceId: d.instanceId,
    lockReasons: (d.operationLocks ?? []).map((l) => l.lockReason),
    expiredTime: d.expiredTime,
  };
}

/** The rules applied to what the lookup found. */
export function assessLookup(diskId: string, lookup: DiskLookup, kind: SnapshotKind): EligibilityReport {
  if (!lookup.disk) return { violations: [diskNotFound(diskId, lookup.where)], warnings: [] };
  return checkEligibility(
    diskFacts(lookup.disk),
    lookup.instance === undefined
      ? undefined
      : lookup.instance && { id: lookup.instance.id, status: lookup.instance.status },
    kind,
  );
}

/** The IDs of the custom resources named in dependsOn: they resolve once those exist. */
function dependencyIds(dependsOn: pulumi.ComponentResourceOptions["dependsOn"]): pulumi.Output<string[]> {
  return pulumi.output(dependsOn ?? []).apply((deps) => {
    const list = (Array.isArray(deps) ? deps : [deps]) as pulumi.Resource[];
    return pulumi.all(list.filter((r) => pulumi.CustomResource.isInstance(r)).map((r) => r.id));
  });
}
