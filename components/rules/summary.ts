/**
 * The reviewable summary of one snapshot: the facts a reviewer checks in a preview's output
 * diff, and one sentence that says them.
 */

export interface SnapshotSummary {
  /** The component's name. */
  snapshot: string;
  /** The source disk's ID, or how the program names a disk it declares. */
  disk: string;
  /** `instant access`, or `legacy local snapshot (category flash)`. */
  kind: string;
  retentionDays: number | null;
  /** When ECS releases the snapshot. */
  expiry: string;
  tags: Record<string, string>;
  /** True when removing the snapshot from the program, rotating it or destroying the stack keeps it in the cloud. */
  keptOnDelete: boolean;
  generation: string | null;
  restoredDisks: string[];
  /** The images' names in ECS (`imageName`, derived from the name and generation unless given). */
  restoredImages: string[];
  /**
   * The restored disks and images that a rotation, a removal or `pulumi destroy` deletes
   * (`deleteOnDestroy: true`); every other one is kept in the cloud, like the snapshot.
   */
  restoresDeletedOnDelete: string[];
  /**
   * The copies in other regions, one line each: `cn-shanghai: 30 days, kept on delete` (a
   * rotation makes new ones and keeps these; `deleteOnDestroy` deletes them with the snapshot).
   */
  copies: string[];
  /** True when the snapshot is refused (its disk or an input): nothing of it is created. */
  refused: boolean;
  /**
   * One short sentence (snapshot, disk, kind, retention, restores, what a delete keeps), at most
   * 150 bytes, so that `pulumi preview` shows it whole; the fields above hold the details.
   */
  text: string;
}

export type SummaryFacts = Omit<SnapshotSummary, "kind" | "expiry" | "text" | "copies"> & {
  flash: boolean;
  /** The copies' regions and retention (days; null while unknown). */
  copies?: { regionId: string; retentionDays: number | null }[];
};

/** One copy as the summary lists it. */
export function describeCopy(copy: { regionId: string; retentionDays: number | null }, keptOnDelete: boolean): string {
  const days = copy.retentionDays === null ? "retention unknown" : count(copy.retentionDays, "day");
  return `${copy.regionId}: ${days}, ${keptOnDelete ? "kept on delete" : "deleted on delete (deleteOnDestroy)"}`;
}

/**
 * The longest `text` the Pulumi CLI shows whole in a preview's diff: pulumi/pulumi
 * pkg/backend/display/object_diff.go (v3.248.0), `truncatePropertyString`, cuts a string
 * property after 150 bytes of a line (Go's len(), UTF-8 bytes) or after 3 lines, unless
 * `pulumi preview --show-full-output`. The other fields say the rest, each on its own line.
 */
export const SUMMARY_TEXT_MAX_BYTES = 150;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");
const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * One short sentence, at most {@link SUMMARY_TEXT_MAX_BYTES}: the snapshot, its disk, kind,
 * retention, how many restores and what a delete (removal, rotation, destroy) keeps. Where names
 * are so long that it would not fit, the word "Snapshot" is left out, then the disk (in `disk`),
 * then the name is shortened.
 */
function shortText(facts: SummaryFacts): string {
  const restores = facts.restoredDisks.length + facts.restoredImages.length;
  const body = (name: string, disk: string | undefined, prefix = ""): string => {
    const head = `${prefix}"${name}"${disk === undefined ? "" : ` of ${disk}`}`;
    if (facts.refused)
      return `${head} is refused: nothing of it is created${restores > 0 ? ` (${count(restores, "restore")})` : ""}; see its error.`;
    const days = facts.retentionDays === null ? "retention unknown" : count(facts.retentionDays, "day");
    const made = [
      ...(facts.restoredDisks.length > 0 ? [count(facts.restoredDisks.length, "disk")] : []),
      ...(facts.restoredImages.length > 0 ? [count(facts.restoredImages.length, "image")] : []),
    ];
    const copies = facts.copies?.length ?? 0;
    const deleted = facts.restoresDeletedOnDelete.length;
    const different = facts.keptOnDelete ? deleted : restores - deleted;
    const onDelete =
      (facts.keptOnDelete ? "kept on delete" : "deleted on delete (deleteOnDestroy)") +
      (different > 0 ? `, except ${count(different, "restore")}` : "");
    return `${head}: ${facts.flash ? "flash" : "instant access"}, ${days}; ${made.length > 0 ? `restores ${made.join(", ")}` : "no restores"}${copies > 0 ? `; ${count(copies, "copy").replace("copys", "copies")}` : ""}; ${onDelete}.`;
  };
  const full = body(facts.snapshot, facts.disk, "Snapshot ");
  if (bytes(full) <= SUMMARY_TEXT_MAX_BYTES) return full;
  const unprefixed = body(facts.snapshot, facts.disk);
  if (bytes(unprefixed) <= SUMMARY_TEXT_MAX_BYTES) return unprefixed;
  const withoutDisk = body(facts.snapshot, undefined);
  if (bytes(withoutDisk) <= SUMMARY_TEXT_MAX_BYTES) return withoutDisk;
  // Shorten the name, a character at a time from the end, until the sentence fits.
  const chars = [...facts.snapshot];
  while (chars.length > 1 && bytes(body(`${chars.join("")}…`, undefined)) > SUMMARY_TEXT_MAX_BYTES) chars.pop();
  return body(`${chars.join("")}…`, undefined);
}

export function summarize(facts: SummaryFacts): SnapshotSummary {
  const kind = facts.flash ? "legacy local snapshot (category flash)" : "instant access";
  const expiry =
    facts.retentionDays === null
      ? "retention unknown until the preview resolves it"
      : `released by ECS ${facts.retentionDays} day${facts.retentionDays === 1 ? "" : "s"} after it is created`;
  const { flash: _flash, copies, ...rest } = facts;
  return {
    ...rest,
    copies: (copies ?? []).map((c) => describeCopy(c, facts.keptOnDelete)),
    kind,
    expiry,
    text: shortText(facts),
  };
}
