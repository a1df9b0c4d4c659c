/**
 * The summary's `text` is what a reviewer reads in `pulumi preview`'s diff. Pulumi 3.248 cuts a
 * string property after 150 bytes of a line (pulumi/pulumi pkg/backend/display/object_diff.go,
 * truncatePropertyString; not with --show-full-output), so the text must stay within that.
 */
import fc from "fast-check";

import { SUMMARY_TEXT_MAX_BYTES, summarize, type SummaryFacts } from "../../components";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** The longest realistic case: a long name and disk ID, flash, 10 years, 3 disks and 3 images, mixed fates. */
const LONGEST: SummaryFacts = {
  snapshot: "prod-mysql-primary-data-nightly1", // 32 characters
  disk: "d-bp1g6zv0ce8oghu7k6zk", // a real ECS disk ID's length (22)
  flash: true,
  retentionDays: 3650,
  tags: { env: "prod", team: "db", owner: "dba", "cost-center": "cc-1234" },
  keptOnDelete: true,
  generation: "2026-11-25T00-00",
  restoredDisks: ["prod-mysql-primary-data-nightly1-restore-a", "…-b", "…-c"],
  restoredImages: ["img-a", "img-b", "img-c"],
  restoresDeletedOnDelete: ["…-b", "img-a", "img-c"],
  refused: false,
};

describe("summary text, as the Pulumi CLI's diff shows it", () => {
  test("the longest realistic case stays whole: every fact in at most 150 bytes", () => {
    const { text } = summarize(LONGEST);
    expect(bytes(text)).toBeLessThanOrEqual(SUMMARY_TEXT_MAX_BYTES);
    expect(SUMMARY_TEXT_MAX_BYTES).toBe(150);
    expect(text).toBe(
      '"prod-mysql-primary-data-nightly1" of d-bp1g6zv0ce8oghu7k6zk: flash, 3650 days; restores 3 disks, 3 images; kept on delete, except 3 restores.',
    );
  });

  test("a refused snapshot, a snapshot deleted on delete and an unknown retention stay whole too", () => {
    const refused = summarize({ ...LONGEST, refused: true }).text;
    expect(refused).toBe(
      'Snapshot "prod-mysql-primary-data-nightly1" of d-bp1g6zv0ce8oghu7k6zk is refused: nothing of it is created (6 restores); see its error.',
    );
    const deleted = summarize({ ...LONGEST, keptOnDelete: false, retentionDays: null }).text;
    expect(deleted).toContain(
      "retention unknown; restores 3 disks, 3 images; deleted on delete (deleteOnDestroy), except 3 restores.",
    );
    for (const text of [refused, deleted]) expect(bytes(text)).toBeLessThanOrEqual(SUMMARY_TEXT_MAX_BYTES);
  });

  test("any names, however long or multi-byte: at most 150 bytes, the name shortened last", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300, unit: "grapheme", size: "max" }),
        fc.string({ minLength: 1, maxLength: 200, size: "max" }),
        fc.boolean(),
        fc.nat({ max: 5 }),
        (snapshot, disk, refused, n) => {
          const names = Array.from({ length: n }, (_, i) => `r${i}`);
          const { text } = summarize({
            ...LONGEST,
            snapshot,
            disk,
            refused,
            restoredDisks: names,
            restoredImages: names,
          });
          expect(bytes(text)).toBeLessThanOrEqual(SUMMARY_TEXT_MAX_BYTES);
        },
      ),
    );
  });
});
