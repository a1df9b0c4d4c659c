/**
 * `alicloud:ecs/getInstances:getInstances` (terraform-provider-alicloud
 * `alicloud/data_source_alicloud_instances.go`): the IDs go to DescribeInstances; with
 * `enableDetails` (the data source's default) it also reads every disk of the region and each
 * instance's RAM role.
 */
import type { ServedInvoke } from "../served";
import { reportedTags } from "./tags";

export const getInstances = {
  kind: "invoke",
  token: "alicloud:ecs/getInstances:getInstances" as const,

  invoke(cloud, inputs) {
    // Each instance as the data source maps it: tags through `tagsToMap` (invokes/tags.ts);
    // without details it returns before reading RAM roles and disks (v1.289.0
    // data_source_alicloud_instances.go:365), so no `ram_role_name` and no `disk_device_mappings`.
    const details = inputs.enableDetails !== false;
    const instances = cloud.describeInstances(inputs.ids as string[] | undefined).map((i) => ({
      ...i,
      tags: reportedTags(i.tags),
      ...(details ? {} : { ramRoleName: "", diskDeviceMappings: [] }),
    }));
    if (details) {
      cloud.describeDisks();
      cloud.describeInstanceRamRole();
    }
    return {
      id: cloud.regionId,
      ids: instances.map((i) => i.id),
      names: instances.map((i) => i.name),
      instances,
      totalCount: instances.length,
    };
  },

  requests: (call, pagesPerDiskScan) => ({
    getInstances: 1,
    describeInstances: 1,
    ...(call.inputs.enableDetails !== false ? { describeDisks: pagesPerDiskScan } : {}),
  }),
} satisfies ServedInvoke;
