/**
 * Snapshot names derived from logical names: valid for ECS (2..128 characters, a letter
 * first, letters, digits and `.:_-`, not `auto…` nor a URL) and stable, so a second preview
 * of the same program shows no diff.
 */

const MAX_NAME = 128;

export function deriveSnapshotName(logicalName: string, suffix?: string): string {
  let name = logicalName.replace(/[^A-Za-z0-9.:_-]/g, "-");
  // A leading digit, dot or dash, an "auto" prefix (kept for automatic snapshots), or a URL-like name needs a prefix.
  if (!/^[A-Za-z]/.test(name) || /^auto/i.test(name) || /^https?/i.test(name)) name = `snap-${name}`;
  // The suffix (a generation, say) keeps at most half the name, so the logical name stays readable.
  const tail = suffix ? `-${suffix.replace(/[^A-Za-z0-9.:_-]/g, "-")}`.slice(0, MAX_NAME / 2) : "";
  name = name.slice(0, MAX_NAME - tail.length) + tail;
  if (name.length < 2) name = `${name}-snapshot`;
  return name.slice(0, MAX_NAME);
}
