import {
  GENERATION_TAG,
  MAX_MANUAL_SNAPSHOTS_PER_DISK,
  QUOTA_WARNING_AT,
  checkCreating,
  checkQuota,
  checkRetentionChange,
  findExisting,
  type CloudSnapshot,
  type SnapshotIdentity,
} from "../../components";

const base: CloudSnapshot = {
  id: "s-1",
  sourceDiskId: "d-1",
  snapshotName: "backup-g1",
  tags: { [GENERATION_TAG]: "g1" },
  category: "standard",
  retentionDays: 30,
  status: "accomplished",
  creationTime: "2026-11-01T00:00:00Z",
  sourceDiskSize: 100,
  diskType: "data",
  encrypted: false,
};
const id: SnapshotIdentity = {
  diskId: "d-1",
  snapshotName: "backup-g1",
  generation: "g1",
  flash: false,
};

describe("findExisting", () => {
  test("same disk, name, kind and generation: the newest alive one", () => {
    const older = { ...base, id: "s-0", creationTime: "2026-10-01T00:00:00Z" };
    expect(findExisting([older, base], id)?.id).toBe("s-1");
    expect(findExisting([base, older], id)?.id).toBe("s-1");
    expect(findExisting([{ ...base, status: "progressing" }], id)?.id).toBe("s-1");
  });
  test.each([
    ["disk", { sourceDiskId: "d-2" }],
    ["name", { snapshotName: "other" }],
    ["generation", { tags: { [GENERATION_TAG]: "g2" } }],
    ["kind", { category: "flash" }],
    ["status failed", { status: "failed" }],
  ])("another %s: none", (_, change) => {
    expect(findExisting([{ ...base, ...change }], id)).toBeUndefined();
  });
  test("no generation (null) matches only a snapshot without the tag", () => {
    expect(findExisting([base], { ...id, generation: null })).toBeUndefined();
    expect(findExisting([{ ...base, tags: {} }], { ...id, generation: null })?.id).toBe("s-1");
  });
  test("an identity not known yet matches nothing (the disk is then checked as for a new snapshot)", () => {
    expect(findExisting([base], { ...id, snapshotName: undefined })).toBeUndefined();
    expect(findExisting([base], { ...id, generation: undefined })).toBeUndefined();
  });
  test("flash matches flash", () => {
    expect(findExisting([{ ...base, category: "flash" }], { ...id, flash: true })?.id).toBe("s-1");
  });
});

describe("checkQuota", () => {
  test(`over ${MAX_MANUAL_SNAPSHOTS_PER_DISK} is a violation; from ${QUOTA_WARNING_AT} a warning; below, nothing`, () => {
    expect(checkQuota("d-1", 256, 1).violations.map((v) => v.rule)).toEqual(["quota"]);
    expect(checkQuota("d-1", 255, 2).violations[0].found).toBe(
      "it has 255 manual snapshots, and with the 2 this update makes it would have 257",
    );
    expect(checkQuota("d-1", 255, 1)).toEqual({
      violations: [],
      warnings: [
        expect.stringContaining("Disk d-1 will have 256 of its 256 manual snapshots (255 alive, and this one): 0 more"),
      ],
    });
    expect(checkQuota("d-1", 239, 1).warnings).toHaveLength(1);
    expect(checkQuota("d-1", 238, 1)).toEqual({ violations: [], warnings: [] });
  });
});

describe("checkRetentionChange", () => {
  test("shorter is refused with both values; equal or longer, or unknown, is allowed", () => {
    expect(checkRetentionChange("backup", base, 7)).toMatch(
      /^retentionDays of "backup" is 7, but its snapshot s-1 is already kept for 30 days: ECS can only extend/,
    );
    expect(checkRetentionChange("backup", base, 30)).toBeUndefined();
    expect(checkRetentionChange("backup", base, 31)).toBeUndefined();
    expect(checkRetentionChange("backup", base, undefined)).toBeUndefined();
    expect(checkRetentionChange("backup", { ...base, retentionDays: undefined }, 7)).toBeUndefined();
  });
});

describe("checkCreating", () => {
  test("warns when a snapshot of the disk is still being created, or this update makes more than one", () => {
    expect(checkCreating("d-1", [], 1)).toBeUndefined();
    expect(checkCreating("d-1", ["s-9"], 1)).toMatch(/^Disk d-1: snapshot s-9 of it is still being created/);
    expect(checkCreating("d-1", [], 2)).toMatch(/^Disk d-1: this update makes 2 snapshots of it, .*CreatingSnapshot/);
  });
});
