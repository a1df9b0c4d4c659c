/** The policy pack's pure decisions, with plain values: no engine, no Pulumi. */
import {
  POLICY,
  POLICY_SPECS,
  describeConfigProblems,
  resolveParameters,
  validatePackConfig,
} from "../../policy/rules/config";
import { UNKNOWN } from "../../policy/rules/facts";
import {
  checkImageMappings,
  checkRestoreProtected,
  covers,
  imageSnapshotPaths,
  parsePath,
} from "../../policy/rules/restore";
import { checkFlashCategory, checkRetention, checkSnapshotName } from "../../policy/rules/snapshot";
import {
  checkFlashSourceDisk,
  checkSnapshotsPerDisk,
  findSourceDisk,
  type StackDisk,
  type StackSnapshot,
} from "../../policy/rules/stack";
import { checkTags } from "../../policy/rules/tags";

const snap = { type: "ecs.EcsSnapshot", name: "nightly" };

describe("retention", () => {
  it("accepts a whole number of days up to the maximum", () => {
    expect(checkRetention(snap, 30, 365)).toEqual([]);
    expect(checkRetention(snap, 365, 365)).toEqual([]);
  });

  it("refuses a snapshot without retention, naming it and the fix", () => {
    const [message] = checkRetention(snap, undefined, 365);
    expect(message).toContain('ecs.EcsSnapshot "nightly": retentionDays is not set');
    expect(message).toContain("kept, and billed, until someone deletes it");
    expect(message).toContain("Set retentionDays to a whole number of days from 1 to 365.");
    expect(checkRetention(snap, null, 365)).toHaveLength(1);
  });

  it("refuses a retention above the configured maximum", () => {
    expect(checkRetention(snap, 400, 365)).toEqual([
      'ecs.EcsSnapshot "nightly": retentionDays is 400, above the 365 days this stack allows (policy parameter maxRetentionDays). Set retentionDays to a whole number of days from 1 to 365.',
    ]);
    expect(checkRetention(snap, 31, 30)).toHaveLength(1);
  });

  it("refuses values ECS does not take", () => {
    expect(checkRetention(snap, 0, 365)[0]).toContain("retentionDays is 0; ECS takes a whole number of days");
    expect(checkRetention(snap, 1.5, 365)).toHaveLength(1);
    expect(checkRetention(snap, "30", 365)[0]).toContain('retentionDays is "30"');
  });

  it("skips a retention unknown during the preview", () => {
    expect(checkRetention(snap, UNKNOWN, 365)).toEqual([]);
  });
});

describe("flash category", () => {
  it("refuses flash unless the account is configured to have it", () => {
    const [message] = checkFlashCategory(snap, "flash", false);
    expect(message).toContain('category is "flash"; since 2020-12-14');
    expect(message).toContain("Remove category to take an instant-access snapshot");
    expect(message).toContain("flashAllowed: true");
    expect(checkFlashCategory(snap, "Flash", false)).toHaveLength(1);
  });

  it("accepts flash where allowed, and every other category", () => {
    expect(checkFlashCategory(snap, "flash", true)).toEqual([]);
    expect(checkFlashCategory(snap, undefined, false)).toEqual([]);
    expect(checkFlashCategory(snap, "standard", false)).toEqual([]);
    expect(checkFlashCategory(snap, UNKNOWN, false)).toEqual([]);
  });
});

describe("snapshot names", () => {
  it("accepts a valid snapshotName", () => {
    expect(checkSnapshotName(snap, "db-nightly", undefined)).toEqual([]);
  });

  it("asks for an explicit snapshotName when the provider would auto-name it", () => {
    const [message] = checkSnapshotName({ type: "ecs.EcsSnapshot", name: "1st" }, undefined, "1st-a1b2c3");
    expect(message).toContain('snapshotName is not set (the deprecated name is "1st-a1b2c3")');
    // The suggestion comes from the component's naming rule: valid for ECS.
    expect(message).toContain('Set snapshotName, for example "snap-1st", and remove name.');
    expect(checkSnapshotName(snap, undefined, undefined)[0]).toContain("neither snapshotName nor name is set");
  });

  it("refuses an invalid snapshotName with the component's rules", () => {
    const problems = checkSnapshotName(snap, "auto-x", undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('snapshotName "auto-x" starts with "auto"');
    expect(checkSnapshotName(snap, "a b", undefined)[0]).toContain('contains " "');
  });

  it("refuses the deprecated name beside snapshotName", () => {
    expect(checkSnapshotName(snap, "db-nightly", "old")).toEqual([
      'ecs.EcsSnapshot "nightly": the deprecated name is set too ("old"); snapshotName "db-nightly" already names the snapshot. Remove name.',
    ]);
  });

  it("skips an unknown snapshotName", () => {
    expect(checkSnapshotName(snap, UNKNOWN, undefined)).toEqual([]);
  });
});

describe("tags", () => {
  it("reports the missing required keys", () => {
    const [message] = checkTags(snap, { owner: "db" }, ["owner", "cost-center"]);
    expect(message).toBe(
      'ecs.EcsSnapshot "nightly": its tag keys are "owner"; this stack requires the tag keys "owner", "cost-center" (policy parameter requiredTagKeys). Add "cost-center": "<value>" to tags.',
    );
    expect(checkTags(snap, undefined, ["owner"])[0]).toContain("it has no tags");
  });

  it("accepts present keys, even with values unknown during the preview", () => {
    expect(checkTags(snap, { owner: UNKNOWN }, ["owner"])).toEqual([]);
    expect(checkTags(snap, UNKNOWN, ["owner"])).toEqual([]);
  });

  it("applies ECS's tag rules", () => {
    expect(checkTags(snap, { "aliyun:x": "y" }, [])[0]).toContain('starts with "aliyun" or "acs:"');
  });
});

describe("images made from a snapshot", () => {
  it("refuses a top-level snapshotId", () => {
    const [message] = checkImageMappings(
      { type: "ecs.Image", name: "golden" },
      { snapshotId: "s-1", diskDeviceMappings: undefined },
    );
    expect(message).toContain('ecs.Image "golden": snapshotId is "s-1" at the top level');
    expect(message).toContain("silent no-op");
    expect(message).toContain("diskDeviceMappings: [{ snapshotId: ... }]");
    expect(
      checkImageMappings({ type: "ecs.Image", name: "g" }, { snapshotId: UNKNOWN, diskDeviceMappings: undefined }),
    ).toHaveLength(1);
  });

  it("accepts diskDeviceMappings", () => {
    expect(
      checkImageMappings(
        { type: "ecs.Image", name: "g" },
        { snapshotId: undefined, diskDeviceMappings: [{ snapshotId: "s-1" }] },
      ),
    ).toEqual([]);
  });

  it("finds the snapshot references", () => {
    expect(
      imageSnapshotPaths({ snapshotId: "s-1", diskDeviceMappings: [{ size: 40 }, { snapshotId: UNKNOWN }] }),
    ).toEqual(["snapshotId", "diskDeviceMappings[1].snapshotId"]);
    expect(imageSnapshotPaths({ snapshotId: undefined, diskDeviceMappings: UNKNOWN })).toEqual([]);
  });
});

describe("restored resources are protected", () => {
  const disk = { type: "ecs.EcsDisk", name: "restored" };
  const image = { type: "ecs.Image", name: "golden" };

  it("matches ignoreChanges paths as the engine does: prefixes, wildcards, snake_case", () => {
    expect(parsePath('diskDeviceMappings[0]["snapshotId"]')).toEqual(["diskDeviceMappings", "0", "snapshotId"]);
    expect(covers("diskDeviceMappings", "diskDeviceMappings[0].snapshotId")).toBe(true);
    expect(covers("diskDeviceMappings[*].snapshotId", "diskDeviceMappings[2].snapshotId")).toBe(true);
    expect(covers("diskDeviceMappings[1]", "diskDeviceMappings[0].snapshotId")).toBe(false);
    expect(covers("snapshot_id", "snapshotId")).toBe(true);
    expect(covers("size", "snapshotId")).toBe(false);
  });

  it("refuses a restored disk whose snapshotId is not ignored, and says how to protect it", () => {
    const [message] = checkRestoreProtected({
      resource: disk,
      snapshotPaths: ["snapshotId"],
      ignoreChanges: [],
      protect: false,
    });
    expect(message).toContain(
      'ecs.EcsDisk "restored" is restored from a snapshot (snapshotId) and ignoreChanges is not set',
    );
    expect(message).toContain("the disk is replaced and the old one deleted");
    expect(message).toContain(
      'ignoreChanges: ["snapshotId"] and retainOnDelete: true (policies cannot see retainOnDelete',
    );
    const withOther = checkRestoreProtected({
      resource: disk,
      snapshotPaths: ["snapshotId"],
      ignoreChanges: ["size"],
      protect: true,
    });
    expect(withOther[0]).toContain('ignoreChanges is ["size"] (protect is true, so a replacement fails instead)');
  });

  it("accepts a restore that ignores its snapshot reference, and a resource not made from a snapshot", () => {
    expect(
      checkRestoreProtected({
        resource: disk,
        snapshotPaths: ["snapshotId"],
        ignoreChanges: ["snapshotId"],
        protect: false,
      }),
    ).toEqual([]);
    expect(
      checkRestoreProtected({
        resource: image,
        snapshotPaths: ["diskDeviceMappings[0].snapshotId"],
        ignoreChanges: ["diskDeviceMappings"],
        protect: false,
      }),
    ).toEqual([]);
    expect(checkRestoreProtected({ resource: disk, snapshotPaths: [], ignoreChanges: [], protect: false })).toEqual([]);
  });

  it("asks an image to ignore diskDeviceMappings", () => {
    const [message] = checkRestoreProtected({
      resource: image,
      snapshotPaths: ["diskDeviceMappings[0].snapshotId"],
      ignoreChanges: [],
      protect: false,
    });
    expect(message).toContain('ignoreChanges: ["diskDeviceMappings"]');
    expect(message).toContain("the image is replaced");
  });
});

describe("stack: flash snapshots of disks declared in the stack", () => {
  const diskOf = (category: unknown, encrypted: unknown, name = "data"): StackDisk => ({
    ref: { type: "ecs.EcsDisk", name },
    urn: `urn:${name}`,
    category,
    encrypted,
  });
  const snapshotOf = (
    dependsOn: string[],
    category: unknown = "flash",
    retentionDays: unknown = 7,
    name = "nightly",
  ): StackSnapshot => ({
    ref: { type: "ecs.EcsSnapshot", name },
    urn: `urn:${name}`,
    diskId: UNKNOWN,
    diskIdDependsOn: dependsOn,
    category,
    retentionDays,
  });

  it("finds the one EcsDisk the snapshot's diskId comes from", () => {
    const disks = [diskOf("cloud_essd", false, "a"), diskOf("cloud_essd", false, "b")];
    expect(findSourceDisk(snapshotOf(["urn:b", "urn:attachment"]), disks)?.ref.name).toBe("b");
    expect(findSourceDisk(snapshotOf([]), disks)).toBeUndefined();
    expect(findSourceDisk(snapshotOf(["urn:a", "urn:b"]), disks)).toBeUndefined();
  });

  it("refuses flash of an encrypted disk", () => {
    const [message] = checkFlashSourceDisk(snapshotOf(["urn:data"]), diskOf("cloud_essd", true));
    expect(message).toContain(
      'ecs.EcsSnapshot "nightly" takes a legacy local snapshot (category "flash") of ecs.EcsDisk "data", declared in this stack, whose encrypted is true',
    );
    expect(message).toContain("needs an unencrypted disk");
  });

  it("refuses flash of a disk that is not cloud_essd, the provider's default category included", () => {
    expect(checkFlashSourceDisk(snapshotOf(["urn:data"]), diskOf("cloud_auto", false))[0]).toContain(
      'whose category is "cloud_auto"',
    );
    expect(checkFlashSourceDisk(snapshotOf(["urn:data"]), diskOf(undefined, false))[0]).toContain(
      `whose category is "cloud_efficiency" (the provider's default, as the disk sets none)`,
    );
  });

  it("accepts flash of an unencrypted cloud_essd disk, and skips what it cannot know", () => {
    expect(checkFlashSourceDisk(snapshotOf(["urn:data"]), diskOf("cloud_essd", false))).toEqual([]);
    expect(
      checkFlashSourceDisk({ ...snapshotOf(["urn:data"]), category: undefined }, diskOf("cloud_auto", true)),
    ).toEqual([]);
    expect(checkFlashSourceDisk(snapshotOf([]), undefined)).toEqual([]);
    expect(checkFlashSourceDisk(snapshotOf(["urn:data"]), diskOf(UNKNOWN, UNKNOWN))).toEqual([]);
  });

  it("counts snapshots per source disk against the maximum", () => {
    const disk = diskOf("cloud_essd", false);
    const three = ["a", "b", "c"].map((n) => snapshotOf(["urn:data"], undefined, 7, n));
    expect(checkSnapshotsPerDisk(three, [disk], 3)).toEqual([]);
    const [violation] = checkSnapshotsPerDisk(three, [disk], 2);
    expect(violation.message).toContain(
      'ecs.EcsDisk "data" (declared in this stack) has 3 snapshots in this stack ("a", "b", "c")',
    );
    expect(violation.message).toContain("at most 2 per disk (policy parameter maxSnapshotsPerDisk)");
    // Existing disks are grouped by ID; unknown sources are not counted.
    const byId = ["x", "y"].map((n) => ({ ...snapshotOf([], undefined, 7, n), diskId: "d-1" }));
    expect(checkSnapshotsPerDisk([...byId, snapshotOf([], undefined, 7, "z")], [], 1)[0].message).toContain(
      "disk d-1 has 2 snapshots",
    );
  });

  it("reports each snapshot kept without retention", () => {
    const kept = { ...snapshotOf([], "flash", 7, "forever"), diskId: "d-1", retentionDays: undefined };
    expect(checkSnapshotsPerDisk([kept], [], 10)).toEqual([
      {
        urn: "urn:forever",
        message:
          'ecs.EcsSnapshot "forever" of disk d-1 has no retentionDays; it is kept, and billed, until someone deletes it, and a snapshot removed from the program or rotated with retainOnDelete is no longer in any stack\'s state. Set retentionDays.',
      },
    ]);
    expect(checkSnapshotsPerDisk([{ ...kept, retentionDays: UNKNOWN }], [], 10)).toEqual([]);
  });
});

describe("pack configuration", () => {
  it("accepts the defaults, levels and valid parameters", () => {
    expect(validatePackConfig(undefined)).toEqual([]);
    expect(
      validatePackConfig({
        all: "advisory",
        [POLICY.retention]: { enforcementLevel: "mandatory", maxRetentionDays: 30 },
        [POLICY.requiredTags]: { requiredTagKeys: ["owner"] },
        [POLICY.flashCategory]: { flashAllowed: true },
        [POLICY.snapshotsPerDisk]: { maxSnapshotsPerDisk: 4 },
        [POLICY.snapshotName]: "disabled",
      }),
    ).toEqual([]);
  });

  it("names an unknown policy and lists the real ones", () => {
    const [message] = validatePackConfig({ "essd-snapshot-retension": "mandatory" });
    expect(message).toContain(
      '"essd-snapshot-retension" is not a policy of this pack; the policies are "essd-snapshot-retention",',
    );
  });

  it("names an unknown parameter", () => {
    expect(validatePackConfig({ [POLICY.retention]: { maxRetention: 30 } })).toEqual([
      '"essd-snapshot-retention.maxRetention" is not a parameter of policy "essd-snapshot-retention"; it takes "maxRetentionDays" and "enforcementLevel".',
    ]);
    expect(validatePackConfig({ [POLICY.snapshotName]: { x: 1 } })[0]).toContain('it takes only "enforcementLevel"');
  });

  it("refuses a negative maximum and wrong types, with the expected value", () => {
    expect(validatePackConfig({ [POLICY.retention]: { maxRetentionDays: -1 } })).toEqual([
      '"essd-snapshot-retention.maxRetentionDays" is -1; expected a whole number from 1 to 65536 (default 365).',
    ]);
    expect(validatePackConfig({ [POLICY.snapshotsPerDisk]: { maxSnapshotsPerDisk: "4" } })[0]).toContain(
      '"essd-snapshots-per-disk.maxSnapshotsPerDisk" is "4"; expected a whole number from 1 to 256',
    );
    expect(validatePackConfig({ [POLICY.flashCategory]: { flashAllowed: "yes" } })[0]).toContain(
      "expected true or false",
    );
    expect(validatePackConfig({ [POLICY.requiredTags]: { requiredTagKeys: "owner" } })[0]).toContain(
      "expected a list of non-empty strings",
    );
    expect(validatePackConfig({ [POLICY.requiredTags]: { requiredTagKeys: [""] } })).toHaveLength(1);
  });

  it("refuses bad enforcement levels and shapes", () => {
    expect(validatePackConfig({ [POLICY.retention]: "strict" })[0]).toContain(
      '"essd-snapshot-retention" is "strict"; expected an enforcement level',
    );
    expect(validatePackConfig({ [POLICY.retention]: { enforcementLevel: "warn" } })[0]).toContain(
      '"essd-snapshot-retention.enforcementLevel" is "warn"',
    );
    expect(validatePackConfig({ [POLICY.retention]: 5 })[0]).toContain("or an object of parameters");
    expect(validatePackConfig({ all: { maxRetentionDays: 5 } })[0]).toContain('"all" takes only "enforcementLevel"');
    expect(validatePackConfig([])[0]).toContain("expected an object keyed by policy name");
  });

  it("reports every problem at once, in one message", () => {
    const problems = validatePackConfig({ nope: "advisory", [POLICY.retention]: { maxRetentionDays: 0 } });
    expect(problems).toHaveLength(2);
    expect(describeConfigProblems(problems)).toMatch(
      /^Invalid policy pack configuration for essd-snapshots:\n {2}- "nope"/,
    );
  });

  it("fills in defaults and throws the sentences for a bad policy config", () => {
    expect(resolveParameters(POLICY.retention, {})).toEqual({ maxRetentionDays: 365 });
    expect(resolveParameters(POLICY.requiredTags, { requiredTagKeys: ["a"] })).toEqual({ requiredTagKeys: ["a"] });
    expect(() => resolveParameters(POLICY.retention, { maxRetentionDays: -5 })).toThrow(
      '"essd-snapshot-retention.maxRetentionDays" is -5; expected a whole number from 1 to 65536 (default 365).',
    );
  });

  it("declares a default enforcement level for every policy", () => {
    for (const spec of Object.values(POLICY_SPECS)) expect(["advisory", "mandatory"]).toContain(spec.enforcementLevel);
  });
});
