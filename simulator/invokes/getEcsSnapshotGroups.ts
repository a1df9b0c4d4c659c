/**
 * `alicloud:ecs/getEcsSnapshotGroups:getEcsSnapshotGroups` as terraform-provider-alicloud v1.289.0
 * `alicloud/data_source_alicloud_ecs_snapshot_groups.go`: `instanceId`, `status` (as Status.1) and
 * `snapshotGroupName` go to DescribeSnapshotGroups (:99-113); `ids`, `nameRegex` and `tags` are
 * applied by the provider (:157-186), the tags as an exact set (same number of tags, each equal).
 * Each group is mapped without its member snapshots (:197-210; `GetEcsSnapshotGroupsGroup` of
 * @pulumi/alicloud 3.108 has none), though DescribeSnapshotGroups returns them.
 */
import { describeSnapshotGroups, groupStatus } from "../model";
import { fnv, str, tags, type ServedInvoke } from "../served";

/** status: StringInSlice accomplished, failed, progressing (:46). */
const STATUSES = ["accomplished", "failed", "progressing"];

export const getEcsSnapshotGroups = {
  kind: "invoke",
  token: "alicloud:ecs/getEcsSnapshotGroups:getEcsSnapshotGroups" as const,
  pagedAction: "DescribeSnapshotGroups",

  invoke(cloud, inputs) {
    const status = str(inputs.status) || undefined;
    if (status !== undefined && !STATUSES.includes(status))
      throw new Error(
        `invalid arguments for getEcsSnapshotGroups: status: expected status to be one of [${STATUSES.map((s) => `"${s}"`).join(" ")}], got ${status}`,
      );
    let nameRegex: RegExp | undefined;
    if (str(inputs.nameRegex)) {
      try {
        nameRegex = new RegExp(str(inputs.nameRegex) ?? "");
      } catch (err) {
        throw new Error(`nameRegex ${JSON.stringify(inputs.nameRegex)} is not a regular expression: ${String(err)}`);
      }
    }
    const ids = Array.isArray(inputs.ids) ? new Set(inputs.ids as string[]) : new Set<string>();
    const wanted = Object.entries(tags(inputs.tags) ?? {});
    const found = describeSnapshotGroups(cloud, {
      instanceId: str(inputs.instanceId) || undefined,
      name: str(inputs.snapshotGroupName) || undefined,
      statuses: status ? [status] : undefined,
    }).filter(
      (g) =>
        (!nameRegex || nameRegex.test(g.name)) &&
        (ids.size === 0 || ids.has(g.id)) &&
        (wanted.length === 0 ||
          (Object.keys(g.tags).length === wanted.length && wanted.every(([k, v]) => g.tags[k] === v))),
    );
    const groups = found.map((g) => ({
      description: g.description,
      id: g.id,
      instanceId: g.instanceId,
      resourceGroupId: g.resourceGroupId,
      snapshotGroupId: g.id,
      snapshotGroupName: g.name,
      status: groupStatus(cloud, g),
      tags: g.tags,
    }));
    const foundIds = found.map((g) => g.id);
    return { id: String(fnv(foundIds.join(""))), ids: foundIds, names: found.map((g) => g.name), groups };
  },
} satisfies ServedInvoke;
