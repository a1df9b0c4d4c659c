/**
 * `alicloud:ecs/ecsSnapshot:EcsSnapshot` (terraform-provider-alicloud
 * `alicloud/resource_alicloud_ecs_snapshot.go`; names from @pulumi/alicloud 3.108 `ecs/ecsSnapshot.d.ts`).
 */
import type { SimSnapshot, SimulatedCloud } from "../model";
import { num, str, tags, type Props, type ServedResource } from "../served";

export const ecsSnapshot = {
  kind: "resource",
  token: "alicloud:ecs/ecsSnapshot:EcsSnapshot" as const,
  inputNames: [
    "category",
    "description",
    "diskId",
    "force",
    "instantAccess",
    "instantAccessRetentionDays",
    "name",
    "resourceGroupId",
    "retentionDays",
    "snapshotName",
    "tags",
    "waitUntil",
  ],
  // disk_id and category are ForceNew; category is also Computed ("standard" when not sent), so
  // leaving it out is no change.
  forceNew: { diskId: true, category: true },
  idPrefix: "s-",

  create(cloud, inputs, idFor) {
    const snap = cloud.createSnapshot(
      {
        diskId: str(inputs.diskId) ?? "",
        category: str(inputs.category),
        retentionDays: num(inputs.retentionDays),
        snapshotName: str(inputs.snapshotName) ?? str(inputs.name),
        description: str(inputs.description),
        tags: tags(inputs.tags),
        resourceGroupId: str(inputs.resourceGroupId),
      },
      idFor,
    );
    // The provider waits for Available=true (seconds for ESSD), or for the upload to finish.
    if (inputs.waitUntil === "accomplished" || !snap.available) cloud.accomplish(snap.id);
    return { id: snap.id, state: snapshotState(cloud, snap, inputs) };
  },

  read(cloud, id, inputs) {
    const s = cloud.snapshot(id);
    return s && snapshotState(cloud, s, inputs);
  },

  update(cloud, id, _olds, news) {
    const snap = cloud.modifySnapshot(id, {
      snapshotName: str(news.snapshotName) ?? str(news.name),
      description: str(news.description),
      retentionDays: news.retentionDays === undefined ? undefined : num(news.retentionDays),
      tags: tags(news.tags) ?? {},
      resourceGroupId: str(news.resourceGroupId),
    });
    return snapshotState(cloud, snap, news);
  },

  delete(cloud, id, state) {
    // Already released by ECS: the provider treats NotFound on delete as done.
    if (!cloud.snapshot(id)) return;
    cloud.deleteSnapshot(id, state.force === true);
  },
} satisfies ServedResource;

function snapshotState(cloud: SimulatedCloud, s: SimSnapshot, inputs: Props): Props {
  return {
    ...inputs,
    diskId: s.sourceDiskId,
    category: s.category,
    status: s.status,
    available: s.available,
    createTime: s.createTime,
    regionId: cloud.regionId,
    retentionDays: s.retentionDays ?? undefined,
    snapshotName: s.snapshotName,
    name: s.snapshotName,
    description: s.description,
    tags: s.tags,
    resourceGroupId: s.resourceGroupId,
  };
}
