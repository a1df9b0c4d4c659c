/**
 * The provider's face of the simulated cloud, written once for both doors (Pulumi's mocks and
 * the stand-in provider plugin): the resources and invokes served, their input and output
 * names (those of @pulumi/alicloud 3.108), which inputs force a replacement, and how each
 * provider operation maps to the ECS calls of simulator/cloud.ts.
 *
 * Sources: @pulumi/alicloud 3.108 `ecs/*.d.ts` for names; terraform-provider-alicloud
 * `alicloud/resource_alicloud_ecs_snapshot.go`, `resource_alicloud_ecs_disk.go`,
 * `resource_alicloud_ecs_disk_attachment.go`, `resource_alicloud_image.go` for ForceNew and
 * Read; the data sources `data_source_alicloud_ecs_disks.go`, `data_source_alicloud_instances.go`
 * and `data_source_alicloud_ecs_snapshots.go` for the invokes (../shared/DOMAIN.md §3, §6).
 */
import type {
  CreateDiskRequest,
  CreateImageRequest,
  DescribeSnapshotsRequest,
  IdFor,
  SimSnapshot,
  SimulatedCloud,
} from "./cloud";

export const TOKENS = {
  getEcsDisks: "alicloud:ecs/getEcsDisks:getEcsDisks",
  getInstances: "alicloud:ecs/getInstances:getInstances",
  getEcsSnapshots: "alicloud:ecs/getEcsSnapshots:getEcsSnapshots",
  snapshot: "alicloud:ecs/ecsSnapshot:EcsSnapshot",
  disk: "alicloud:ecs/ecsDisk:EcsDisk",
  diskAttachment: "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment",
  image: "alicloud:ecs/image:Image",
  provider: "pulumi:providers:alicloud",
} as const;

/** DescribeDisks and DescribeInstances return at most this many items a page. */
export const PAGE_SIZE = 100;
export const MAX_INSTANCE_IDS = 100;
/**
 * getEcsSnapshots asks DescribeSnapshots for this many a page (`PageSizeLarge` in the provider's
 * alicloud/common.go), so N matching snapshots cost ceil(N/50) requests, at least one.
 */
export const SNAPSHOTS_PAGE_SIZE = 50;

/** The resource types the simulated provider serves. */
export const SERVED_RESOURCES: string[] = [TOKENS.snapshot, TOKENS.disk, TOKENS.diskAttachment, TOKENS.image];
/** The invokes the simulated provider serves. */
export const SERVED_INVOKES: string[] = [TOKENS.getEcsDisks, TOKENS.getInstances, TOKENS.getEcsSnapshots];

type Props = Record<string, unknown>;

/** A resource's ID and its outputs, as the provider returns them. */
export interface ResourceState {
  id: string;
  state: Props;
}

/**
 * Inputs whose change replaces the resource (ForceNew in terraform-provider-alicloud), with how
 * the old state and the new input are compared where a plain comparison would not do.
 */
export const FORCE_NEW: Record<string, Record<string, ((old: unknown, input: unknown) => boolean) | true>> = {
  // resource_alicloud_ecs_snapshot.go: disk_id and category are ForceNew; category is also
  // Computed ("standard" when not sent), so leaving it out is no change.
  [TOKENS.snapshot]: { diskId: true, category: true },
  // resource_alicloud_ecs_disk.go: snapshot_id, zone_id (availability_zone), encrypted, kms_key_id.
  [TOKENS.disk]: { snapshotId: true, zoneId: true, availabilityZone: true, encrypted: true, kmsKeyId: true },
  // resource_alicloud_ecs_disk_attachment.go: disk_id and instance_id.
  [TOKENS.diskAttachment]: { diskId: true, instanceId: true },
  // resource_alicloud_image.go: disk_device_mapping, instance_id and architecture are ForceNew; the
  // top-level snapshot_id is neither ForceNew nor updated (a silent no-op, DOMAIN.md §3).
  [TOKENS.image]: {
    diskDeviceMappings: (old, input) => sameList(mappedSnapshotIds(old), mappedSnapshotIds(input)),
    instanceId: true,
    architecture: true,
  },
};

/** The input names each resource accepts (its Args in @pulumi/alicloud); anything else is refused by Check. */
export const INPUT_NAMES: Record<string, string[]> = {
  [TOKENS.snapshot]: [
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
  [TOKENS.disk]: [
    "advancedFeatures",
    "availabilityZone",
    "burstingEnabled",
    "category",
    "deleteAutoSnapshot",
    "deleteWithInstance",
    "description",
    "diskName",
    "dryRun",
    "enableAutoSnapshot",
    "encryptAlgorithm",
    "encrypted",
    "instanceId",
    "kmsKeyId",
    "multiAttach",
    "name",
    "paymentType",
    "performanceLevel",
    "provisionedIops",
    "resourceGroupId",
    "size",
    "snapshotId",
    "storageSetId",
    "storageSetPartitionNumber",
    "tags",
    "type",
    "zoneId",
  ],
  [TOKENS.diskAttachment]: ["bootable", "deleteWithInstance", "diskId", "instanceId", "keyPairName", "password"],
  [TOKENS.image]: [
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
};

/** The inputs of `news` that force a replacement of a resource whose state is `olds`. */
export function replacedBy(type: string, olds: Props, news: Props, isUnknown: (v: unknown) => boolean): string[] {
  const rules = FORCE_NEW[type] ?? {};
  return Object.entries(rules).flatMap(([key, same]) => {
    const input = news[key];
    // Optional+Computed inputs left out keep what the cloud chose.
    if (input === undefined) return [];
    // An input not known yet may change the value: the bridge plans a replacement.
    if (isUnknown(input) || containsUnknown(input, isUnknown)) return [key];
    const equal = same === true ? deepEqual(olds[key], input) : same(olds[key], input);
    return equal ? [] : [key];
  });
}

/** Creates a resource in the cloud from its Pulumi inputs; throws ECS's refusal as an EcsError. */
export function createResource(cloud: SimulatedCloud, type: string, inputs: Props, idFor?: IdFor): ResourceState {
  switch (type) {
    case TOKENS.snapshot: {
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
    }
    case TOKENS.disk: {
      const d = cloud.createDisk(diskRequest(inputs), idFor);
      return { id: d.id, state: diskState(cloud, d.id, inputs) };
    }
    case TOKENS.diskAttachment: {
      const a = cloud.attachDisk(str(inputs.diskId) ?? "", str(inputs.instanceId) ?? "");
      return { id: a.id, state: { ...inputs, diskId: a.diskId, instanceId: a.instanceId, device: a.device } };
    }
    case TOKENS.image: {
      const image = cloud.createImage(imageRequest(inputs), idFor);
      return { id: image.id, state: imageState(cloud, image.id, inputs) as Props };
    }
    default:
      throw notServed("resource", type);
  }
}

/**
 * Reads a resource back (refresh). `undefined` when the cloud no longer has it: the provider
 * then clears the ID (`d.SetId("")` in each Read), and the engine drops it from the state.
 */
export function readResource(cloud: SimulatedCloud, type: string, id: string, inputs: Props): Props | undefined {
  switch (type) {
    case TOKENS.snapshot: {
      const s = cloud.snapshot(id);
      return s && snapshotState(cloud, s, inputs);
    }
    case TOKENS.disk:
      return cloud.disk(id) && diskState(cloud, id, inputs);
    case TOKENS.diskAttachment: {
      const a = cloud.attachment(id);
      return a && { ...inputs, diskId: a.diskId, instanceId: a.instanceId, device: a.device };
    }
    case TOKENS.image:
      return imageState(cloud, id, inputs);
    default:
      throw notServed("resource", type);
  }
}

/** Updates what the provider updates in place (every input that does not force a replacement). */
export function updateResource(cloud: SimulatedCloud, type: string, id: string, olds: Props, news: Props): Props {
  switch (type) {
    case TOKENS.snapshot: {
      const snap = cloud.modifySnapshot(id, {
        snapshotName: str(news.snapshotName) ?? str(news.name),
        description: str(news.description),
        retentionDays: news.retentionDays === undefined ? undefined : num(news.retentionDays),
        tags: tags(news.tags) ?? {},
        resourceGroupId: str(news.resourceGroupId),
      });
      return snapshotState(cloud, snap, news);
    }
    case TOKENS.disk: {
      const d = cloud.disk(id);
      if (!d) throw new Error(`InvalidDiskId.NotFound: The specified disk ${id} does not exist.`);
      const size = num(news.size);
      // ModifyDiskAttribute (name, description), ResizeDisk, ModifyDiskSpec (category, PL), tags.
      if (news.diskName !== d.diskName || news.description !== d.description) cloud.call("ModifyDiskAttribute");
      if (size !== undefined && size !== null && size !== d.size) cloud.call("ResizeDisk");
      if (news.performanceLevel !== d.performanceLevel || news.category !== d.category) cloud.call("ModifyDiskSpec");
      cloud.call(Object.keys(tags(news.tags) ?? {}).length > 0 ? "TagResources" : "UntagResources");
      // ResizeDisk: a disk only grows.
      if (size !== undefined && size !== null && size < d.size)
        throw new Error(`InvalidDiskSize.TooSmall: disk ${id} is ${d.size} GiB; it can only grow, not to ${size} GiB.`);
      Object.assign(d, {
        size: size ?? d.size,
        diskName: str(news.diskName) ?? d.diskName,
        description: str(news.description) ?? d.description,
        performanceLevel: str(news.performanceLevel) ?? d.performanceLevel,
        category: str(news.category) ?? d.category,
        tags: tags(news.tags) ?? {},
      });
      return diskState(cloud, id, news);
    }
    case TOKENS.image: {
      const image = cloud.image(id);
      if (!image) throw new Error(`InvalidImageId.NotFound: The specified image ${id} does not exist.`);
      cloud.call("ModifyImageAttribute");
      cloud.call(Object.keys(tags(news.tags) ?? {}).length > 0 ? "TagResources" : "UntagResources");
      Object.assign(image, {
        imageName: str(news.imageName) ?? str(news.name) ?? image.imageName,
        description: str(news.description) ?? image.description,
        platform: str(news.platform) ?? image.platform,
        tags: tags(news.tags) ?? {},
      });
      // The top-level snapshotId is read back as it was: changing it does nothing (DOMAIN.md §3).
      return { ...(imageState(cloud, id, news) as Props), snapshotId: olds.snapshotId };
    }
    default:
      throw new Error(`${type} has no input that updates in place; every change replaces it.`);
  }
}

/** Deletes a resource; an attachment detaches the disk. */
export function deleteResource(cloud: SimulatedCloud, type: string, id: string, state: Props): void {
  switch (type) {
    case TOKENS.snapshot:
      // Already released by ECS: the provider treats NotFound on delete as done.
      if (!cloud.snapshot(id)) return;
      return cloud.deleteSnapshot(id, state.force === true);
    case TOKENS.disk:
      return cloud.deleteDisk(id);
    case TOKENS.diskAttachment:
      return cloud.detachDisk(str(state.diskId) ?? "", str(state.instanceId) ?? "");
    case TOKENS.image:
      return cloud.deleteImage(id);
    default:
      throw notServed("resource", type);
  }
}

/** Answers an invoke as the provider's data source does. */
export function answerInvoke(cloud: SimulatedCloud, token: string, inputs: Props): Props {
  if (token === TOKENS.getEcsDisks) {
    cloud.call("DescribeDisks");
    if (inputs.pageNumber !== undefined)
      throw new Error("the simulator does not answer getEcsDisks with pageNumber (it disables the ids filter)");
    // The provider pages through every disk of the region and filters the IDs itself.
    const ids = inputs.ids as string[] | undefined;
    const all = cloud.state.disks;
    const disks = ids ? ids.flatMap((id) => all.find((d) => d.id === id) ?? []) : [...all];
    return {
      id: cloud.regionId,
      ids: disks.map((d) => d.id),
      names: disks.map((d) => d.diskName),
      disks,
      totalCount: disks.length,
    };
  }
  if (token === TOKENS.getInstances) {
    cloud.call("DescribeInstances");
    // With enableDetails (the data source's default) it also reads every disk and the RAM role.
    if (inputs.enableDetails !== false) {
      cloud.call("DescribeDisks");
      cloud.call("DescribeInstanceRamRole");
    }
    const ids = inputs.ids as string[] | undefined;
    if (ids && ids.length > MAX_INSTANCE_IDS) {
      throw new Error(
        `InvalidInstanceIds.ValueNotSupported: DescribeInstances takes at most ${MAX_INSTANCE_IDS} instance IDs; got ${ids.length}`,
      );
    }
    const all = cloud.state.instances;
    const instances = ids ? ids.flatMap((id) => all.find((i) => i.id === id) ?? []) : [...all];
    return {
      id: cloud.regionId,
      ids: instances.map((i) => i.id),
      names: instances.map((i) => i.name),
      instances,
      totalCount: instances.length,
    };
  }
  if (token === TOKENS.getEcsSnapshots) return getEcsSnapshots(cloud, inputs);
  throw notServed("invoke", token);
}

/** The values the data source's schema accepts (validation.StringInSlice), by input. */
const SNAPSHOTS_ENUMS: Record<string, { field: string; values: string[] }> = {
  category: { field: "category", values: ["flash", "standard"] },
  snapshotType: { field: "snapshot_type", values: ["auto", "user", "all"] },
  sourceDiskType: { field: "source_disk_type", values: ["System", "Data"] },
  status: { field: "status", values: ["accomplished", "failed", "progressing", "all"] },
  usage: { field: "usage", values: ["image", "disk", "image_disk", "none"] },
};

/** Tag keys the provider leaves out of what it reads (`ignoredTags` in the provider's common code). */
const IGNORED_TAG_KEY = /^(aliyun|acs:|http:\/\/|https:\/\/)/;

/**
 * getEcsSnapshots as data_source_alicloud_ecs_snapshots.go: the filters go to DescribeSnapshots
 * (`type` wins over `snapshotType`, whose default is `all`), the provider pages until a page is
 * short or has no NextToken, then keeps the `ids` and the names matching `nameRegex` itself.
 */
function getEcsSnapshots(cloud: SimulatedCloud, inputs: Props): Props {
  const invalid = Object.entries(SNAPSHOTS_ENUMS).flatMap(([key, { field, values }]) => {
    const v = inputs[key];
    return v === undefined || (typeof v === "string" && values.includes(v))
      ? []
      : [
          `${key}: expected ${field} to be one of [${values.map((x) => `"${x}"`).join(" ")}], got ${typeof v === "string" ? v : JSON.stringify(v)}`,
        ];
  });
  if (invalid.length > 0) throw new Error(`invalid arguments for getEcsSnapshots: ${invalid.join("; ")}`);
  if (inputs.dryRun === true || str(inputs.snapshotLinkId))
    throw new Error("the simulator does not answer getEcsSnapshots with dryRun or snapshotLinkId (not modelled)");
  let nameRegex: RegExp | undefined;
  if (str(inputs.nameRegex)) {
    try {
      // Go's RE2 and JavaScript agree on the plain patterns a name filter uses.
      nameRegex = new RegExp(str(inputs.nameRegex) ?? "");
    } catch (err) {
      throw new Error(`nameRegex ${JSON.stringify(inputs.nameRegex)} is not a regular expression: ${String(err)}`);
    }
  }
  const wantedIds = Array.isArray(inputs.ids) ? new Set(inputs.ids as string[]) : new Set<string>();
  // d.GetOk: an empty string or map is not sent; d.GetOkExists: `encrypted: false` is.
  const given = (k: string) => str(inputs[k]) || undefined;
  const inputTags = tags(inputs.tags);
  const req: DescribeSnapshotsRequest = {
    category: given("category"),
    encrypted: typeof inputs.encrypted === "boolean" ? inputs.encrypted : undefined,
    kmsKeyId: given("kmsKeyId"),
    resourceGroupId: given("resourceGroupId"),
    snapshotName: given("snapshotName"),
    snapshotType: given("type") ?? given("snapshotType") ?? "all",
    sourceDiskType: given("sourceDiskType"),
    status: given("status"),
    tags: inputTags && Object.keys(inputTags).length > 0 ? inputTags : undefined,
    usage: given("usage"),
  };
  const found: SimSnapshot[] = [];
  for (let page = 1; ; page++) {
    const { snapshots, nextToken } = cloud.describeSnapshots(req, page, SNAPSHOTS_PAGE_SIZE);
    found.push(
      ...snapshots.filter(
        (s) => (!nameRegex || nameRegex.test(s.snapshotName)) && (wantedIds.size === 0 || wantedIds.has(s.id)),
      ),
    );
    if (snapshots.length < SNAPSHOTS_PAGE_SIZE || !nextToken) break;
  }
  const usages = cloud.snapshotUsages();
  const snapshots = found.map((s) => snapshotItem(s, usages.get(s.id) ?? "none"));
  const ids = found.map((s) => s.id);
  return { id: idsHash(ids), ids, names: found.map((s) => s.snapshotName), snapshots };
}

/**
 * One item of getEcsSnapshots, every field of `GetEcsSnapshotsSnapshot`, mapped as the data
 * source maps DescribeSnapshots' response (integers through `formatInt`: absent is 0).
 */
function snapshotItem(s: SimSnapshot, usage: string): Props {
  return {
    category: s.category,
    creationTime: s.createTime,
    description: s.description,
    diskId: s.sourceDiskId,
    encrypted: s.encrypted,
    id: s.id,
    instantAccess: s.instantAccess,
    // Not reported for the instant access that ESSD-series snapshots have had by default since
    // 2023-10-12 (help doc 193667): formatInt(nil) is 0 (unverified against a live response).
    instantAccessRetentionDays: 0,
    name: s.snapshotName,
    // Only snapshots of Alibaba Cloud Marketplace images have one.
    productCode: "",
    // A percentage (snapshot data type reference); the model does not follow an upload's progress.
    progress: s.status === "accomplished" ? "100%" : "0%",
    // Seconds left of a progressing snapshot's creation; not modelled.
    remainTime: 0,
    resourceGroupId: s.resourceGroupId,
    // A snapshot kept until deleted has no RetentionDays: formatInt(nil) is 0.
    retentionDays: s.retentionDays ?? 0,
    snapshotId: s.id,
    snapshotName: s.snapshotName,
    snapshotSn: snapshotSn(s.id),
    snapshotType: s.snapshotType,
    sourceDiskId: s.sourceDiskId,
    // A string in the provider's schema (TypeString).
    sourceDiskSize: String(s.sourceDiskSize),
    // The snapshot data type reference (doc 25641) lists System and Data, as the filter takes them.
    sourceDiskType: s.sourceDiskType === "system" ? "System" : "Data",
    sourceStorageType: "disk",
    status: s.status,
    tags: Object.fromEntries(Object.entries(s.tags).filter(([k]) => !IGNORED_TAG_KEY.test(k))),
    type: s.snapshotType,
    usage,
  };
}

/** A serial number as ECS shows one (`64472-116742336-61576`), stable for an ID. */
function snapshotSn(id: string): string {
  const h = fnv(id);
  return `${h % 100000}-${h}-${fnv(`${id}/sn`) % 100000}`;
}

/** The data source's ID: a hash of the IDs found (the provider's dataResourceIdHash). */
function idsHash(ids: string[]): string {
  return String(fnv(ids.join("")));
}

function fnv(text: string): number {
  let hash = 2166136261;
  for (const ch of text) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

/** DescribeDisks requests for one scan of the region. */
export function pagesPerDiskScan(cloud: SimulatedCloud): number {
  return Math.max(1, Math.ceil((cloud.state.disks.length + (cloud.state.otherDisksInRegion ?? 0)) / PAGE_SIZE));
}

/** The same name always gets the same ID, so repeated mock runs compare equal. */
export function stableId(type: string, name: string): string {
  return `${ID_PREFIX[type] ?? "id-"}sim${fnv(`${type}/${name}`).toString(36)}`;
}

const ID_PREFIX: Record<string, string> = { [TOKENS.snapshot]: "s-", [TOKENS.disk]: "d-", [TOKENS.image]: "m-" };

function notServed(kind: "resource" | "invoke", token: string): Error {
  const served = kind === "resource" ? SERVED_RESOURCES : SERVED_INVOKES;
  return new Error(
    `The simulated alicloud provider does not serve the ${kind} ${token}; it serves ${served.join(", ")}. Use the real provider for it, or add it to simulator/resources.ts.`,
  );
}

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

function diskRequest(inputs: Props): CreateDiskRequest {
  return {
    snapshotId: str(inputs.snapshotId),
    size: num(inputs.size) ?? undefined,
    zoneId: str(inputs.zoneId) ?? str(inputs.availabilityZone),
    category: str(inputs.category),
    performanceLevel: str(inputs.performanceLevel),
    encrypted: typeof inputs.encrypted === "boolean" ? inputs.encrypted : undefined,
    kmsKeyId: str(inputs.kmsKeyId),
    diskName: str(inputs.diskName) ?? str(inputs.name),
    description: str(inputs.description),
    tags: tags(inputs.tags),
    resourceGroupId: str(inputs.resourceGroupId),
  };
}

function diskState(cloud: SimulatedCloud, id: string, inputs: Props): Props {
  const d = cloud.disk(id);
  if (!d) return { ...inputs };
  return {
    ...inputs,
    category: d.category,
    size: d.size,
    zoneId: d.zoneId,
    availabilityZone: d.zoneId,
    encrypted: d.encrypted === "on",
    kmsKeyId: d.kmsKeyId,
    diskName: d.diskName,
    name: d.diskName,
    description: d.description,
    performanceLevel: d.performanceLevel,
    // The provider reads snapshot_id back from SourceSnapshotId, even once the snapshot is released.
    snapshotId: d.snapshotId,
    status: d.status,
    tags: d.tags,
    regionId: cloud.regionId,
    paymentType: d.paymentType,
    resourceGroupId: d.resourceGroupId,
    createTime: d.creationTime,
  };
}

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
  const image = cloud.image(id);
  if (!image) return undefined;
  const sizes = image.snapshotIds.map((sid) => cloud.state.snapshots.find((s) => s.id === sid)?.sourceDiskSize ?? 0);
  return {
    ...inputs,
    imageName: image.imageName,
    name: image.imageName,
    architecture: image.architecture,
    platform: image.platform,
    description: image.description,
    tags: image.tags,
    resourceGroupId: image.resourceGroupId,
    status: image.status,
    createTime: image.createTime,
    usable: true,
    diskDeviceMappings: Array.isArray(inputs.diskDeviceMappings)
      ? image.snapshotIds.map((snapshotId, i) => ({
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

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function num(v: unknown): number | null | undefined {
  if (v === null) return null;
  return typeof v === "number" ? v : undefined;
}

function tags(v: unknown): Record<string, string> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string>) : undefined;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function containsUnknown(v: unknown, isUnknown: (v: unknown) => boolean): boolean {
  if (Array.isArray(v)) return v.some((x) => isUnknown(x) || containsUnknown(x, isUnknown));
  if (v && typeof v === "object") return Object.values(v).some((x) => isUnknown(x) || containsUnknown(x, isUnknown));
  return false;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
