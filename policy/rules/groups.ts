/**
 * The decisions about snapshot-consistent groups: ECS keeps a group until someone deletes it
 * (CreateSnapshotGroup has no retention), so a group has a retention only when an
 * EssdSnapshotGroup made it: the component's owner tag is how its expiry finds it. No Pulumi import.
 */
import { GROUP_TAG } from "../../components/rules/groups";
import { UNKNOWN, describeResource, type ResourceRef } from "./facts";

/** An `ecs.EcsSnapshotGroup` carries the owner tag of the EssdSnapshotGroup that expires it. */
export function checkGroupOwned(group: ResourceRef, tags: unknown): string[] {
  if (tags === UNKNOWN) return [];
  const owner =
    typeof tags === "object" && tags !== null && !Array.isArray(tags)
      ? (tags as Record<string, unknown>)[GROUP_TAG]
      : undefined;
  if (owner === UNKNOWN || (typeof owner === "string" && owner.length > 0)) return [];
  return [
    `${describeResource(group)}: it has no "${GROUP_TAG}" tag, so no EssdSnapshotGroup deletes it when a retention ends, and ECS keeps a snapshot-consistent group, and bills its snapshots, until someone deletes it. Declare it with EssdSnapshotGroup (retentionDays), or delete it by hand.`,
  ];
}
