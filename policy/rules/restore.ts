/**
 * Disks and images restored from a snapshot: how the image names its snapshot, and whether a
 * snapshot re-created after expiry (new ID, same logical name) would replace them. No Pulumi
 * import.
 *
 * What a policy sees of resource options (@pulumi/policy 1.21, the engine's
 * AnalyzerResourceOptions in pulumi 3.248): protect, ignoreChanges, deleteBeforeReplace,
 * aliases, customTimeouts, additionalSecretOutputs and parent. Not retainOnDelete,
 * replaceOnChanges, replacementTrigger nor hooks: a rule can require ignoreChanges, and can
 * only tell the user to set retainOnDelete.
 */
import { UNKNOWN, describeResource, isSet, show, type ResourceRef } from "./facts";

/** An image's snapshot inputs: the top-level `snapshotId` and the `diskDeviceMappings` array. */
export interface ImageSnapshotInputs {
  snapshotId: unknown;
  /** The mappings, {@link UNKNOWN} as a whole, or undefined. */
  diskDeviceMappings: unknown;
}

/** The property paths that name a snapshot in an image's inputs: `snapshotId`, `diskDeviceMappings[0].snapshotId`. */
export function imageSnapshotPaths(image: ImageSnapshotInputs): string[] {
  const paths = isSet(image.snapshotId) ? ["snapshotId"] : [];
  if (Array.isArray(image.diskDeviceMappings)) {
    image.diskDeviceMappings.forEach((m: unknown, i) => {
      if (m === UNKNOWN || (typeof m === "object" && m !== null && isSet((m as { snapshotId?: unknown }).snapshotId)))
        paths.push(`diskDeviceMappings[${i}].snapshotId`);
    });
  }
  return paths;
}

/** A top-level `snapshotId` on an image: changing it later is a silent no-op in the provider. */
export function checkImageMappings(image: ResourceRef, inputs: ImageSnapshotInputs): string[] {
  if (!isSet(inputs.snapshotId)) return [];
  return [
    `${describeResource(image)}: snapshotId is ${show(inputs.snapshotId)} at the top level; the provider neither updates nor replaces the image when that snapshotId changes (a silent no-op), so the image keeps the old snapshot's contents. Move it into diskDeviceMappings: [{ snapshotId: ... }], which replaces the image when the snapshot changes.`,
  ];
}

/** `a.b[0].c`, `a.b[*].c`, `a["b"]`, `snake_case` → camelCase segments. */
export function parsePath(path: string): string[] {
  return path
    .replace(/\[("?)([^\]"]*)\1\]/g, ".$2")
    .split(".")
    .filter((s) => s.length > 0)
    .map((s) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
}

/** An ignoreChanges entry covers a path when it is a prefix of it (`*` matches any element). */
export function covers(entry: string, path: string): boolean {
  const e = parsePath(entry);
  const p = parsePath(path);
  if (e.length === 0 || e.length > p.length) return false;
  return e.every((segment, i) => segment === "*" || segment === p[i]);
}

/** Whether the resource restores from a snapshot, and the paths that name it. */
export interface RestoreFacts {
  resource: ResourceRef;
  /** The snapshot reference paths; empty when the resource is not made from a snapshot. */
  snapshotPaths: string[];
  ignoreChanges: readonly string[];
  protect: boolean;
}

/**
 * A restored disk or image ignores changes to its snapshot reference, so a snapshot re-created
 * after expiry (new ID) does not replace it, and deleting it with whatever was written to it.
 */
export function checkRestoreProtected(facts: RestoreFacts): string[] {
  if (facts.snapshotPaths.length === 0) return [];
  const exposed = facts.snapshotPaths.filter((p) => !facts.ignoreChanges.some((e) => covers(e, p)));
  if (exposed.length === 0) return [];
  const isImage = facts.resource.type === "ecs.Image";
  const ignore = isImage
    ? (exposed.includes("snapshotId") ? '"snapshotId", ' : "") + '"diskDeviceMappings"'
    : '"snapshotId"';
  const found =
    facts.ignoreChanges.length === 0
      ? "ignoreChanges is not set"
      : `ignoreChanges is ${JSON.stringify(facts.ignoreChanges)}`;
  return [
    `${describeResource(facts.resource)} is restored from a snapshot (${exposed.join(", ")}) and ${found}${facts.protect ? " (protect is true, so a replacement fails instead)" : ""}; when the snapshot expires and is re-created with a new ID, for example by \`pulumi up --refresh\`, the ${isImage ? "image" : "disk"} is replaced and the old one deleted with what was written to it. Add the resource options ignoreChanges: [${ignore}] and retainOnDelete: true (policies cannot see retainOnDelete; set it anyway), and rotate with a new generation when a new snapshot is wanted.`,
  ];
}
