/**
 * Names derived from logical names: valid for ECS and stable, so a second preview of the same
 * program shows no diff. Snapshot names: 2..128 characters, a letter first, letters, digits
 * and `.:_-`, not `auto…` (kept for automatic snapshots) nor a URL. Image names: the same
 * characters, not `aliyun…` nor `acs:…`.
 */

const MAX_NAME = 128;
const INVALID = /[^A-Za-z0-9.:_-]/g;

function deriveName(logicalName: string, suffix: string | undefined, prefix: string, reserved: RegExp): string {
  let name = logicalName.replace(INVALID, "-");
  // A leading digit, dot or dash, a reserved prefix, or a URL-like name gets a prefix of ours.
  if (!/^[A-Za-z]/.test(name) || reserved.test(name) || /^https?/i.test(name)) name = `${prefix}-${name}`;
  // The suffix (a generation, say) keeps at most half the name, so the logical name stays readable.
  const tail = suffix ? `-${suffix.replace(INVALID, "-")}`.slice(0, MAX_NAME / 2) : "";
  name = name.slice(0, MAX_NAME - tail.length) + tail;
  if (name.length < 2) name = `${name}-${prefix}`;
  return name.slice(0, MAX_NAME);
}

export function deriveSnapshotName(logicalName: string, suffix?: string): string {
  return deriveName(logicalName, suffix, "snap", /^auto/i);
}

export function deriveImageName(logicalName: string, suffix?: string): string {
  return deriveName(logicalName, suffix, "image", /^(aliyun|acs:)/i);
}

/**
 * The suffix of a derived image name: the generation, then the platform and the architecture
 * when given. Those two force a new image in the provider (ForceNew in
 * terraform-provider-alicloud `resource_alicloud_image.go`), made before the old one is gone
 * and while a kept one stays; image names are unique in a region (`InvalidImageName.Duplicated`),
 * so the name changes with them.
 */
export function imageNameSuffix(
  generation: string | undefined,
  platform: string | undefined,
  architecture: string | undefined,
): string | undefined {
  const parts = [generation, platform, architecture].filter((p): p is string => typeof p === "string" && p !== "");
  return parts.length > 0 ? parts.join("-") : undefined;
}

/** Disk names: 2..128 characters, a letter first; letters, digits and `.:_-`. */
export function deriveDiskName(logicalName: string, suffix?: string): string {
  return deriveName(logicalName, suffix, "disk", /^$/);
}
