/**
 * `alicloud:ecs/getEcsDisks:getEcsDisks` (terraform-provider-alicloud
 * `alicloud/data_source_alicloud_ecs_disks.go`): the provider pages through the region's disks
 * (DescribeDisks) and keeps the `ids` itself, so an unknown ID yields an empty list. `diskName`,
 * `snapshotId`, `instanceId` and `tags` it sends to DescribeDisks (`DiskName`, `SnapshotId`,
 * `InstanceId`, `Tag.N.Key/Value`; dataSourceAlicloudEcsDisksRead's request map), which ECS
 * answers with the disks that match all of them (the disk's name exactly, the snapshot it was
 * made from, the instance it is attached to, every tag given). Other filters are not modelled: refused, not ignored.
 * Each disk's tags are reported without the keys the provider leaves out (invokes/tags.ts).
 */
import type { ServedInvoke } from "../served";
import { reportedTags } from "./tags";

/** The arguments this invoke serves. */
const SERVED_ARGS = new Set(["ids", "diskName", "snapshotId", "instanceId", "tags"]);

export const getEcsDisks = {
  kind: "invoke",
  token: "alicloud:ecs/getEcsDisks:getEcsDisks" as const,

  invoke(cloud, inputs) {
    if (inputs.pageNumber !== undefined)
      throw new Error("the simulator does not answer getEcsDisks with pageNumber (it disables the ids filter)");
    const unserved = Object.keys(inputs).filter((k) => inputs[k] !== undefined && !SERVED_ARGS.has(k));
    if (unserved.length > 0)
      throw new Error(`the simulator does not answer getEcsDisks with ${unserved.join(", ")} (not modelled)`);
    const diskName = inputs.diskName as string | undefined;
    const snapshotId = inputs.snapshotId as string | undefined;
    const instanceId = inputs.instanceId as string | undefined;
    const onInstance = (d: { instanceId?: string; mountInstances?: { instanceId?: string }[] }) =>
      !instanceId || d.instanceId === instanceId || (d.mountInstances ?? []).some((m) => m.instanceId === instanceId);
    const tags = inputs.tags as Record<string, string> | undefined;
    // What DescribeDisks answers (the request's filters), then the provider's own `ids`.
    const all = cloud
      .describeDisks()
      .filter(
        (d) =>
          (!diskName || d.diskName === diskName) &&
          (!snapshotId || d.snapshotId === snapshotId) &&
          onInstance(d) &&
          Object.entries(tags ?? {}).every(([k, v]) => (d.tags as Record<string, string> | undefined)?.[k] === v),
      );
    const ids = inputs.ids as string[] | undefined;
    // By ID, each ID's first disk (as a scan finds it), so that many IDs cost one pass.
    const byId = new Map<string, (typeof all)[number]>();
    if (ids) for (const d of all) if (!byId.has(d.id)) byId.set(d.id, d);
    // Each disk as the data source maps it: its tags without Alibaba Cloud's own (`ignoredTags`).
    const disks = (ids ? ids.flatMap((id) => byId.get(id) ?? []) : all).map((d) => ({
      ...d,
      tags: reportedTags(d.tags),
    }));
    return {
      id: cloud.regionId,
      ids: disks.map((d) => d.id),
      names: disks.map((d) => d.diskName),
      disks,
      totalCount: disks.length,
    };
  },

  requests: (_call, pagesPerDiskScan) => ({ getEcsDisks: 1, describeDisks: pagesPerDiskScan }),
} satisfies ServedInvoke;
