/**
 * `alicloud:ecs/image:Image` (terraform-provider-alicloud `alicloud/resource_alicloud_image.go`;
 * names from @pulumi/alicloud 3.108 `ecs/image.d.ts`).
 */
import type { CreateImageRequest, SimulatedCloud } from "../model";
import { str, tags, type Props, type ServedResource } from "../served";

export const image = {
  kind: "resource",
  token: "alicloud:ecs/image:Image" as const,
  inputNames: [
    "architecture",
    "bootMode",
    "deleteAutoSnapshot",
    "description",
    "detectionStrategy",
    "diskDeviceMappings",
    "features",
    "force",
    "imageFamily",
    "imageName",
    "imageVersion",
    "instanceId",
    "licenseType",
    "name",
    "platform",
    "resourceGroupId",
    "snapshotId",
    "tags",
  ],
  // disk_device_mapping, instance_id and architecture are ForceNew; the top-level snapshot_id is
  // neither ForceNew nor updated (a silent no-op, DOMAIN.md §3).
  forceNew: {
    diskDeviceMappings: (old: unknown, input: unknown) => sameList(mappedSnapshotIds(old), mappedSnapshotIds(input)),
    instanceId: true,
    architecture: true,
  },
  idPrefix: "m-",

  create(cloud, inputs, idFor) {
    const created = cloud.createImage(imageRequest(inputs), idFor);
    return { id: created.id, state: imageState(cloud, created.id, inputs) as Props };
  },

  read(cloud, id, inputs) {
    return imageState(cloud, id, inputs);
  },

  update(cloud, id, olds, news) {
    cloud.modifyImage(id, {
      imageName: str(news.imageName) ?? str(news.name),
      description: str(news.description),
      platform: str(news.platform),
      tags: tags(news.tags) ?? {},
    });
    // The top-level snapshotId is read back as it was: changing it does nothing (DOMAIN.md §3).
    return { ...(imageState(cloud, id, news) as Props), snapshotId: olds.snapshotId };
  },

  delete(cloud, id) {
    cloud.deleteImage(id);
  },
} satisfies ServedResource;

function imageRequest(inputs: Props): CreateImageRequest {
  return {
    snapshotId: str(inputs.snapshotId),
    mappedSnapshotIds: mappedSnapshotIds(inputs.diskDeviceMappings),
    imageName: str(inputs.imageName) ?? str(inputs.name),
    architecture: str(inputs.architecture),
    platform: str(inputs.platform),
    description: str(inputs.description),
    tags: tags(inputs.tags),
    resourceGroupId: str(inputs.resourceGroupId),
  };
}

function imageState(cloud: SimulatedCloud, id: string, inputs: Props): Props | undefined {
  const found = cloud.image(id);
  if (!found) return undefined;
  const sizes = cloud.imageDiskSizes(found);
  return {
    ...inputs,
    imageName: found.imageName,
    name: found.imageName,
    architecture: found.architecture,
    platform: found.platform,
    description: found.description,
    tags: found.tags,
    resourceGroupId: found.resourceGroupId,
    status: found.status,
    createTime: found.createTime,
    usable: true,
    diskDeviceMappings: Array.isArray(inputs.diskDeviceMappings)
      ? found.snapshotIds.map((snapshotId, i) => ({
          snapshotId,
          size: sizes[i],
          diskType: i === 0 ? "system" : "data",
          device: `/dev/xvd${String.fromCharCode(97 + i)}`,
        }))
      : [],
    snapshotId: str(inputs.snapshotId) ?? "",
  };
}

function mappedSnapshotIds(mappings: unknown): string[] {
  if (!Array.isArray(mappings)) return [];
  return mappings.map((m) => str((m as Props | undefined)?.snapshotId) ?? "");
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
