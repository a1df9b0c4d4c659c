/** The pack's retention and required-tags policies also read essd-snapshots' copies in other regions. */
import { SNAPSHOT_COPY_TYPE } from "../../components/rules/copies";
import { POLICY } from "../../policy/rules/config";
import { DISK, validateResource } from "./harness";

const copy = { regionId: "cn-shanghai", sourceSnapshotId: "s-1", retentionDays: 30, tags: { owner: "db" } };

describe("copies (SnapshotCopy) under the pack", () => {
  it("retention: a copy within the maximum passes; one above it is reported", async () => {
    const ok = await validateResource(POLICY.retention, {
      type: SNAPSHOT_COPY_TYPE,
      name: "db-copy-cn-shanghai",
      props: copy,
    });
    expect(ok).toEqual({ messages: [], applied: 1 });
    const long = await validateResource(
      POLICY.retention,
      { type: SNAPSHOT_COPY_TYPE, name: "db-copy-cn-shanghai", props: { ...copy, retentionDays: 90 } },
      { maxRetentionDays: 30 },
    );
    expect(long.messages).toEqual([
      expect.stringContaining('SnapshotCopy "db-copy-cn-shanghai": retentionDays is 90, above the 30 days'),
    ]);
  });

  it("required tags: a copy without a required key is reported", async () => {
    const { messages } = await validateResource(
      POLICY.requiredTags,
      { type: SNAPSHOT_COPY_TYPE, name: "db-copy-cn-shanghai", props: copy },
      { requiredTagKeys: ["owner", "cost-center"] },
    );
    expect(messages).toEqual([expect.stringMatching(/SnapshotCopy "db-copy-cn-shanghai".*cost-center/)]);
  });

  it("does not apply the copies' validation to other types", async () => {
    expect(await validateResource(POLICY.retention, { type: DISK, name: "d", props: {} })).toEqual({
      messages: [],
      applied: 0,
    });
  });
});
