/**
 * The simulated cloud: one region of ECS, with its disks, instances, snapshots, images and
 * attachments, a clock, and ECS's own refusals with ECS's error codes. It is the one model
 * behind every door: Pulumi's mocks (simulator/doors/mocks.ts: unit tests, offline preview,
 * bench) and the stand-in provider plugin (simulator/doors/provider.ts: the real engine). Every
 * ECS rule, a state change or a refusal, is here, and refuses with {@link EcsError}; the doors
 * and the served resources only translate.
 *
 * It knows nothing of the component: its rules are ECS's, written from the ECS API reference
 * (CreateSnapshot, CreateDisk, CreateImage, DeleteSnapshot, ModifySnapshotAttribute) and
 * terraform-provider-alicloud (`alicloud/resource_alicloud_ecs_*.go`), each with its source
 * beside it. Where the reference names no error code, the code used here says `(code
 * unverified)` in its message.
 */
import { systemClock, type Clock } from "./clock";
import { EcsError } from "./errors";
import {
  ESSD_SERIES_CATEGORIES,
  MAX_INSTANCE_IDS,
  MAX_MANUAL_SNAPSHOTS_PER_DISK,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  PAGE_SIZE,
} from "./limits";
import { diskRecord } from "./records";
import type {
  AccountSpec,
  CloudState,
  CreateDiskRequest,
  CreateImageRequest,
  CreateSnapshotRequest,
  DescribeSnapshotsRequest,
  IdFor,
  ModifyDiskRequest,
  ModifyImageRequest,
  ModifySnapshotRequest,
  SimAttachment,
  SimDisk,
  SimImage,
  SimInstance,
  SimSnapshot,
  SnapshotPage,
  SnapshotUsage,
} from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

export class SimulatedCloud {
  /** The ECS API actions called on this cloud object, in order (not kept in the state file). */
  readonly calls: string[] = [];

  constructor(
    readonly state: CloudState,
    /** The cloud's clock: ECS releases snapshots whose retention has ended by then. */
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * A fresh cloud holding an account's disks, instances and the snapshots made outside the
   * program (released on the first read if their retention has ended by then, as any other).
   */
  static fromAccount(spec: AccountSpec, clock?: Clock): SimulatedCloud {
    return new SimulatedCloud(
      {
        regionId: spec.regionId,
        otherDisksInRegion: spec.otherDisksInRegion,
        disks: [...spec.disks],
        instances: [...spec.instances],
        snapshots: (spec.snapshots ?? []).map((s) => ({ ...s, tags: { ...s.tags } })),
        images: [],
        attachments: [],
        released: [],
        nextId: 1,
        recovery: {
          regions: Object.fromEntries((spec.copyRegions ?? []).map((r) => [r, { snapshots: [] }])),
          resets: [],
        },
      },
      clock,
    );
  }

  get regionId(): string {
    return this.state.regionId;
  }

  now(): Date {
    return this.clock();
  }

  // ---- reads (DescribeDisks, DescribeInstances, DescribeSnapshots, DescribeImages) ----

  disk(id: string): SimDisk | undefined {
    this.call("DescribeDisks");
    return this.state.disks.find((d) => d.id === id);
  }

  instance(id: string): SimInstance | undefined {
    this.call("DescribeInstances");
    return this.state.instances.find((i) => i.id === id);
  }

  snapshot(id: string): SimSnapshot | undefined {
    this.call("DescribeSnapshots");
    this.releaseExpired();
    return this.state.snapshots.find((s) => s.id === id);
  }

  image(id: string): SimImage | undefined {
    this.call("DescribeImages");
    return this.state.images.find((i) => i.id === id);
  }

  attachment(id: string): SimAttachment | undefined {
    this.call("DescribeDisks");
    return this.state.attachments.find((a) => a.id === id);
  }

  /** DescribeDisks over the whole region (the provider's scan): every disk, in the region's order. */
  describeDisks(): SimDisk[] {
    this.call("DescribeDisks");
    return [...this.state.disks];
  }

  /** DescribeDisks requests for one scan of the region, {@link PAGE_SIZE} a page. */
  pagesPerDiskScan(): number {
    return Math.max(1, Math.ceil((this.state.disks.length + (this.state.otherDisksInRegion ?? 0)) / PAGE_SIZE));
  }

  /**
   * DescribeInstances: the instances with the given IDs, in their order (unknown IDs are left
   * out), or every instance; at most {@link MAX_INSTANCE_IDS} IDs a request.
   */
  describeInstances(ids?: string[]): SimInstance[] {
    this.call("DescribeInstances");
    if (ids && ids.length > MAX_INSTANCE_IDS)
      throw new EcsError(
        "InvalidInstanceIds.ValueNotSupported",
        `DescribeInstances takes at most ${MAX_INSTANCE_IDS} instance IDs; got ${ids.length}`,
      );
    const all = this.state.instances;
    return ids ? ids.flatMap((id) => all.find((i) => i.id === id) ?? []) : [...all];
  }

  /** DescribeInstanceRamRole: the RAM role of every instance (empty when it has none). */
  describeInstanceRamRole(): { instanceId: string; ramRoleName: string }[] {
    this.call("DescribeInstanceRamRole");
    return this.state.instances.map((i) => ({ instanceId: i.id, ramRoleName: i.ramRoleName }));
  }

  /**
   * The sizes DescribeImages reports in an image's DiskDeviceMappings: each snapshot's source
   * disk size, in the image's order (0 once the snapshot is gone).
   */
  imageDiskSizes(image: SimImage): number[] {
    return image.snapshotIds.map((sid) => this.state.snapshots.find((s) => s.id === sid)?.sourceDiskSize ?? 0);
  }

  snapshots(): SimSnapshot[] {
    this.releaseExpired();
    return [...this.state.snapshots];
  }

  /**
   * DescribeSnapshots, one page (PageNumber from 1, PageSize items): the alive snapshots that
   * match every filter, oldest first. `nextToken` is empty on the last page (ECS returns
   * NextToken when MaxResults is sent; that it is empty on a last page that is full is assumed,
   * not verified).
   */
  describeSnapshots(req: DescribeSnapshotsRequest, pageNumber: number, pageSize: number): SnapshotPage {
    this.call("DescribeSnapshots");
    this.releaseExpired();
    const type = req.snapshotType ?? "all";
    if (!["auto", "user", "all"].includes(type))
      throw new EcsError(
        "InvalidSnapshotType.ValueNotSupported",
        `SnapshotType must be auto, user or all; got ${type} (code unverified).`,
      );
    const usage = this.snapshotUsages();
    const wanted = Object.entries(req.tags ?? {});
    const matching = this.state.snapshots.filter(
      (s) =>
        (type === "all" || s.snapshotType === type) &&
        (req.category === undefined || s.category === req.category) &&
        (req.encrypted === undefined || s.encrypted === req.encrypted) &&
        (req.kmsKeyId === undefined || (s.kmsKeyId ?? "") === req.kmsKeyId) &&
        (req.resourceGroupId === undefined || s.resourceGroupId === req.resourceGroupId) &&
        (req.snapshotName === undefined || s.snapshotName === req.snapshotName) &&
        // The request says System/Data; the model keeps the disks' system/data.
        (req.sourceDiskType === undefined || s.sourceDiskType.toLowerCase() === req.sourceDiskType.toLowerCase()) &&
        (req.status === undefined || req.status === "all" || s.status === req.status) &&
        (req.usage === undefined || (usage.get(s.id) ?? "none") === req.usage) &&
        wanted.every(([k, v]) => s.tags[k] === v),
    );
    const start = (pageNumber - 1) * pageSize;
    const end = start + pageSize;
    return { snapshots: matching.slice(start, end), nextToken: end < matching.length ? `page-${pageNumber + 1}` : "" };
  }

  /** DescribeSnapshots Usage of every snapshot used by an image or a disk; the others are `none`. */
  snapshotUsages(): Map<string, SnapshotUsage> {
    const byImage = new Set(this.state.images.flatMap((i) => i.snapshotIds));
    const byDisk = new Set(this.state.disks.map((d) => d.snapshotId).filter((id) => id));
    const usages = new Map<string, SnapshotUsage>();
    for (const id of new Set([...byImage, ...byDisk]))
      usages.set(id, byImage.has(id) && byDisk.has(id) ? "image_disk" : byImage.has(id) ? "image" : "disk");
    return usages;
  }

  /**
   * ECS releases a snapshot when its retention period has ended (CreateSnapshot RetentionDays:
   * "the snapshot is automatically released when its retention period expires").
   */
  releaseExpired(): void {
    const now = this.now().getTime();
    const keep: SimSnapshot[] = [];
    for (const s of this.state.snapshots) {
      const ends = s.retentionDays === null ? Infinity : Date.parse(s.createTime) + s.retentionDays * DAY_MS;
      if (ends <= now) {
        this.state.released.push({
          id: s.id,
          releasedAt: new Date(ends).toISOString(),
          reason: `retention of ${s.retentionDays} days ended`,
        });
      } else keep.push(s);
    }
    this.state.snapshots = keep;
  }

  // ---- CreateSnapshot, ModifySnapshotAttribute, DeleteSnapshot ----

  /** CreateSnapshot, with every refusal the API reference lists for the disk and its instance. */
  createSnapshot(req: CreateSnapshotRequest, idFor?: IdFor): SimSnapshot {
    this.call("CreateSnapshot");
    this.releaseExpired();
    const d = this.disk(req.diskId);
    if (!d) throw new EcsError("InvalidDiskId.NotFound", `The specified disk ${req.diskId} does not exist.`);
    // Category=flash: legacy local snapshots, cloud_essd only, unencrypted only (product page).
    if (req.category !== undefined && req.category !== "standard" && req.category !== "flash")
      throw new EcsError("InvalidParameter.Category", `Category must be standard or flash; got ${req.category}.`);
    if (req.category === "flash" && d.category !== "cloud_essd")
      throw new EcsError(
        "OperationDenied.DiskCategory",
        `A local snapshot (Category=flash) is supported only for cloud_essd disks; disk ${d.id} is ${d.category} (code unverified).`,
      );
    if (req.category === "flash" && d.encrypted === "on")
      throw new EcsError(
        "OperationDenied.EncryptedDisk",
        `A local snapshot (Category=flash) is not supported for encrypted disk ${d.id} (code unverified).`,
      );
    const locks = (d.operationLocks ?? []).map((l) => l.lockReason);
    if (locks.includes("security"))
      throw new EcsError("InstanceLockedForSecurity", `The disk ${d.id} is locked for security reasons.`);
    if (d.status === "Available" && !d.attachedTime && !d.detachedTime)
      throw new EcsError(
        "IncorrectDiskStatus.NeverAttached",
        `The disk ${d.id} has never been attached to an instance.`,
      );
    if (d.status !== "In_use" && d.status !== "Available")
      throw new EcsError(
        "IncorrectDiskStatus",
        `The current status of disk ${d.id} (${d.status}) does not support this operation.`,
      );
    if (d.status === "In_use" && d.instanceId) {
      const inst = this.instance(d.instanceId);
      if (!inst || (inst.status !== "Running" && inst.status !== "Stopped"))
        throw new EcsError(
          "IncorrectInstanceStatus",
          `The current status of instance ${d.instanceId} (${inst?.status ?? "not found"}) does not support this operation.`,
        );
    }
    const manual = this.state.snapshots.filter((s) => s.sourceDiskId === d.id && s.snapshotType === "user").length;
    if (manual >= MAX_MANUAL_SNAPSHOTS_PER_DISK)
      throw new EcsError(
        "QuotaExceed.Snapshot",
        `The disk ${d.id} already has ${manual} manual snapshots; the maximum is ${MAX_MANUAL_SNAPSHOTS_PER_DISK}.`,
      );
    if (
      req.retentionDays !== undefined &&
      req.retentionDays !== null &&
      !(req.retentionDays >= MIN_RETENTION_DAYS && req.retentionDays <= MAX_RETENTION_DAYS)
    )
      throw new EcsError(
        "InvalidRetentionDays.Malformed",
        `RetentionDays must be ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}; got ${req.retentionDays}.`,
      );
    const instantAccess = ESSD_SERIES_CATEGORIES.includes(d.category);
    const snap: SimSnapshot = {
      id: idFor?.("s-") ?? this.newId("s-"),
      sourceDiskId: d.id,
      sourceDiskSize: d.size,
      sourceDiskType: d.type || d.diskType,
      encrypted: d.encrypted === "on",
      kmsKeyId: d.kmsKeyId,
      category: req.category ?? "standard",
      instantAccess,
      // Instant access: usable at once while the upload runs in the background.
      status: "progressing",
      available: instantAccess,
      retentionDays: req.retentionDays ?? null,
      createTime: this.now().toISOString(),
      snapshotName: req.snapshotName ?? "",
      description: req.description ?? "",
      tags: { ...req.tags },
      resourceGroupId: req.resourceGroupId ?? "rg-default",
      snapshotType: "user",
    };
    this.state.snapshots.push(snap);
    return snap;
  }

  /** The upload finished: what the provider waits for with `waitUntil: "accomplished"`. */
  accomplish(id: string): SimSnapshot {
    const s = this.requireSnapshot(id);
    s.status = "accomplished";
    s.available = true;
    return s;
  }

  /** ModifySnapshotAttribute (name, description, retention), TagResources, JoinResourceGroup. */
  modifySnapshot(id: string, req: ModifySnapshotRequest): SimSnapshot {
    const s = this.requireSnapshot(id);
    if (req.snapshotName !== undefined || req.description !== undefined || req.retentionDays !== undefined)
      this.call("ModifySnapshotAttribute");
    if (req.tags !== undefined) this.call(Object.keys(req.tags).length > 0 ? "TagResources" : "UntagResources");
    if (req.resourceGroupId !== undefined && req.resourceGroupId !== s.resourceGroupId) this.call("JoinResourceGroup");
    if (req.retentionDays !== undefined && req.retentionDays !== s.retentionDays) {
      // Retention can only be extended (ModifySnapshotAttribute RetentionDays).
      const shorter =
        req.retentionDays === null ? false : s.retentionDays === null || req.retentionDays < s.retentionDays;
      if (shorter)
        throw new EcsError(
          "InvalidRetentionDays.Shortened",
          `The retention of snapshot ${id} can only be extended: it is ${s.retentionDays ?? "unlimited"} days, asked ${req.retentionDays} (code unverified).`,
        );
      s.retentionDays = req.retentionDays;
    }
    if (req.snapshotName !== undefined) s.snapshotName = req.snapshotName;
    if (req.description !== undefined) s.description = req.description;
    if (req.tags !== undefined) s.tags = { ...req.tags };
    if (req.resourceGroupId !== undefined) s.resourceGroupId = req.resourceGroupId;
    return s;
  }

  /**
   * DeleteSnapshot: refused while an image uses the snapshot (SnapshotCreatedImage), and while a
   * disk made from it exists unless `force` (SnapshotCreatedDisk).
   */
  deleteSnapshot(id: string, force: boolean): void {
    const s = this.requireSnapshot(id);
    this.call("DeleteSnapshot");
    const image = this.state.images.find((i) => i.snapshotIds.includes(id));
    if (image)
      throw new EcsError(
        "SnapshotCreatedImage",
        `The snapshot ${id} has been used to create image ${image.id}; delete the image first.`,
      );
    const disk = this.state.disks.find((d) => d.snapshotId === id);
    if (disk && !force)
      throw new EcsError(
        "SnapshotCreatedDisk",
        `The snapshot ${id} has been used to create disk ${disk.id}; set Force to delete it anyway.`,
      );
    this.state.snapshots = this.state.snapshots.filter((x) => x !== s);
  }

  // ---- CreateDisk, AttachDisk, DetachDisk, DeleteDisk ----

  /** CreateDisk: a disk made from a snapshot is at least as large as the snapshot's disk. */
  createDisk(req: CreateDiskRequest, idFor?: IdFor): SimDisk {
    this.call("CreateDisk");
    this.releaseExpired();
    const category = req.category ?? "cloud_efficiency";
    let size = req.size;
    let encrypted = req.encrypted ?? false;
    if (req.snapshotId) {
      const s = this.snapshot(req.snapshotId);
      if (!s)
        throw new EcsError("InvalidSnapshotId.NotFound", `The specified snapshot ${req.snapshotId} does not exist.`);
      if (!s.available) throw new EcsError("InvalidSnapshotId.NotReady", `The snapshot ${s.id} is not available yet.`);
      if (size !== undefined && size < s.sourceDiskSize)
        throw new EcsError(
          "InvalidDiskSize.TooSmall",
          `The disk size ${size} GiB is smaller than the snapshot's ${s.sourceDiskSize} GiB.`,
        );
      // An instant-access snapshot still uploading makes ESSD-series disks only.
      if (s.instantAccess && s.status !== "accomplished" && !ESSD_SERIES_CATEGORIES.includes(category))
        throw new EcsError(
          "InvalidDiskCategory.NotSupported",
          `A disk made from snapshot ${s.id} while its upload runs must be ESSD-series; got ${category} (code unverified).`,
        );
      if (s.encrypted && req.encrypted === false)
        throw new EcsError(
          "InvalidParameter.Encrypted",
          `A disk made from encrypted snapshot ${s.id} must be encrypted (code unverified).`,
        );
      size ??= s.sourceDiskSize;
      encrypted ||= s.encrypted;
    }
    if (size === undefined)
      throw new EcsError("MissingParameter.Size", "Size is required for a disk made without a snapshot.");
    const id = idFor?.("d-") ?? this.newId("d-");
    const created = diskRecord(id, {
      diskName: req.diskName ?? "",
      name: req.diskName ?? "",
      description: req.description ?? "",
      category,
      performanceLevel: req.performanceLevel ?? (category === "cloud_essd" ? "PL1" : ""),
      size,
      zoneId: req.zoneId ?? "",
      encrypted: encrypted ? "on" : "off",
      kmsKeyId: req.kmsKeyId ?? "",
      regionId: this.regionId,
      status: "Available",
      attachedTime: "",
      instanceId: "",
      snapshotId: req.snapshotId ?? "",
      tags: { ...req.tags },
      resourceGroupId: req.resourceGroupId ?? "rg-default",
      creationTime: this.now().toISOString(),
    });
    this.state.disks.push(created);
    return created;
  }

  /**
   * ModifyDiskAttribute (name, description), ResizeDisk, ModifyDiskSpec (category, performance
   * level) and TagResources/UntagResources, each called when its fields differ from the disk's.
   * ResizeDisk only grows a disk (InvalidDiskSize.TooSmall), refused after the calls are made.
   */
  modifyDisk(id: string, req: ModifyDiskRequest): SimDisk {
    const d = this.disk(id);
    if (!d) throw new EcsError("InvalidDiskId.NotFound", `The specified disk ${id} does not exist.`);
    const size = req.size;
    if (req.diskName !== d.diskName || req.description !== d.description) this.call("ModifyDiskAttribute");
    if (size !== undefined && size !== null && size !== d.size) this.call("ResizeDisk");
    if (req.performanceLevel !== d.performanceLevel || req.category !== d.category) this.call("ModifyDiskSpec");
    this.call(Object.keys(req.tags).length > 0 ? "TagResources" : "UntagResources");
    if (size !== undefined && size !== null && size < d.size)
      throw new EcsError(
        "InvalidDiskSize.TooSmall",
        `disk ${id} is ${d.size} GiB; it can only grow, not to ${size} GiB.`,
      );
    Object.assign(d, {
      size: size ?? d.size,
      diskName: req.diskName ?? d.diskName,
      description: req.description ?? d.description,
      performanceLevel: req.performanceLevel ?? d.performanceLevel,
      category: req.category ?? d.category,
      tags: req.tags,
    });
    return d;
  }

  /** AttachDisk: the disk becomes In_use on the instance. */
  attachDisk(diskId: string, instanceId: string): SimAttachment {
    this.call("AttachDisk");
    const d = this.disk(diskId);
    if (!d) throw new EcsError("InvalidDiskId.NotFound", `The specified disk ${diskId} does not exist.`);
    const inst = this.instance(instanceId);
    if (!inst) throw new EcsError("InvalidInstanceId.NotFound", `The specified instance ${instanceId} does not exist.`);
    if (d.status !== "Available")
      throw new EcsError(
        "IncorrectDiskStatus",
        `The current status of disk ${diskId} (${d.status}) does not support attaching.`,
      );
    if (d.zoneId && inst.availabilityZone && d.zoneId !== inst.availabilityZone)
      throw new EcsError(
        "InvalidDiskId.ZoneMismatch",
        `The disk ${diskId} (${d.zoneId}) and instance ${instanceId} (${inst.availabilityZone}) are in different zones (code unverified).`,
      );
    const at = this.now().toISOString();
    const device = "/dev/xvdc";
    Object.assign(d, {
      status: "In_use",
      instanceId,
      attachedTime: at,
      device,
      mountInstances: [{ instanceId, device, attachedTime: at }],
      mountInstanceNum: 1,
    });
    const attachment = { id: `${diskId}:${instanceId}`, diskId, instanceId, device };
    this.state.attachments.push(attachment);
    return attachment;
  }

  /** DetachDisk: the disk is Available again, with its detach time. */
  detachDisk(diskId: string, instanceId: string): void {
    this.call("DetachDisk");
    const d = this.disk(diskId);
    if (d && d.instanceId === instanceId) {
      Object.assign(d, {
        status: "Available",
        instanceId: "",
        detachedTime: this.now().toISOString(),
        mountInstances: [],
        mountInstanceNum: 0,
      });
    }
    this.state.attachments = this.state.attachments.filter((a) => a.id !== `${diskId}:${instanceId}`);
  }

  /** DeleteDisk: an attached disk is refused (IncorrectDiskStatus); detach it first. */
  deleteDisk(id: string): void {
    this.call("DeleteDisk");
    const d = this.disk(id);
    if (!d) throw new EcsError("InvalidDiskId.NotFound", `The specified disk ${id} does not exist.`);
    if (d.status === "In_use")
      throw new EcsError(
        "IncorrectDiskStatus",
        `The disk ${id} is attached to ${d.instanceId}; detach it before deleting it.`,
      );
    this.state.disks = this.state.disks.filter((x) => x !== d);
  }

  // ---- CreateImage, DeleteImage ----

  /**
   * CreateImage from snapshots: the system snapshot must come from a system disk
   * (OperationDenied: not from system disk) and not be encrypted; names are unique per region.
   */
  createImage(req: CreateImageRequest, idFor?: IdFor): SimImage {
    this.call("CreateImage");
    this.releaseExpired();
    const ids = req.mappedSnapshotIds?.length ? req.mappedSnapshotIds : req.snapshotId ? [req.snapshotId] : [];
    if (ids.length === 0)
      throw new EcsError(
        "MissingParameter",
        "An image needs a snapshot (DiskDeviceMapping or SnapshotId) or an instance.",
      );
    const snaps = ids.map((sid) => {
      const s = this.snapshot(sid);
      if (!s) throw new EcsError("InvalidSnapshotId.NotFound", `The specified snapshot ${sid} does not exist.`);
      return s;
    });
    const system = snaps[0];
    if (system.sourceDiskType !== "system")
      throw new EcsError(
        "OperationDenied",
        `The snapshot ${system.id} is not from system disk: it was taken of ${system.sourceDiskType} disk ${system.sourceDiskId}.`,
      );
    if (system.encrypted)
      throw new EcsError(
        "InvalidSnapshot.Encrypted",
        `A system image cannot be made from encrypted snapshot ${system.id} (code unverified).`,
      );
    if (req.imageName && this.state.images.some((i) => i.imageName === req.imageName))
      throw new EcsError(
        "InvalidImageName.Duplicated",
        `The image name ${req.imageName} is already used in ${this.regionId}.`,
      );
    const image: SimImage = {
      id: idFor?.("m-") ?? this.newId("m-"),
      imageName: req.imageName ?? "",
      snapshotIds: ids,
      status: "Available",
      architecture: req.architecture ?? "x86_64",
      platform: req.platform ?? "",
      description: req.description ?? "",
      tags: { ...req.tags },
      resourceGroupId: req.resourceGroupId ?? "rg-default",
      createTime: this.now().toISOString(),
    };
    this.state.images.push(image);
    return image;
  }

  /** ModifyImageAttribute (name, description, platform) and TagResources/UntagResources. */
  modifyImage(id: string, req: ModifyImageRequest): SimImage {
    const image = this.image(id);
    if (!image) throw new EcsError("InvalidImageId.NotFound", `The specified image ${id} does not exist.`);
    this.call("ModifyImageAttribute");
    this.call(Object.keys(req.tags).length > 0 ? "TagResources" : "UntagResources");
    Object.assign(image, {
      imageName: req.imageName ?? image.imageName,
      description: req.description ?? image.description,
      platform: req.platform ?? image.platform,
      tags: req.tags,
    });
    return image;
  }

  /** DeleteImage. */
  deleteImage(id: string): void {
    this.call("DeleteImage");
    this.state.images = this.state.images.filter((i) => i.id !== id);
  }

  // ---- helpers ----

  /**
   * Every ECS API request the cloud serves passes here: it is noted (what a RAM policy must
   * allow), and a test can make one action fail by replacing this method.
   */
  call(action: string): void {
    this.calls.push(action);
  }

  private requireSnapshot(id: string): SimSnapshot {
    const s = this.snapshot(id);
    if (!s) throw new EcsError("InvalidSnapshotId.NotFound", `The specified snapshot ${id} does not exist.`);
    return s;
  }

  private newId(prefix: string): string {
    const n = this.state.nextId++;
    return `${prefix}sim${String(n).padStart(6, "0")}`;
  }
}
