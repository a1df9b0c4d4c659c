/**
 * The decisions about one `ecs.EcsSnapshot`'s inputs: retention, legacy `flash` category and
 * name. Each returns the violation messages (empty when compliant): the resource, the value
 * found, what is required and how to fix it. No Pulumi import.
 */
import { validateSnapshotName } from "../../components/rules/inputs";
import { deriveSnapshotName } from "../../components/rules/naming";
import { UNKNOWN, describeResource, isSet, show, type ResourceRef } from "./facts";

const RETENTION_MIN = 1;

/** `retentionDays` is set, a whole number of days, and at most `maxRetentionDays`. */
export function checkRetention(snapshot: ResourceRef, retentionDays: unknown, maxRetentionDays: number): string[] {
  const who = describeResource(snapshot);
  if (retentionDays === UNKNOWN) return [];
  const fix = `Set retentionDays to a whole number of days from ${RETENTION_MIN} to ${maxRetentionDays}.`;
  if (!isSet(retentionDays)) {
    return [
      `${who}: retentionDays is not set; a snapshot without retention is kept, and billed, until someone deletes it, and this stack allows at most ${maxRetentionDays} days. ${fix}`,
    ];
  }
  if (typeof retentionDays !== "number" || !Number.isInteger(retentionDays) || retentionDays < RETENTION_MIN) {
    return [`${who}: retentionDays is ${show(retentionDays)}; ECS takes a whole number of days. ${fix}`];
  }
  if (retentionDays > maxRetentionDays) {
    return [
      `${who}: retentionDays is ${retentionDays}, above the ${maxRetentionDays} days this stack allows (policy parameter maxRetentionDays). ${fix}`,
    ];
  }
  return [];
}

/** `category: "flash"` only for accounts that may still pass it (`flashAllowed`). */
export function checkFlashCategory(snapshot: ResourceRef, category: unknown, flashAllowed: boolean): string[] {
  if (flashAllowed || category === UNKNOWN || typeof category !== "string") return [];
  if (category.toLowerCase() !== "flash") return [];
  return [
    `${describeResource(snapshot)}: category is "flash"; since 2020-12-14 ECS accepts it only from accounts that used local snapshots before that date, and this stack's accounts are not configured as such (policy parameter flashAllowed is false). Remove category to take an instant-access snapshot, usable in seconds on every ESSD-series disk, or set flashAllowed: true if the account still has local snapshots.`,
  ];
}

/**
 * `snapshotName` is set and valid for ECS, and the deprecated `name` is not used. Without
 * `snapshotName` the provider names the snapshot `<logical name>-<random>` through `name`.
 */
export function checkSnapshotName(snapshot: ResourceRef, snapshotName: unknown, name: unknown): string[] {
  const who = describeResource(snapshot);
  const suggestion = deriveSnapshotName(snapshot.name);
  if (snapshotName === UNKNOWN) return [];
  if (!isSet(snapshotName)) {
    const found = isSet(name) ? `the deprecated name is ${show(name)}` : "neither snapshotName nor name is set";
    return [
      `${who}: snapshotName is not set (${found}); without it the provider names the snapshot "<logical name>-<random>" through the deprecated name, so the name is neither stable nor chosen. Set snapshotName, for example "${suggestion}", and remove name.`,
    ];
  }
  const problems = validateSnapshotName(snapshotName).map(
    (p) => `${who}: ${p} Set a valid snapshotName, for example "${suggestion}".`,
  );
  if (isSet(name) && name !== snapshotName) {
    problems.push(
      `${who}: the deprecated name is set too (${show(name)}); snapshotName ${show(snapshotName)} already names the snapshot. Remove name.`,
    );
  }
  return problems;
}
