/** Each argument's rule, on values it must accept and values it must refuse (with the sentence's start). */
import {
  RESTORE_DISK_ARGUMENTS,
  RESTORE_IMAGE_ARGUMENTS,
  SNAPSHOT_ARGUMENTS,
  checkArgument,
  type ArgumentRule,
} from "../../components/rules/arguments";
import {
  validateArgumentMap,
  validateDiskResource,
  validateResourceName,
  validateTagKey,
} from "../../components/rules/inputs";
import { hideValue } from "../../components/rules/values";

const cases: [string, ArgumentRule, unknown[], [unknown, string][]][] = [
  [
    "diskId",
    SNAPSHOT_ARGUMENTS.diskId,
    ["d-bp1abc"],
    [
      ["disk-1", 'diskId is "disk-1"; a disk ID looks like'],
      [5, "diskId is 5;"],
    ],
  ],
  [
    "retentionDays",
    SNAPSHOT_ARGUMENTS.retentionDays,
    [1, 65536],
    [
      [undefined, "retentionDays is undefined;"],
      [0, "retentionDays is 0;"],
    ],
  ],
  [
    "resourceGroupId",
    SNAPSHOT_ARGUMENTS.resourceGroupId,
    ["rg-acfm1"],
    [
      ["acfm1", 'resourceGroupId is "acfm1"; a resource group ID looks like'],
      [true, "resourceGroupId is true;"],
    ],
  ],
  [
    "tags",
    SNAPSHOT_ARGUMENTS.tags,
    [{}, { team: "db" }],
    [
      ["a", 'tags is "a"; it must be a map'],
      [[], "tags is [];"],
      [{ a: 1 }, 'tags["a"] is 1;'],
    ],
  ],
  ["category", SNAPSHOT_ARGUMENTS.category, ["flash"], [["FLASH", 'category is "FLASH"; it must be "flash"']]],
  ["eligibility", SNAPSHOT_ARGUMENTS.eligibility, ["enforce", "warn"], [["strict", 'eligibility is "strict";']]],
  ["waitUntil", SNAPSHOT_ARGUMENTS.waitUntil, ["available", "accomplished"], [["done", 'waitUntil is "done";']]],
  ["deleteOnDestroy", SNAPSHOT_ARGUMENTS.deleteOnDestroy, [true, false], [["true", 'deleteOnDestroy is "true";']]],
  [
    "generation",
    SNAPSHOT_ARGUMENTS.generation,
    ["2026-11"],
    [
      [3, "generation is 3; it must be a string."],
      ["", 'generation is "";'],
    ],
  ],
  [
    "size",
    RESTORE_DISK_ARGUMENTS.size,
    [1, 20, 65536],
    [
      [0, "size is 0; it must be a whole number of GiB"],
      [65537, "size is 65537;"],
      [1.5, "size is 1.5;"],
    ],
  ],
  [
    "zoneId",
    RESTORE_DISK_ARGUMENTS.zoneId,
    ["cn-hangzhou-i"],
    [["Hangzhou", 'zoneId is "Hangzhou"; a zone ID looks like']],
  ],
  [
    "category",
    RESTORE_DISK_ARGUMENTS.category,
    ["cloud_essd", "cloud_auto"],
    [
      ["cloud_ssd", 'category is "cloud_ssd"; a disk made'],
      [1, "category is 1; it must be a string"],
    ],
  ],
  [
    "performanceLevel",
    RESTORE_DISK_ARGUMENTS.performanceLevel,
    ["PL0", "PL3"],
    [["PL4", 'performanceLevel is "PL4";']],
  ],
  ["encrypted", RESTORE_DISK_ARGUMENTS.encrypted, [true, false], [["false", 'encrypted is "false";']]],
  ["kmsKeyId", RESTORE_DISK_ARGUMENTS.kmsKeyId, ["key-1"], [["", 'kmsKeyId is ""; it must be a non-empty string.']]],
  [
    "diskName",
    RESTORE_DISK_ARGUMENTS.diskName,
    ["data-copy", "auto-ok"],
    [
      ["1disk", 'diskName "1disk" must start with a letter.'],
      ["a b", 'diskName "a b" contains " "'],
    ],
  ],
  [
    "instanceId",
    RESTORE_DISK_ARGUMENTS.instanceId,
    ["i-bp1x"],
    [["vm-1", 'instanceId is "vm-1"; an instance ID looks like']],
  ],
  [
    "imageName",
    RESTORE_IMAGE_ARGUMENTS.imageName,
    ["golden-1"],
    [["acs:x", 'imageName "acs:x" starts with "aliyun" or "acs:"']],
  ],
  [
    "architecture",
    RESTORE_IMAGE_ARGUMENTS.architecture,
    ["x86_64", "arm64", "i386"],
    [["amd64", 'architecture is "amd64";']],
  ],
  ["platform", RESTORE_IMAGE_ARGUMENTS.platform, ["Aliyun"], [["", 'platform is "";']]],
];

describe.each(cases)("%s", (input, rule, good, bad) => {
  test.each(good.map((v) => [v]))("accepts %p", (value) => {
    expect(checkArgument(rule, value, input)).toEqual([]);
  });
  test.each(bad)("refuses %p", (value, sentence) => {
    const problems = checkArgument(rule, value, input);
    expect(problems.join("\n")).toContain(sentence);
  });
  test("null and undefined are not set", () => {
    if (rule.required) expect(checkArgument(rule, null, input)).toHaveLength(1);
    else expect([...checkArgument(rule, null, input), ...checkArgument(rule, undefined, input)]).toEqual([]);
  });
});

test("only the snapshot's category, eligibility, waitUntil and deleteOnDestroy, and a restore's deleteOnDestroy, must be plain values", () => {
  const plain = (rules: Record<string, ArgumentRule>) =>
    Object.entries(rules)
      .filter(([, r]) => !r.eventual)
      .map(([k]) => k)
      .sort();
  // customTimeouts is a resource option too, read when the child registers; copies is a plain
  // list (one resource each, registered with the component), whose fields may be outputs.
  expect(plain(SNAPSHOT_ARGUMENTS)).toEqual([
    "category",
    "copies",
    "customTimeouts",
    "deleteOnDestroy",
    "eligibility",
    "waitUntil",
  ]);
  // Whether a restore is retained on delete is a resource option, decided at registration.
  expect([...plain(RESTORE_DISK_ARGUMENTS), ...plain(RESTORE_IMAGE_ARGUMENTS)]).toEqual([
    "deleteOnDestroy",
    "deleteOnDestroy",
  ]);
});

test("the arguments object, the resource name, the disk resource and tag keys", () => {
  expect(validateArgumentMap({})).toEqual([]);
  expect(validateArgumentMap(null)[0]).toMatch(/^args is null; it must be a map of arguments/);
  expect(validateResourceName("db")).toEqual([]);
  expect(validateResourceName("")[0]).toMatch(/^name is ""; it must be a non-empty string/);
  expect(validateDiskResource({}, true)).toEqual([]);
  expect(validateDiskResource("d-1", false)[0]).toMatch(/^disk is "d-1"; it must be an ecs\.EcsDisk/);
  expect(validateTagKey("team")).toEqual([]);
  expect(validateTagKey("aliyun:x")[0]).toMatch(/starts with "aliyun" or "acs:"/);
});

test("a secret is shown as [secret] by every rule", () => {
  expect(
    checkArgument(SNAPSHOT_ARGUMENTS.snapshotName, "auto-hunter2", "snapshotName", hideValue).join(),
  ).not.toContain("hunter2");
  expect(checkArgument(RESTORE_DISK_ARGUMENTS.diskName, "hunter 2", "diskName", hideValue).join()).toBe(
    'diskName [secret] contains [secret]; only letters, digits, ".", ":", "_" and "-" are allowed.',
  );
});
