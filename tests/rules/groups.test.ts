/**
 * The pure rules of a snapshot-consistent group (components/rules/groups.ts): each refusal names
 * its disk; the group's shape (one zone, 16 disks / 32 TiB, 128 / 256 TiB in the guide's seven
 * regions); expiry picks only the component's own groups past their retention.
 */
import {
  GROUP_TAG,
  checkGroup,
  checkGroupDisk,
  checkGroupShape,
  describeGroupRefusal,
  expiredGroups,
  groupLimits,
  type GroupDisk,
  type GroupFacts,
} from "../../components/rules/groups";

const disk = (id: string, over: Partial<GroupDisk> = {}): GroupDisk => ({
  id,
  category: "cloud_essd",
  encrypted: false,
  status: "In_use",
  attachedTime: "2026-01-01T00:00:00Z",
  detachedTime: "",
  instanceId: "i-db",
  lockReasons: [],
  zoneId: "cn-hangzhou-i",
  sizeGiB: 100,
  mountCount: 1,
  manualSnapshots: 0,
  ...over,
});

const facts = (over: Partial<GroupFacts> = {}): GroupFacts => ({
  instanceId: "i-db",
  regionId: "cn-hangzhou",
  instance: { id: "i-db", status: "Running" },
  disks: [disk("d-a"), disk("d-b")],
  missing: [],
  foreign: [],
  strayExclusions: [],
  ...over,
});

describe("checkGroupDisk: each disk's rules, each problem naming the disk", () => {
  test.each([
    ["not ESSD-series", { category: "cloud_efficiency" }, /category is "cloud_efficiency"/],
    [
      "Regional ESSD (not taken by CreateSnapshotGroup)",
      { category: "cloud_regional_disk_auto" },
      /category is "cloud_regional_disk_auto"/,
    ],
    ["encrypted", { encrypted: true }, /it is encrypted/],
    ["multi-attach", { mountCount: 2 }, /attached to 2 instances/],
    ["not In_use or Available", { status: "Attaching" }, /status is "Attaching"/],
    ["locked for security", { lockReasons: ["security"] }, /"security" operation lock/],
    ["still uploading a snapshot", { uploading: "s-1" }, /its snapshot s-1 is still being created/],
    ["at the 256-snapshot quota", { manualSnapshots: 256 }, /256 manual snapshots/],
  ] as [string, Partial<GroupDisk>, RegExp][])("%s", (_what, over, found) => {
    const problems = checkGroupDisk(disk("d-x", over));
    expect(problems).toHaveLength(1);
    expect(problems[0].diskId).toBe("d-x");
    expect(problems[0].found).toMatch(found);
  });

  test("an eligible disk has no problem; 255 manual snapshots still leave room for one", () => {
    expect(checkGroupDisk(disk("d-x", { manualSnapshots: 255 }))).toEqual([]);
  });
});

describe("checkGroupShape: one zone, the region's limits", () => {
  test("two zones are one problem naming each zone's disks", () => {
    const [p] = checkGroupShape([disk("d-a"), disk("d-b", { zoneId: "cn-hangzhou-j" })], "cn-hangzhou");
    expect(p.found).toBe("its disks are in 2 zones: cn-hangzhou-i: d-a; cn-hangzhou-j: d-b");
  });

  test("16 disks and 32 TiB in most regions; 128 and 256 TiB in the guide's seven (London here)", () => {
    const n = (count: number, size = 10) => Array.from({ length: count }, (_, i) => disk(`d-${i}`, { sizeGiB: size }));
    expect(checkGroupShape(n(16), "cn-hangzhou")).toEqual([]);
    expect(checkGroupShape(n(17), "cn-hangzhou")[0].required).toMatch(/at most 16 disks/);
    expect(checkGroupShape(n(2, 16385), "cn-hangzhou")[0].required).toMatch(/at most 32768 GiB/);
    expect(checkGroupShape(n(17), "eu-west-1")).toEqual([]);
    expect(groupLimits("cn-huhehaote")).toEqual({ disks: 128, totalGiB: 262144 });
    expect(checkGroupShape(n(129), "eu-west-1")[0].required).toMatch(/at most 128 disks/);
  });
});

describe("checkGroup: the instance, missing and foreign disks, and every problem at once", () => {
  test("all problems in one list, in one message, each naming its disk", () => {
    const problems = checkGroup(
      facts({
        instance: { id: "i-db", status: "Starting" },
        disks: [disk("d-a", { category: "cloud_ssd" }), disk("d-b", { zoneId: "cn-hangzhou-j" })],
        missing: ["d-gone"],
        foreign: [{ id: "d-web", instanceId: "i-web" }],
        strayExclusions: ["d-typo"],
      }),
    );
    const text = describeGroupRefusal("db", "i-db", problems);
    expect(text.split("\n")[0]).toBe(
      'Snapshot group "db" of instance i-db cannot be made (6 problems); no snapshot of any disk is taken:',
    );
    for (const part of [
      /its instance i-db is "Starting"/,
      /disk d-gone: it was not found/,
      /disk d-web: it is attached to i-web, not i-db/,
      /disk d-typo: it is in excludeDiskIds but not a disk of i-db/,
      /disk d-a: category is "cloud_ssd"/,
      /in 2 zones/,
    ])
      expect(text).toMatch(part);
  });

  test("an instance that is not found, or a group left without disks, is refused", () => {
    expect(checkGroup(facts({ instance: null }))[0].found).toBe("instance i-db was not found");
    expect(checkGroup(facts({ disks: [] }))[0].found).toBe("no disk of i-db is left in the group");
    expect(checkGroup(facts())).toEqual([]);
  });
});

describe("expiredGroups: only the component's own groups, past the retention", () => {
  const now = new Date("2026-12-10T00:00:00Z");
  const g = (id: string, owner: string | undefined, creationTime?: string) => ({
    id,
    tags: (owner === undefined ? {} : { [GROUP_TAG]: owner }) as Record<string, string>,
    creationTime,
  });
  test("older than retentionDays, with the owner tag; never another's, an untagged one, the current one, or one of unknown age", () => {
    const found = [
      g("ssg-old", "p/s/db", "2026-12-02T00:00:00Z"),
      g("ssg-edge", "p/s/db", "2026-12-03T00:00:00Z"),
      g("ssg-young", "p/s/db", "2026-12-03T00:00:01Z"),
      g("ssg-other", "p/s/web", "2026-11-01T00:00:00Z"),
      g("ssg-untagged", undefined, "2026-11-01T00:00:00Z"),
      g("ssg-current", "p/s/db", "2026-11-01T00:00:00Z"),
      g("ssg-unknown", "p/s/db", undefined),
    ];
    expect(expiredGroups(found, "p/s/db", 7, now, "ssg-current").map((x) => x.id)).toEqual(["ssg-old", "ssg-edge"]);
  });
});
