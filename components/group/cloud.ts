/**
 * What the group reads and deletes through the ECS API client (the official SDK): its member
 * snapshots and its earlier groups (DescribeSnapshotGroups, which the provider's
 * getEcsSnapshotGroups answers without members or creation time), and the expired ones it
 * deletes at `up` (DeleteSnapshotGroup). A client is made per use: the environment
 * (ESSD_ECS_ENDPOINT, the credentials) is read then, in the stack's region.
 */
import { EcsClient, resolveRegion, stackRegion, type EcsSnapshotGroup } from "../ecs";
import { GROUP_TAG } from "../rules/groups";

function ecs(): EcsClient {
  return new EcsClient({ regionId: resolveRegion({ configRegion: stackRegion() }).regionId });
}

/**
 * The groups carrying the component's owner tag (ECS filters by Tag.N), each with its members,
 * and ECS's time as its answer says it (HTTP Date): ages are measured on ECS's clock.
 */
export async function groupsOf(owner: string): Promise<{ groups: EcsSnapshotGroup[]; now: Date }> {
  const client = ecs();
  const groups = await client.describeSnapshotGroups({ tags: { [GROUP_TAG]: owner } });
  return { groups, now: client.serverTime() };
}

/** One group, with its members; undefined when ECS no longer has it. */
export async function groupById(id: string): Promise<EcsSnapshotGroup | undefined> {
  const [found] = await ecs().describeSnapshotGroups({ snapshotGroupIds: [id] });
  return found;
}

/** DeleteSnapshotGroup: the group and its snapshots (one an image was made from stays). */
export function deleteGroup(id: string): Promise<void> {
  return ecs().deleteSnapshotGroup(id);
}
