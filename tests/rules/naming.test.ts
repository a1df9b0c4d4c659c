import { validateSnapshotName } from "../../components/rules/inputs";
import { deriveSnapshotName } from "../../components/rules/naming";

describe("deriveSnapshotName", () => {
  test("keeps a logical name that is already a valid snapshot name", () => {
    expect(deriveSnapshotName("data-disk.daily:v1_a")).toBe("data-disk.daily:v1_a");
  });

  test("is stable: the same logical name gives the same snapshot name", () => {
    expect(deriveSnapshotName("my disk/2024")).toBe(deriveSnapshotName("my disk/2024"));
  });

  test("replaces characters ECS refuses with dashes", () => {
    expect(deriveSnapshotName("my disk/snap@1")).toBe("my-disk-snap-1");
  });

  test.each([
    ["1st-disk", "snap-1st-disk"],
    ["-disk", "snap--disk"],
    [".disk", "snap-.disk"],
    ["_disk", "snap-_disk"],
    ["auto-backup", "snap-auto-backup"],
    ["AutoBackup", "snap-AutoBackup"],
    ["http-server", "snap-http-server"],
    ["HTTPS://example.com", "snap-HTTPS:--example.com"],
  ])("prefixes %j (no leading letter, auto… or URL-like) to %j", (logical, derived) => {
    expect(deriveSnapshotName(logical)).toBe(derived);
  });

  test("pads a one-letter name to at least 2 characters", () => {
    const name = deriveSnapshotName("a");
    expect(name.length).toBeGreaterThanOrEqual(2);
    expect(name.startsWith("a")).toBe(true);
  });

  test("cuts a long logical name to 128 characters", () => {
    const name = deriveSnapshotName("x".repeat(300));
    expect(name).toBe("x".repeat(128));
  });

  test("appends a sanitised suffix", () => {
    expect(deriveSnapshotName("data", "2024 01/02")).toBe("data-2024-01-02");
  });

  test("keeps the whole suffix when the logical name is cut", () => {
    const name = deriveSnapshotName("x".repeat(300), "daily");
    expect(name).toHaveLength(128);
    expect(name.endsWith("-daily")).toBe(true);
  });

  test.each([
    ["", undefined],
    ["a", undefined],
    ["a", ""],
    ["", "x"],
    ["a", "x"],
    ["-", undefined],
    ["9", undefined],
    ["数据盘", undefined],
    ["auto", undefined],
    ["Automatic snapshot", "v2"],
    ["http://example.com/a b", undefined],
    ["https://x", "1"],
    ["x".repeat(127), undefined],
    ["x".repeat(128), undefined],
    ["x".repeat(129), undefined],
    ["x".repeat(500), "suffix with spaces"],
    ["x", "y".repeat(100)],
    ["x", "y".repeat(127)],
    ["data", "z".repeat(300)],
    ["my stack/data disk #1", "2024-01-01T00:00:00Z"],
  ])("derives a name ECS accepts from %j with suffix %j", (logical, suffix) => {
    const name = deriveSnapshotName(logical, suffix);
    expect(validateSnapshotName(name)).toEqual([]);
  });

  test("a very long suffix keeps at most half the name, and the logical name its start", () => {
    const name = deriveSnapshotName("db", "y".repeat(300));
    expect(name.startsWith("db-y")).toBe(true);
    expect(name).toHaveLength(2 + 64);
  });
});
