/**
 * The pack's policies, called the way @pulumi/policy's analyzer server calls them: properties
 * behind its unknown-checking proxy, `isType` by type token, `getConfig` returning the
 * policy's config, `notApplicable` throwing. Each policy is looked up by name in the pack's
 * list, so removing one fails its tests.
 */
import { libraryResourceType } from "../../components/internal/dynamic";
import { DISK_ROLLBACK_KIND } from "../../components/rollback/provider";
import { policies } from "../../policy/policies";
import { DISK_ROLLBACK_RESOURCE_TYPE } from "../../policy/rules/rollback";
import { POLICY } from "../../policy/rules/config";
import { DISK, IMAGE, SNAPSHOT, UNKNOWN_STRING, validateResource, validateStack, type StackResource } from "./harness";

const goodSnapshot = { diskId: "d-1", retentionDays: 7, snapshotName: "db-nightly", tags: { owner: "db" } };

describe(POLICY.retention, () => {
  it("passes a snapshot with retention within the maximum", async () => {
    const { messages, applied } = await validateResource(POLICY.retention, {
      type: SNAPSHOT,
      name: "nightly",
      props: goodSnapshot,
    });
    expect(applied).toBe(1);
    expect(messages).toEqual([]);
  });

  it("reports a snapshot without retention, and one above the configured maximum", async () => {
    const { retentionDays: _, ...noRetention } = goodSnapshot;
    const missing = await validateResource(POLICY.retention, { type: SNAPSHOT, name: "nightly", props: noRetention });
    expect(missing.messages).toEqual([expect.stringContaining('ecs.EcsSnapshot "nightly": retentionDays is not set')]);
    const tooLong = await validateResource(
      POLICY.retention,
      { type: SNAPSHOT, name: "nightly", props: { ...goodSnapshot, retentionDays: 90 } },
      { maxRetentionDays: 30 },
    );
    expect(tooLong.messages).toEqual([expect.stringContaining("retentionDays is 90, above the 30 days")]);
  });

  it("reads through values unknown during a preview without failing", async () => {
    const { messages } = await validateResource(POLICY.retention, {
      type: SNAPSHOT,
      name: "nightly",
      props: { ...goodSnapshot, diskId: UNKNOWN_STRING, retentionDays: "3eeb2bf0-c639-47a8-9e75-3b44932eb421" },
    });
    expect(messages).toEqual([]);
  });

  it("does not apply to other resource types", async () => {
    expect(await validateResource(POLICY.retention, { type: DISK, name: "d", props: {} })).toEqual({
      messages: [],
      applied: 0,
    });
  });

  it("refuses a bad configuration with the key and the expected value", async () => {
    await expect(
      validateResource(POLICY.retention, { type: SNAPSHOT, name: "n", props: goodSnapshot }, { maxRetentionDays: -1 }),
    ).rejects.toThrow('"essd-snapshot-retention.maxRetentionDays" is -1; expected a whole number from 1 to 65536');
  });
});

describe(POLICY.requiredTags, () => {
  const config = { requiredTagKeys: ["owner", "cost-center"] };

  it("reports snapshots, restored disks and restored images missing a required key", async () => {
    const snapshot = await validateResource(
      POLICY.requiredTags,
      { type: SNAPSHOT, name: "nightly", props: goodSnapshot },
      config,
    );
    expect(snapshot.messages).toEqual([expect.stringContaining('Add "cost-center": "<value>" to tags.')]);
    const disk = await validateResource(
      POLICY.requiredTags,
      { type: DISK, name: "restored", props: { snapshotId: UNKNOWN_STRING } },
      config,
    );
    expect(disk.messages).toEqual([expect.stringContaining('ecs.EcsDisk "restored": it has no tags')]);
    const image = await validateResource(
      POLICY.requiredTags,
      { type: IMAGE, name: "golden", props: { diskDeviceMappings: [{ snapshotId: "s-1" }] } },
      config,
    );
    expect(image.messages).toEqual([expect.stringContaining('ecs.Image "golden": it has no tags')]);
  });

  it("passes tagged resources and leaves disks not made from a snapshot alone", async () => {
    const tags = { owner: "db", "cost-center": "42" };
    expect(
      (
        await validateResource(
          POLICY.requiredTags,
          { type: SNAPSHOT, name: "n", props: { ...goodSnapshot, tags } },
          config,
        )
      ).messages,
    ).toEqual([]);
    expect(
      (await validateResource(POLICY.requiredTags, { type: DISK, name: "blank", props: { size: 40 } }, config))
        .messages,
    ).toEqual([]);
    // Without configuration no key is required.
    expect(
      (await validateResource(POLICY.requiredTags, { type: SNAPSHOT, name: "n", props: goodSnapshot })).messages,
    ).toEqual([]);
  });
});

describe(POLICY.flashCategory, () => {
  it("reports flash by default and passes it where the account has it", async () => {
    const props = { ...goodSnapshot, category: "flash" };
    expect((await validateResource(POLICY.flashCategory, { type: SNAPSHOT, name: "legacy", props })).messages).toEqual([
      expect.stringContaining('ecs.EcsSnapshot "legacy": category is "flash"'),
    ]);
    expect(
      (await validateResource(POLICY.flashCategory, { type: SNAPSHOT, name: "legacy", props }, { flashAllowed: true }))
        .messages,
    ).toEqual([]);
    expect(
      (await validateResource(POLICY.flashCategory, { type: SNAPSHOT, name: "n", props: goodSnapshot })).messages,
    ).toEqual([]);
  });
});

describe(POLICY.snapshotName, () => {
  it("reports a snapshot named by the deprecated name and passes an explicit valid snapshotName", async () => {
    const { snapshotName: _, ...unnamed } = goodSnapshot;
    const auto = await validateResource(POLICY.snapshotName, {
      type: SNAPSHOT,
      name: "nightly",
      props: { ...unnamed, name: "nightly-4f2a" },
    });
    expect(auto.messages).toEqual([
      expect.stringContaining('snapshotName is not set (the deprecated name is "nightly-4f2a")'),
    ]);
    const invalid = await validateResource(POLICY.snapshotName, {
      type: SNAPSHOT,
      name: "n",
      props: { ...goodSnapshot, snapshotName: "9lives" },
    });
    expect(invalid.messages).toEqual([expect.stringContaining('snapshotName "9lives" must start with a letter')]);
    expect(
      (await validateResource(POLICY.snapshotName, { type: SNAPSHOT, name: "n", props: goodSnapshot })).messages,
    ).toEqual([]);
  });
});

describe(POLICY.imageMappings, () => {
  it("reports a top-level snapshotId and passes diskDeviceMappings", async () => {
    const top = await validateResource(POLICY.imageMappings, {
      type: IMAGE,
      name: "golden",
      props: { snapshotId: UNKNOWN_STRING },
    });
    expect(top.messages).toEqual([
      expect.stringContaining('ecs.Image "golden": snapshotId is (unknown until the update) at the top level'),
    ]);
    const mapped = await validateResource(POLICY.imageMappings, {
      type: IMAGE,
      name: "golden",
      props: { diskDeviceMappings: [{ snapshotId: UNKNOWN_STRING }] },
    });
    expect(mapped.messages).toEqual([]);
  });
});

describe(POLICY.restoreProtected, () => {
  it("reports a restored disk and image that a re-created snapshot would replace", async () => {
    const disk = await validateResource(POLICY.restoreProtected, {
      type: DISK,
      name: "restored",
      props: { snapshotId: UNKNOWN_STRING, size: 40 },
    });
    expect(disk.messages).toEqual([expect.stringContaining('ignoreChanges: ["snapshotId"] and retainOnDelete: true')]);
    const image = await validateResource(POLICY.restoreProtected, {
      type: IMAGE,
      name: "golden",
      props: { diskDeviceMappings: [{ snapshotId: "s-1" }] },
      opts: { ignoreChanges: ["description"] },
    });
    expect(image.messages).toEqual([expect.stringContaining('ignoreChanges is ["description"]')]);
  });

  it("passes restores that ignore their snapshot reference, and disks not made from a snapshot", async () => {
    const disk = await validateResource(POLICY.restoreProtected, {
      type: DISK,
      name: "restored",
      props: { snapshotId: "s-1" },
      opts: { ignoreChanges: ["snapshotId"] },
    });
    expect(disk).toEqual({ messages: [], applied: 1 });
    const image = await validateResource(POLICY.restoreProtected, {
      type: IMAGE,
      name: "golden",
      props: { diskDeviceMappings: [{ snapshotId: "s-1" }] },
      opts: { ignoreChanges: ["diskDeviceMappings[*].snapshotId"] },
    });
    expect(image.messages).toEqual([]);
    expect(
      (await validateResource(POLICY.restoreProtected, { type: DISK, name: "blank", props: { size: 40 } })).messages,
    ).toEqual([]);
  });
});

describe(POLICY.flashSourceDisk, () => {
  const disk = (name: string, props: Record<string, unknown>): StackResource => ({ type: DISK, name, props });
  const flashOf = (name: string, diskName: string): StackResource => ({
    type: SNAPSHOT,
    name,
    props: { ...goodSnapshot, diskId: UNKNOWN_STRING, category: "flash" },
    propertyDependencies: { diskId: [diskName] },
  });

  it("reports a flash snapshot of an encrypted or non-cloud_essd disk in the stack, on the snapshot", async () => {
    const violations = await validateStack(POLICY.flashSourceDisk, [
      disk("encrypted", { category: "cloud_essd", encrypted: true }),
      disk("auto", { category: "cloud_auto" }),
      flashOf("of-encrypted", "encrypted"),
      flashOf("of-auto", "auto"),
    ]);
    expect(violations).toEqual([
      {
        urn: "urn:pulumi:dev::fixture::alicloud:ecs/ecsSnapshot:EcsSnapshot::of-encrypted",
        message: expect.stringContaining(
          'of ecs.EcsDisk "encrypted", declared in this stack, whose encrypted is true',
        ) as string,
      },
      {
        urn: "urn:pulumi:dev::fixture::alicloud:ecs/ecsSnapshot:EcsSnapshot::of-auto",
        message: expect.stringContaining('whose category is "cloud_auto"') as string,
      },
    ]);
  });

  it("passes a flash snapshot of an unencrypted cloud_essd disk", async () => {
    expect(
      await validateStack(POLICY.flashSourceDisk, [
        disk("data", { category: "cloud_essd", encrypted: false }),
        flashOf("ok", "data"),
      ]),
    ).toEqual([]);
  });
});

describe(POLICY.snapshotsPerDisk, () => {
  const snapshotOf = (name: string, props: Record<string, unknown> = {}): StackResource => ({
    type: SNAPSHOT,
    name,
    props: { ...goodSnapshot, ...props },
  });

  it("reports a disk with more snapshots than allowed, and a snapshot without retention", async () => {
    const violations = await validateStack(
      POLICY.snapshotsPerDisk,
      [snapshotOf("a"), snapshotOf("b"), snapshotOf("c", { retentionDays: undefined })],
      { maxSnapshotsPerDisk: 2 },
    );
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringContaining('disk d-1 has 3 snapshots in this stack ("a", "b", "c"); this stack allows at most 2'),
      expect.stringContaining('ecs.EcsSnapshot "c" of disk d-1 has no retentionDays'),
    ]);
  });

  it("passes within the default maximum", async () => {
    expect(await validateStack(POLICY.snapshotsPerDisk, [snapshotOf("a"), snapshotOf("b")])).toEqual([]);
  });
});

it("the pack has exactly the documented policies", () => {
  expect(policies.map((p) => p.name).sort()).toEqual(Object.values(POLICY).sort());
});

describe(POLICY.rollbackSafety, () => {
  const reset = (props: Record<string, unknown>) => ({ type: DISK_ROLLBACK_RESOURCE_TYPE, name: "db-reset", props });

  it("warns about a rollback without a safety snapshot, naming the DiskRollback and its disk", async () => {
    const { messages } = await validateResource(POLICY.rollbackSafety, reset({ diskId: "d-db", safetySnapshotId: "" }));
    expect(messages).toEqual([
      'DiskRollback "db" rolls disk d-db back without a safety snapshot (safetySnapshot: false): what was written to the disk since the snapshot is lost and the rollback cannot be undone. Leave safetySnapshot at its default (true) to snapshot the disk first, or disable this policy for the stack if the loss is intended.',
    ]);
  });

  it("passes a rollback with a safety snapshot, known or still to be taken in this update", async () => {
    for (const safetySnapshotId of ["s-safety", UNKNOWN_STRING])
      expect(
        (await validateResource(POLICY.rollbackSafety, reset({ diskId: "d-db", safetySnapshotId }))).messages,
      ).toEqual([]);
  });

  it("leaves every other resource alone, the library's other resources too", async () => {
    const other = {
      type: "pulumi-nodejs:dynamic/essd-snapshots:SnapshotCopy",
      name: "c",
      props: { safetySnapshotId: "" },
    };
    expect((await validateResource(POLICY.rollbackSafety, other)).messages).toEqual([]);
    expect((await validateResource(POLICY.rollbackSafety, { type: SNAPSHOT, name: "s", props: {} })).messages).toEqual(
      [],
    );
  });

  it("names the type the library gives the rollback's reset", () => {
    expect(DISK_ROLLBACK_RESOURCE_TYPE).toBe(libraryResourceType(DISK_ROLLBACK_KIND));
  });
});
