/**
 * The pack's retention and required-tags policies cover snapshot-consistent groups: the
 * EssdSnapshotGroup component's retentionDays (ECS has no retention for groups), a raw
 * ecs.EcsSnapshotGroup that no component expires, and the group's tags.
 */
import { ESSD_SNAPSHOT_GROUP_TYPE } from "../../components/group/args";
import { POLICY } from "../../policy/rules/config";
import { UNKNOWN_STRING, validateResource } from "./harness";

const GROUP = "alicloud:ecs/ecsSnapshotGroup:EcsSnapshotGroup";
const owned = { instanceId: "i-db", tags: { "essd-snapshots:group": "shop/dev/db", owner: "dba" } };

describe("snapshot-consistent groups under the pack", () => {
  it("retention: the component's retentionDays within the maximum passes; above it is reported", async () => {
    const ok = await validateResource(
      POLICY.retention,
      { type: ESSD_SNAPSHOT_GROUP_TYPE, name: "db", props: { retentionDays: 7 } },
      { maxRetentionDays: 30 },
    );
    expect(ok).toEqual({ messages: [], applied: 1 });
    const long = await validateResource(
      POLICY.retention,
      { type: ESSD_SNAPSHOT_GROUP_TYPE, name: "db", props: { retentionDays: 90 } },
      { maxRetentionDays: 30 },
    );
    expect(long.messages).toEqual([
      expect.stringContaining('EssdSnapshotGroup "db": retentionDays is 90, above the 30 days'),
    ]);
  });

  it("retention: a group no EssdSnapshotGroup made (no owner tag) is reported; the component's own passes", async () => {
    const mine = await validateResource(POLICY.retention, { type: GROUP, name: "db-group", props: owned });
    expect(mine).toEqual({ messages: [], applied: 1 });
    const raw = await validateResource(POLICY.retention, {
      type: GROUP,
      name: "hand-made",
      props: { instanceId: "i-db", tags: { owner: "dba" } },
    });
    expect(raw.messages).toEqual([
      expect.stringMatching(
        /^ecs\.EcsSnapshotGroup "hand-made": it has no "essd-snapshots:group" tag, .*until someone deletes it/,
      ),
    ]);
    const untagged = await validateResource(POLICY.retention, {
      type: GROUP,
      name: "bare",
      props: { instanceId: "i-db" },
    });
    expect(untagged.messages).toHaveLength(1);
    const unknown = await validateResource(POLICY.retention, {
      type: GROUP,
      name: "later",
      props: { instanceId: "i-db", tags: UNKNOWN_STRING },
    });
    expect(unknown.messages).toEqual([]);
  });

  it("required tags: a group without a required key is reported", async () => {
    const { messages } = await validateResource(
      POLICY.requiredTags,
      { type: GROUP, name: "db-group", props: owned },
      { requiredTagKeys: ["owner", "cost-center"] },
    );
    expect(messages).toEqual([expect.stringMatching(/ecs\.EcsSnapshotGroup "db-group".*cost-center/)]);
  });
});
