import { isDuration, snapshotTimeouts, uploadMinutes, validateTimeouts } from "../../components";

describe("snapshotTimeouts", () => {
  test("available: create 10m; update waits for the upload (10m + 1m per GiB)", () => {
    expect(snapshotTimeouts("available", 100)).toEqual({ create: "10m", update: "110m" });
  });
  test("accomplished on a 2 TiB disk: create and update wait for the upload, far past the provider's 5 minutes", () => {
    expect(snapshotTimeouts("accomplished", 2048)).toEqual({ create: "2058m", update: "2058m" });
  });
  test("given timeouts win, field by field; delete only when given", () => {
    expect(snapshotTimeouts("accomplished", 2048, { create: "2h", delete: "30m" })).toEqual({
      create: "2h",
      update: "2058m",
      delete: "30m",
    });
  });
  test("an unknown size gives the base", () => {
    expect(uploadMinutes(undefined)).toBe(10);
    expect(uploadMinutes(0)).toBe(10);
    expect(uploadMinutes(3)).toBe(13);
  });
});

describe("validateTimeouts", () => {
  test.each(["90m", "2h", "1h30m", "45s", "1.5h"])("%s is a duration", (d) => expect(isDuration(d)).toBe(true));
  test.each(["", "10", "5 m", "soon", "-5m", "1d"])("%s is not", (d) => expect(isDuration(d)).toBe(false));
  test("a map of create, update and delete only, each a duration", () => {
    expect(validateTimeouts({ create: "2h" }, "customTimeouts")).toEqual([]);
    expect(validateTimeouts({ read: "5m" }, "customTimeouts")).toEqual([
      'customTimeouts has the key "read"; its keys are create, update and delete.',
    ]);
    expect(validateTimeouts({ create: "10" }, "customTimeouts")).toEqual([
      'customTimeouts.create is "10"; it must be a duration such as "90m", "2h" or "1h30m" (a number and a unit: h, m, s).',
    ]);
    expect(validateTimeouts("90m", "customTimeouts")[0]).toMatch(/^customTimeouts is "90m"; it must be a map/);
    expect(validateTimeouts(Promise.resolve({}), "customTimeouts")).toHaveLength(1);
  });
});
