/**
 * `alicloud:ecs/image:Image` (terraform-provider-alicloud v1.289.0
 * `alicloud/resource_alicloud_image.go`; names and value lists from @pulumi/alicloud 3.108 `ecs/image.d.ts`).
 */
import type { CreateImageRequest, SimulatedCloud } from "../model";
import {
  SKIP_VALIDATION_NOTE,
  checkSchema,
  enumFailure,
  str,
  tags,
  type CheckResult,
  type IsUnknown,
  type Props,
  type ServedResource,
} from "../served";
import {
  ResourceInitFailed,
  WaitTimeout,
  incrementalWait,
  isExpectedError,
  needRetry,
  retry,
  waitForState,
} from "../waits";

/** platform's StringInSlice (:163), the same list as 3.108's `image.d.ts` `platform`. */
export const IMAGE_PLATFORMS = [
  "Aliyun",
  "Anolis",
  "CentOS",
  "Ubuntu",
  "CoreOS",
  "SUSE",
  "Debian",
  "OpenSUSE",
  "FreeBSD",
  "RedHat",
  "Kylin",
  "UOS",
  "Fedora",
  "Fedora CoreOS",
  "CentOS Stream",
  "AlmaLinux",
  "Rocky Linux",
  "Gentoo",
  "Customized Linux",
  "Others Linux",
  "Windows Server 2022",
  "Windows Server 2019",
  "Windows Server 2016",
  "Windows Server 2012",
  "Windows Server 2008",
  "Windows Server 2003",
] as const;

/** The fields of one disk_device_mapping, each ForceNew (:62-97). */
const MAPPING_FIELDS = ["snapshotId", "size", "diskType", "device"] as const;

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
  enums: {
    architecture: { field: "architecture", values: ["i386", "x86_64", "arm64"] },
    platform: { field: "platform", values: IMAGE_PLATFORMS },
  },
  // architecture Default x86_64 (:38), force Default false (:133).
  defaults: { architecture: "x86_64", force: false },
  // ForceNew: architecture :37, disk_device_mapping :62 and each of its fields (disk_type :69,
  // snapshot_id :76, device :90, size :96), features.nvme_support :125, image_version :148,
  // platform :162. NOT ForceNew: instance_id (:150-153, and no Update branch: a silent no-op), the
  // top-level snapshot_id (:170-173, neither updated nor read back: a silent no-op).
  forceNew: {
    architecture: true,
    diskDeviceMappings: sameMappings,
    features: (old: unknown, input: unknown) => {
      const wanted = nvmeSupport(input);
      return wanted === undefined || wanted === nvmeSupport(old);
    },
    imageVersion: true,
    platform: true,
  },
  idPrefix: "m-",
  // Timeouts: Create, Update, Delete 10 minutes (:28-32).
  timeouts: { create: 10, update: 10, delete: 10 },

  check(news: Props, isUnknown: IsUnknown): CheckResult {
    return checkImage(image, news, isUnknown);
  },

  create(cloud, inputs, op) {
    // CreateImage retried on IncorrectInstanceStatus or NeedRetry, incrementalWait(3 s, 5 s) (:268-280).
    const retryable = (err: unknown) => needRetry(err) || isExpectedError(err, ["IncorrectInstanceStatus"]);
    // One ClientToken for every attempt (buildClientToken at :210, before the retry loop).
    const request = {
      ...imageRequest(inputs),
      clientToken: `CreateImage-${cloud.now().toISOString()}-${cloud.state.nextId}`,
    };
    const created = retry(cloud, { timeoutMs: op.timeoutMs, retryable, sleepMs: incrementalWait(3000, 5000) }, () =>
      cloud.createImage(request, op.idFor),
    );
    // Then waits for Usable=true, 10 s delay (:288-309; v1.285.0 waited for Status=Available).
    try {
      waitForState(cloud, {
        target: ["true"],
        refresh: () => (cloud.image(created.id) ? "true" : ""),
        timeoutMs: op.timeoutMs,
        delayMs: 10_000,
        where: { file: "resource_alicloud_image.go", line: 308, id: created.id },
      });
    } catch (err) {
      if (err instanceof WaitTimeout)
        throw new ResourceInitFailed(created.id, imageState(cloud, created.id, inputs) ?? {}, err);
      throw err;
    }
    return { id: created.id, state: imageState(cloud, created.id, inputs) as Props };
  },

  read(cloud, id, inputs) {
    return imageState(cloud, id, inputs);
  },

  update(cloud, id, olds, news, op) {
    // ModifyImageAttribute for description, name, image_name, image_family, boot_mode (:416-452);
    // instance_id and the top-level snapshot_id have no branch: changing them does nothing.
    retry(cloud, { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 5000) }, () =>
      cloud.modifyImage(id, {
        imageName: str(news.imageName) ?? str(news.name),
        description: str(news.description),
        tags: tags(news.tags) ?? {},
      }),
    );
    return { ...(imageState(cloud, id, news) as Props), snapshotId: olds.snapshotId, instanceId: olds.instanceId };
  },

  delete(cloud, id, _state, op) {
    retry(cloud, { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 5000) }, () =>
      cloud.deleteImage(id),
    );
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

/**
 * Every field of disk_device_mapping is ForceNew, and each is Optional+Computed: a field the
 * program gives must equal the state's; one it leaves out keeps what the cloud chose.
 */
function sameMappings(old: unknown, input: unknown): boolean {
  const olds = Array.isArray(old) ? (old as Props[]) : [];
  const news = Array.isArray(input) ? (input as Props[]) : [];
  if (olds.length !== news.length) return false;
  return news.every((m, i) =>
    MAPPING_FIELDS.every((f) => m?.[f] === undefined || m[f] === null || m[f] === olds[i]?.[f]),
  );
}

/** features.nvme_support, whether `features` is the bridge's object or a one-item list. */
function nvmeSupport(features: unknown): unknown {
  const f: unknown = Array.isArray(features) ? (features as unknown[])[0] : features;
  return f && typeof f === "object" ? (f as Props).nvmeSupport : undefined;
}

/** Check: the schema's, plus disk_device_mapping's disk_type (:70) and size (IntAtMost(32768), :97). */
function checkImage(resource: ServedResource, news: Props, isUnknown: IsUnknown): CheckResult {
  const result = checkSchema(resource, news, isUnknown);
  const mappings = Array.isArray(news.diskDeviceMappings) ? (news.diskDeviceMappings as Props[]) : [];
  mappings.forEach((m, i) => {
    const diskType = m?.diskType;
    if (diskType !== undefined && diskType !== null && !isUnknown(diskType)) {
      const failure = enumFailure(
        `diskDeviceMappings[${i}].diskType`,
        { field: `disk_device_mapping.${i}.disk_type`, values: ["system", "data"] },
        diskType,
      );
      if (failure) result.failures.push(failure);
    }
    const size = m?.size;
    if (typeof size === "number" && size > 32768)
      result.failures.push({
        property: `diskDeviceMappings[${i}].size`,
        reason: `expected disk_device_mapping.${i}.size to be at most (32768), got ${size} ${SKIP_VALIDATION_NOTE}`,
      });
  });
  return result;
}
