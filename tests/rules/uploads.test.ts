import {
  BASE_MINUTES,
  REMAIN_TIME_MARGIN,
  checkOnePerUpdate,
  checkRetentionWait,
  checkUploading,
  describeDuration,
  durationSeconds,
  parseProgress,
  snapshotTimeouts,
} from "../../components";

describe("parseProgress and describeDuration", () => {
  test.each([
    ["42%", 42],
    ["100%", 100],
    ["0", 0],
    ["7.5%", 7.5],
    ["", undefined],
    ["abc", undefined],
    ["142%", undefined],
    [undefined, undefined],
  ])("%p → %p", (text, value) => expect(parseProgress(text)).toBe(value));

  test.each([
    [30, "about 30 seconds"],
    [60, "about 1 minute"],
    [720, "about 12 minutes"],
    [7500, "about 2 h 5 min"],
  ])("%p s → %p", (seconds, text) => expect(describeDuration(seconds)).toBe(text));
});

describe("checkUploading: a new snapshot while one of the disk is still being created", () => {
  test("none uploading: nothing", () => expect(checkUploading("d-1", [])).toEqual([]));

  test("refused, with ECS's progress and remaining time, and when to run again", () => {
    const [v] = checkUploading("d-1", [{ id: "s-up", progress: 42, remainSeconds: 720 }]);
    expect(v.rule).toBe("creating");
    expect(v.found).toBe(
      "snapshot s-up (42% uploaded, about 12 minutes left (ECS's estimate, RemainTime 720 s)) of disk d-1 is still being created (status progressing)",
    );
    expect(v.required).toContain("IncorrectDiskStatus.CreatingSnapshot");
    // 720 s with the margin of 1.5: 18 minutes.
    expect(REMAIN_TIME_MARGIN).toBe(1.5);
    expect(v.required).toContain("run the preview again in about 18 minutes (ECS's estimate with a margin)");
  });

  test("no estimate from ECS: says so, and to run again once accomplished", () => {
    const [v] = checkUploading("d-1", [{ id: "s-up" }]);
    expect(v.found).toContain("upload under way, ECS gives no estimate of the time left");
    expect(v.required).toContain("run the preview again once it is accomplished");
  });

  test("several: the longest decides when to run again", () => {
    const [v] = checkUploading("d-1", [
      { id: "s-a", progress: 90, remainSeconds: 60 },
      { id: "s-b", progress: 10, remainSeconds: 4000 },
    ]);
    expect(v.found).toMatch(/^snapshots s-a .*, s-b .* are still being created/);
    expect(v.required).toContain(`in ${describeDuration(6000)}`);
  });
});

describe("checkOnePerUpdate: two components make a snapshot of one disk in one update", () => {
  test("one: nothing", () => expect(checkOnePerUpdate("d-1", ["a"])).toEqual([]));
  test("two: the second is refused, naming both and the disk, and what to do", () => {
    const [v] = checkOnePerUpdate("d-1", ["a", "b"]);
    expect(v.rule).toBe("one-per-update");
    expect(v.found).toBe('"a" also makes a snapshot of disk d-1 in this update, and "b" would be the second');
    expect(v.required).toContain("IncorrectDiskStatus.CreatingSnapshot");
    expect(v.required).toContain('Snapshot the disk from one component only, or add "b"');
  });
  test("three: every earlier one is named", () => {
    const [v] = checkOnePerUpdate("d-1", ["a", "b", "c"]);
    expect(v.found).toBe('"a", "b" also make a snapshot of disk d-1 in this update, and "c" would be the number 3');
  });
});

describe("checkRetentionWait: a longer retention of a snapshot still uploading", () => {
  const uploading = { id: "s-up", status: "progressing", retentionDays: 7, progress: 42, remainSeconds: 1200 };

  test.each([
    ["accomplished", { ...uploading, status: "accomplished" }, 14],
    ["the same retention", uploading, 7],
    ["a retention not known yet", uploading, undefined],
  ])("%s: no wait", (_, existing, days) => expect(checkRetentionWait("db", existing, days, undefined)).toEqual({}));

  test("no timeout given: the update timeout is sized from ECS's estimate with the margin, and the preview says so", () => {
    const wait = checkRetentionWait("db", uploading, 14, undefined);
    // 1200 s × 1.5 = 30 minutes, plus the base.
    expect(wait.updateMinutes).toBe(BASE_MINUTES + 30);
    expect(wait.problem).toBeUndefined();
    expect(wait.note).toBe(
      `the provider waits for snapshot s-up to be accomplished before it changes retentionDays of "db" (7 → 14 days); it is 42% uploaded, about 20 minutes left (ECS's estimate, RemainTime 1200 s); the update may take that long, and its timeout is ${BASE_MINUTES + 30} minutes.`,
    );
  });

  test("a given customTimeouts.update too short: refused, with the timeout to give", () => {
    const wait = checkRetentionWait("db", uploading, 14, "20m");
    expect(wait.problem).toMatch(
      /^customTimeouts.update of "db" is "20m", but the provider waits for snapshot s-up .*: the update would time out. Give customTimeouts.update of at least "40m", leave it out/,
    );
    expect(wait.updateMinutes).toBeUndefined();
  });

  test("a given customTimeouts.update long enough: accepted, with a note", () => {
    const wait = checkRetentionWait("db", uploading, 14, "1h");
    expect(wait.problem).toBeUndefined();
    expect(wait.note).toContain('customTimeouts.update "1h" allows for it');
  });

  test("no estimate from ECS: a note, the timeout from the disk", () => {
    const wait = checkRetentionWait("db", { ...uploading, remainSeconds: undefined }, 14, "1m");
    expect(wait.problem).toBeUndefined();
    expect(wait.updateMinutes).toBeUndefined();
    expect(wait.note).toContain("ECS gives no estimate");
  });

  test("durationSeconds reads Go durations", () => {
    expect(durationSeconds("1h30m")).toBe(5400);
    expect(durationSeconds("90s")).toBe(90);
    expect(durationSeconds("soon")).toBeUndefined();
  });

  test("snapshotTimeouts takes the larger of the disk's and the wait's update", () => {
    expect(snapshotTimeouts("available", 100, {}, 500).update).toBe("500m");
    expect(snapshotTimeouts("available", 100, {}, 5).update).toBe("110m");
    expect(snapshotTimeouts("available", 100, { update: "2h" }, 500).update).toBe("2h");
  });
});
