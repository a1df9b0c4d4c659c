/**
 * Copies of a snapshot in other regions (CopySnapshot): what the `copies` argument accepts, what
 * the source must be for ECS to copy it, and the copy's name. Sources: ECS API reference,
 * CopySnapshot (parameters: DestinationRegionId, DestinationSnapshotName 2-128 characters,
 * DestinationSnapshotDescription 2-256, RetentionDays 1-65536, Encrypted, KMSKeyId "in the
 * destination region", Tag.N; errors `InvalidSnapshotId.NotReady` (the source has not completed),
 * `InvalidOperation.NotSupportCopyInSameRegion`, `InvalidEncrypted.NotSupportDecrypt`,
 * `InvalidSnapshotCategory.NotSupportCopy`; "Local snapshots cannot be copied"), and the
 * "Copy a snapshot" guide ("You cannot copy archive snapshots").
 */
import { isPlainMap, validateRetentionDays, validateTags } from "./inputs";
import { validateKmsKeyId } from "./restore";
import { describeValue, type Show } from "./values";

/** The fields of one copy. */
export const COPY_FIELDS = ["regionId", "retentionDays", "tags", "kmsKeyId"] as const;

/** A region ID as ECS spells them: `cn-hangzhou`, `ap-southeast-1`, `us-west-1`. */
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** One copy, as far as it is known (an unknown field is `undefined`). */
export interface CopyFacts {
  regionId?: string;
  retentionDays?: number;
  tags?: Record<string, string>;
  kmsKeyId?: string;
}

/** What the copies are checked against: the source snapshot as planned. */
export interface CopySource {
  /** The source snapshot's region (the stack's); undefined when unknown. */
  regionId?: string;
  /** Whether the source disk, and so the snapshot, is encrypted; undefined when unknown. */
  encrypted?: boolean;
  /** `category: "flash"`: a local snapshot, which ECS does not copy. */
  flash: boolean;
  /** The component's `waitUntil` as given. */
  waitUntil?: string;
}

/** True for a value known only later: a Pulumi output (`__pulumiOutput`) or a promise. */
export function knownLater(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  return (
    (value as { __pulumiOutput?: unknown }).__pulumiOutput === true ||
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}

/**
 * Every problem of the `copies` value itself (a list of maps with the fields above). Fields for
 * which `later` is true (outputs) are left for when they are known.
 */
export function validateCopies(
  value: unknown,
  input = "copies",
  show: Show = describeValue,
  later: (part: unknown) => boolean = () => false,
): string[] {
  if (!Array.isArray(value))
    return [`${input} is ${show(value)}; it must be a list of copies, such as [{ regionId: "cn-shanghai" }].`];
  const problems: string[] = [];
  const regions = new Map<string, number>();
  value.forEach((copy: unknown, i) => {
    const at = `${input}[${i}]`;
    if (!isPlainMap(copy)) {
      problems.push(`${at} is ${show(copy)}; it must be a map such as { regionId: "cn-shanghai", retentionDays: 30 }.`);
      return;
    }
    for (const key of Object.keys(copy))
      if (!(COPY_FIELDS as readonly string[]).includes(key))
        problems.push(`${at} has ${show(key)}, which a copy does not take; it takes ${COPY_FIELDS.join(", ")}.`);
    const { regionId, retentionDays, tags, kmsKeyId } = copy;
    if (regionId === undefined || regionId === null)
      problems.push(`${at}.regionId is not set; name the region to copy to, such as "cn-shanghai".`);
    else if (!later(regionId)) {
      if (typeof regionId !== "string" || !REGION_ID.test(regionId))
        problems.push(`${at}.regionId is ${show(regionId)}; it must be a region ID such as "cn-shanghai".`);
      else if (regions.has(regionId))
        problems.push(
          `${at}.regionId is ${show(regionId)}, the same as ${input}[${regions.get(regionId)}]; one copy per region.`,
        );
      else regions.set(regionId, i);
    }
    if (retentionDays !== undefined && retentionDays !== null && !later(retentionDays))
      problems.push(...validateRetentionDays(retentionDays, `${at}.retentionDays`, show));
    if (tags !== undefined && tags !== null && !later(tags))
      problems.push(...validateTags(tags, `${at}.tags`, show, later));
    if (kmsKeyId !== undefined && kmsKeyId !== null && !later(kmsKeyId))
      problems.push(...validateKmsKeyId(kmsKeyId, `${at}.kmsKeyId`, show));
  });
  return problems;
}

/**
 * What the copies need of their source, once its facts are known: another region than the
 * source's, a KMS key of the target region for an encrypted source (ECS refuses to copy an
 * encrypted snapshot into an unencrypted one, and a key belongs to one region), not a local
 * snapshot, and a source that has finished uploading when CopySnapshot is sent.
 */
export function checkCopies(copies: CopyFacts[], source: CopySource, input = "copies"): string[] {
  const problems: string[] = [];
  if (copies.length === 0) return problems;
  if (source.flash)
    problems.push(
      `${input} is set but category is "flash": ECS does not copy local snapshots (CopySnapshot, InvalidSnapshotCategory.NotSupportCopy). Leave category out to copy the snapshot.`,
    );
  if (source.waitUntil === "available")
    problems.push(
      `${input} is set with waitUntil "available": ECS copies only a snapshot whose upload has finished (CopySnapshot, InvalidSnapshotId.NotReady), so the copies would be refused. Leave waitUntil out (copies make it "accomplished") or set it to "accomplished".`,
    );
  copies.forEach((copy, i) => {
    const at = `${input}[${i}]`;
    if (copy.regionId !== undefined && source.regionId !== undefined && copy.regionId === source.regionId)
      problems.push(
        `${at}.regionId is "${copy.regionId}", the snapshot's own region: ECS copies to another region only (InvalidOperation.NotSupportCopyInSameRegion). Name another region.`,
      );
    if (source.encrypted === true && !copy.kmsKeyId)
      problems.push(
        `${at} copies an encrypted snapshot to ${copy.regionId ?? "another region"} without kmsKeyId: ECS keeps a copy of an encrypted snapshot encrypted (InvalidEncrypted.NotSupportDecrypt), with a KMS key of the target region. Set kmsKeyId to a key of ${copy.regionId ?? "that region"}.`,
      );
  });
  return problems;
}

/** The states in which ECS copies a snapshot (see {@link copySourceRefusal}). */
export const COPYABLE = { status: "accomplished", categories: ["standard"] } as const;

/**
 * Why ECS would refuse to copy this snapshot now, or undefined: it must be `accomplished` (its
 * upload finished: `progressing` is refused with InvalidSnapshotId.NotReady, `failed` has no
 * data) and a standard snapshot (not `flash`, a local snapshot, nor `archive`).
 */
export function copySourceRefusal(snapshot: { id: string; status: string; category: string }): string | undefined {
  const problems: string[] = [];
  if (snapshot.status !== COPYABLE.status)
    problems.push(
      `its status is ${snapshot.status || "unknown"}; ECS copies only an accomplished snapshot (upload finished)`,
    );
  const category = snapshot.category.toLowerCase();
  if (category && !(COPYABLE.categories as readonly string[]).includes(category))
    problems.push(`its category is ${category}; ECS copies only standard snapshots (not flash, not archive)`);
  return problems.length > 0 ? `Snapshot ${snapshot.id} cannot be copied: ${problems.join("; ")}.` : undefined;
}

/** How long ECS keeps a copy: its own retention, else the source snapshot's (never "until deleted"). */
export function copyRetention(copy: CopyFacts, sourceDays: number | undefined): number | undefined {
  return copy.retentionDays ?? sourceDays;
}

/** The copy's name in ECS: derived from the component's, the region and the generation (2-128 characters). */
export function deriveCopyName(component: string, regionId: string, generation?: string): string {
  const raw = `${component}-${regionId}${generation ? `-${generation}` : ""}`.replace(/[^A-Za-z0-9:_.-]/g, "-");
  const named = /^[A-Za-z]/.test(raw) && !/^auto/i.test(raw) ? raw : `copy-${raw}`;
  return named.slice(0, 128);
}
