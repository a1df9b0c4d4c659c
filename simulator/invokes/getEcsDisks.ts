/**
 * `alicloud:ecs/getEcsDisks:getEcsDisks` (terraform-provider-alicloud
 * `alicloud/data_source_alicloud_ecs_disks.go`): the provider pages through every disk of the
 * region (DescribeDisks) and keeps the `ids` itself, so an unknown ID yields an empty list.
 */
import type { ServedInvoke } from "../served";

export const getEcsDisks = {
  kind: "invoke",
  token: "alicloud:ecs/getEcsDisks:getEcsDisks" as const,

  invoke(cloud, inputs) {
    const all = cloud.describeDisks();
    if (inputs.pageNumber !== undefined)
      throw new Error("the simulator does not answer getEcsDisks with pageNumber (it disables the ids filter)");
    const ids = inputs.ids as string[] | undefined;
    const disks = ids ? ids.flatMap((id) => all.find((d) => d.id === id) ?? []) : all;
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
