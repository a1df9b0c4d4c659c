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
  DEFAULT_UPLOAD_MIB_PER_SECOND,
  ESSD_SERIES_CATEGORIES,
  MAX_INSTANCE_IDS,
  MAX_MANUAL_SNAPSHOTS_PER_DISK,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  PAGE_SIZE,
} from "./limits";
import { settleInstances } from "./instanceStates";
import { diskRecord } from "./records";
import type {
  AccountSpec,
  CloudState,
  CreateDiskRequest,
  CreateImageRequest,
  CreateSnapshotRequest,
  DescribeSnapshotsRequest,
  Fault,
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

/**
 * When a snapshot's upload and its retention end, ms since the epoch, with the fields and the
 * upload rate they were worked out from: every read and operation asks for them of every
 * snapshot in the region (releaseExpired), so they are parsed once, not on each of those asks,
 * and worked out again whenever one of those fields has changed.
 */
interface SnapshotTimes {
  createTime: string;
  retentionDays: number | null;
  uploadEndsAt: string | undefined;
  sourceDiskSize: number;
  uploadMiBPerSecond: number;
  uploadEnds: number;
  retentionEnds: number;
}

const snapshotTimes = new WeakMap<SimSnapshot, SnapshotTimes>();

export class SimulatedCloud {
  /** The ECS API actions called on this cloud object, in order (not kept in the state file). */
  readonly calls: string[] = [];

  constructor(
    readonly state: CloudState,
    /**
     * The outside time the cloud's own `now` is moved forward to, never back (ESSD_SIM_NOW, or
     * the real clock): ECS releases snapshots whose retention has ended, and finishes uploads, by then.
     */
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * A fresh cloud holding an account's disks, instances and the snapshots made outside the
   * program (released on the first read if their retention has ended by then, as any other).
   */
  static fromAccount(spec: AccountSpec, clock?: Clock): SimulatedCloud {
    const cloud = new SimulatedCloud(
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
        ...(spec.uploadMiBPerSecond !== undefined ? { uploadMiBPerSecond: spec.uploadMiBPerSecond } : {}),
      },
      clock,
    );
    // A snapshot the account gives as still uploading is uploading when the cloud starts: unless it
    // says when its upload ends, it ends a whole upload's time after the later of its creation and the start.
    const start = cloud.now().getTime();
    for (const s of cloud.state.snapshots) {
      if (s.status !== "progressing" || s.uploadEndsAt !== undefined) continue;
      const from = Math.max(Date.parse(s.createTime), start);
      s.uploadEndsAt = new Date(from + cloud.uploadMs(s)).toISOString();
    }
    return cloud;
  }

  get regionId(): string {
    return this.state.regionId;
  }

  /**
   * The cloud's time: its own `now`, moved forward to the outside clock when that is later
   * (never back), and kept in its state.
   */
  now(): Date {
    const outside = this.clock().getTime();
    const own = this.state.now === undefined ? -Infinity : Date.parse(this.state.now);
    const at = Math.max(outside, own);
    this.state.now = new Date(at).toISOString();
    return new Date(at);
  }

  /** Simulated time passes (a wait of the provider, instead of a sleep): `ms` later than now. */
  advance(ms: number): Date {
    const at = new Date(this.now().getTime() + Math.max(0, ms));
    this.state.now = at.toISOString();
    return at;
  }

  /** The account's upload rate, MiB/s (invented: limits.ts DEFAULT_UPLOAD_MIB_PER_SECOND). */
  get uploadMiBPerSecond(): number {
    return this.state.uploadMiBPerSecond ?? DEFAULT_UPLOAD_MIB_PER_SECOND;
  }

  /** How long uploading a snapshot takes: its disk's size at the upload rate, ms. */
  uploadMs(s: SimSnapshot): number {
    return ((s.sourceDiskSize * 1024) / this.uploadMiBPerSecond) * 1000;
  }

  /** When a snapshot's upload ends: as the account says, or its creation time plus {@link uploadMs}. */
  uploadEndsAt(s: SimSnapshot): number {
    return this.timesOf(s).uploadEnds;
  }

  /** When a snapshot's retention ends (Infinity when it is kept until deleted). */
  retentionEndsAt(s: SimSnapshot): number {
    return this.timesOf(s).retentionEnds;
  }

  private timesOf(s: SimSnapshot): SnapshotTimes {
    const rate = this.uploadMiBPerSecond;
    const known = snapshotTimes.get(s);
    if (
      known &&
      known.createTime === s.createTime &&
      known.retentionDays === s.retentionDays &&
      known.uploadEndsAt === s.uploadEndsAt &&
      known.sourceDiskSize === s.sourceDiskSize &&
      known.uploadMiBPerSecond === rate
    )
      return known;
    const created = Date.parse(s.createTime);
    const times: SnapshotTimes = {
      createTime: s.createTime,
      retentionDays: s.retentionDays,
      uploadEndsAt: s.uploadEndsAt,
      sourceDiskSize: s.sourceDiskSize,
      uploadMiBPerSecond: rate,
      uploadEnds: s.uploadEndsAt !== undefined ? Date.parse(s.uploadEndsAt) : created + this.uploadMs(s),
      retentionEnds: s.retentionDays === null ? Infinity : created + s.retentionDays * DAY_MS,
    };
    snapshotTimes.set(s, times);
    return times;
  }

  /**
   * DescribeSnapshots Progress ("42%") and RemainTime (seconds) of a snapshot at the cloud's
   * time, derived from the invented upload rate; 100% and 0 once accomplished.
   */
  uploadProgress(s: SimSnapshot): { progress: string; remainTime: number } {
    if (s.status !== "progressing") return { progress: s.status === "accomplished" ? "100%" : "0%", remainTime: 0 };
    const start = Date.parse(s.createTime);
    const end = this.uploadEndsAt(s);
    const now = this.now().getTime();
    const percent = end <= start ? 100 : Math.min(99, Math.floor(((now - start) / (end - start)) * 100));
    return { progress: `${Math.max(0, percent)}%`, remainTime: Math.max(0, Math.ceil((end - now) / 1000)) };
  }

  /**
   * Uploads that have ended by now are `accomplished` (and usable). Every read and operation
   * passes here, so a snapshot's status follows the cloud's time.
   */
  finishUploads(): void {
    const now = this.now().getTime();
    for (const s of this.state.snapshots) {
      if (s.status === "progressing" && this.uploadEndsAt(s) <= now) {
        s.status = "accomplished";
        s.available = true;
      }
    }
  }

  // ---- reads (DescribeDisks, DescribeInstances, DescribeSnapshots, DescribeImages) ----

  disk(id: string): SimDisk | undefined {
    this.call("DescribeDisks");
    return this.state.disks.find((d) => d.id === id);
  }

  instance(id: string): SimInstance | undefined {
    this.call("DescribeInstances");
    settleInstances(this.state, this.now());
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
    settleInstances(this.state, this.now());
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
    this.finishUploads();
    const now = this.now().getTime();
    if (!this.state.snapshots.some((s) => this.retentionEndsAt(s) <= now)) return;
    const keep: SimSnapshot[] = [];
    for (const s of this.state.snapshots) {
      const ends = this.retentionEndsAt(s);
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
    // ClientToken (CreateSnapshot: "ensures the idempotence of the request"): the same token, the same snapshot.
    const earlier = req.clientToken ? this.state.snapshots.find((s) => s.clientToken === req.clientToken) : undefined;
    if (earlier) return earlier;
    const d = this.disk(req.diskId);
    if (!d) throw new EcsError("InvalidDiskId.NotFound", `The specified disk ${req.diskId} does not exist.`, 404);
    // Category=flash: legacy local snapshots, cloud_essd only, unencrypted only (product page);
    // CreateSnapshot's table: 403 InvalidSnapshotCategory.Malformed, 400 DiskCategory.OperationNotSupported.
    if (req.category !== undefined && req.category !== "standard" && req.category !== "flash")
      throw new EcsError(
        "InvalidSnapshotCategory.Malformed",
        `The specified parameter Category is not valid: ${req.category} (standard or flash).`,
        403,
      );
    if (req.category === "flash" && d.category !== "cloud_essd")
      throw new EcsError(
        "DiskCategory.OperationNotSupported",
        `The type of the specified disk does not support creating a snapshot: a local snapshot (Category=flash) needs cloud_essd; disk ${d.id} is ${d.category}.`,
      );
    if (req.category === "flash" && d.encrypted === "on")
      throw new EcsError(
        "DiskCategory.OperationNotSupported",
        `The type of the specified disk does not support creating a snapshot: a local snapshot (Category=flash) needs an unencrypted disk; disk ${d.id} is encrypted.`,
      );
    const locks = (d.operationLocks ?? []).map((l) => l.lockReason);
    if (locks.includes("security"))
      throw new EcsError("InstanceLockedForSecurity", `The disk ${d.id} is locked for security reasons.`, 403);
    if (d.status === "Available" && !d.attachedTime && !d.detachedTime)
      throw new EcsError(
        "IncorrectDiskStatus.NeverAttached",
        `The disk ${d.id} has never been attached to an instance.`,
        403,
      );
    if (d.status !== "In_use" && d.status !== "Available")
      throw new EcsError(
        "IncorrectDiskStatus",
        `The current status of disk ${d.id} (${d.status}) does not support this operation.`,
        403,
      );
    if (d.status === "In_use" && d.instanceId) {
      const inst = this.instance(d.instanceId);
      if (!inst || (inst.status !== "Running" && inst.status !== "Stopped"))
        throw new EcsError(
          "IncorrectInstanceStatus",
          `The current status of instance ${d.instanceId} (${inst?.status ?? "not found"}) does not support this operation.`,
        );
    }
    // One snapshot of a disk at a time: CreateSnapshot's 403 IncorrectDiskStatus.CreatingSnapshot.
    // The same table also lists QuotaExceed.ConcurrentSnapshotQuota and the snapshot-group guide
    // allows 10 tasks a disk; the stricter reading is taken (simulator/FIDELITY.md).
    const creating = this.state.snapshots.find((s) => s.sourceDiskId === d.id && s.status === "progressing");
    if (creating) {
      const { progress, remainTime } = this.uploadProgress(creating);
      throw new EcsError(
        "IncorrectDiskStatus.CreatingSnapshot",
        `A snapshot is being created for disk ${d.id}: ${creating.id} is ${progress} uploaded, about ${remainTime} s left.`,
        403,
      );
    }
    const manual = this.state.snapshots.filter((s) => s.sourceDiskId === d.id && s.snapshotType === "user").length;
    if (manual >= MAX_MANUAL_SNAPSHOTS_PER_DISK)
      throw new EcsError(
        "QuotaExceed.Snapshot",
        `The disk ${d.id} already has ${manual} manual snapshots; the maximum is ${MAX_MANUAL_SNAPSHOTS_PER_DISK}.`,
        403,
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
      ...(req.clientToken ? { clientToken: req.clientToken } : {}),
    };
    this.state.snapshots.push(snap);
    this.answered("CreateSnapshot");
    return snap;
  }

  /** ModifySnapshotAttribute (name, description, retention), TagResources, JoinResourceGroup. */
  modifySnapshot(id: string, req: ModifySnapshotRequest): SimSnapshot {
    const s = this.requireSnapshot(id);
    if (req.snapshotName !== undefined || req.description !== undefined || req.retentionDays !== undefined)
      this.call("ModifySnapshotAttribute");
    if (req.tags !== undefined) this.call(Object.keys(req.tags).length > 0 ? "TagResources" : "UntagResources");
    if (req.resourceGroupId !== undefined && req.resourceGroupId !== s.resourceGroupId) this.call("JoinResourceGroup");
    if (req.retentionDays !== undefined && req.retentionDays !== s.retentionDays) {
      // Not while the snapshot is being created (ModifySnapshotAttribute: 400 InvalidSnapshotId.NotReady).
      if (s.status === "progressing")
        throw new EcsError(
          "InvalidSnapshotId.NotReady",
          `The snapshot ${id} is not ready: it is being created (${this.uploadProgress(s).progress}).`,
        );
      // Retention can only be extended (ModifySnapshotAttribute RetentionDays:
      // 400 InvalidOperation.DecreaseRetentionDaysUnsupported).
      const shorter =
        req.retentionDays === null ? false : s.retentionDays === null || req.retentionDays < s.retentionDays;
      if (shorter)
        throw new EcsError(
          "InvalidOperation.DecreaseRetentionDaysUnsupported",
          `The retention of snapshot ${id} can only be extended: it is ${s.retentionDays ?? "unlimited"} days, asked ${req.retentionDays}.`,
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
        403,
      );
    const disk = this.state.disks.find((d) => d.snapshotId === id);
    if (disk && !force)
      throw new EcsError(
        "SnapshotCreatedDisk",
        `The snapshot ${id} has been used to create disk ${disk.id}; set Force to delete it anyway.`,
        403,
      );
    this.state.snapshots = this.state.snapshots.filter((x) => x !== s);
    this.answered("DeleteSnapshot");
  }

  // ---- CreateDisk, AttachDisk, DetachDisk, DeleteDisk ----

  /**
   * CreateDisk: a disk made from a snapshot is at least as large as the snapshot's disk: a
   * smaller Size is raised to it (@pulumi/alicloud 3.108 `ecsDisk.d.ts` on `snapshotId`; the
   * CreateDisk table's InvalidDiskSize.TooSmall contradicts it, simulator/FIDELITY.md).
   */
  createDisk(req: CreateDiskRequest, idFor?: IdFor): SimDisk {
    this.call("CreateDisk");
    this.releaseExpired();
    const earlier = this.byClientToken(req.clientToken, (id) => this.disk(id));
    if (earlier) return earlier;
    const category = req.category ?? "cloud_efficiency";
    let size = req.size;
    let encrypted = req.encrypted ?? false;
    if (req.snapshotId) {
      const s = this.snapshot(req.snapshotId);
      if (!s)
        throw new EcsError(
          "InvalidSnapshotId.NotFound",
          `The specified snapshot ${req.snapshotId} does not exist.`,
          404,
        );
      if (!s.available)
        throw new EcsError("InvalidSnapshotId.NotReady", `The snapshot ${s.id} is not available yet.`, 403);
      // An instant-access snapshot still uploading makes ESSD-series disks only: no source found
      // (simulator/FIDELITY.md); kept as the stricter side, refused as a snapshot not ready.
      if (s.instantAccess && s.status !== "accomplished" && !ESSD_SERIES_CATEGORIES.includes(category))
        throw new EcsError(
          "InvalidSnapshotId.NotReady",
          `The snapshot ${s.id} is still uploading (${this.uploadProgress(s).progress}): until then it makes ESSD-series disks only, not ${category} (rule unverified).`,
          403,
        );
      if (s.encrypted && req.encrypted === false)
        throw new EcsError(
          "InvalidParameter.Encrypted",
          `Creating non-encrypted disks with encrypted snapshots is not supported: snapshot ${s.id} is encrypted.`,
        );
      size = Math.max(size ?? 0, s.sourceDiskSize);
      encrypted ||= s.encrypted;
    }
    if (size === undefined)
      throw new EcsError("MissingParameter", `The input parameter either "SnapshotId" or "Size" should be specified.`);
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
    this.keepClientToken(req.clientToken, id);
    this.answered("CreateDisk");
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
        `disk ${id} is ${d.size} GiB; ResizeDisk can only grow it, not to ${size} GiB.`,
        403,
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
    if (!d) throw new EcsError("InvalidDiskId.NotFound", `The specified disk ${diskId} does not exist.`, 404);
    const inst = this.instance(instanceId);
    if (!inst)
      throw new EcsError("InvalidInstanceId.NotFound", `The specified instance ${instanceId} does not exist.`, 404);
    if (d.status !== "Available")
      throw new EcsError(
        "IncorrectDiskStatus",
        `The current disk status does not support this operation: disk ${diskId} is ${d.status}; the expected disk status is Available.`,
        403,
      );
    if (inst.status !== "Running" && inst.status !== "Stopped")
      throw new EcsError(
        "IncorrectInstanceStatus",
        `The current status of instance ${instanceId} (${inst.status}) does not support this operation.`,
      );
    if (d.zoneId && inst.availabilityZone && d.zoneId !== inst.availabilityZone)
      throw new EcsError(
        "ResourcesNotInSameZone",
        `The disk ${diskId} (${d.zoneId}) and instance ${instanceId} (${inst.availabilityZone}) are not in the same zone.`,
        403,
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
    this.answered("AttachDisk");
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
    if (!d) throw new EcsError("InvalidDiskId.NotFound", `The specified disk ${id} does not exist.`, 404);
    if (d.status === "In_use")
      throw new EcsError(
        "IncorrectDiskStatus",
        `The disk ${id} is attached to ${d.instanceId}; detach it before deleting it.`,
        403,
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
    const earlier = this.byClientToken(req.clientToken, (id) => this.image(id));
    if (earlier) return earlier;
    const ids = req.mappedSnapshotIds?.length ? req.mappedSnapshotIds : req.snapshotId ? [req.snapshotId] : [];
    if (ids.length === 0)
      throw new EcsError(
        "MissingParameter",
        "An image needs a snapshot (DiskDeviceMapping or SnapshotId) or an instance.",
      );
    const snaps = ids.map((sid) => {
      const s = this.snapshot(sid);
      if (!s) throw new EcsError("InvalidSnapshotId.NotFound", `The specified snapshot ${sid} does not exist.`, 404);
      // CreateImage: 403 InvalidSnapshotId.NotReady (an instant-access snapshot is usable at once).
      if (!s.available)
        throw new EcsError("InvalidSnapshotId.NotReady", `The snapshot ${sid} is not available yet.`, 403);
      return s;
    });
    const system = snaps[0];
    if (system.sourceDiskType !== "system")
      throw new EcsError(
        "OperationDenied",
        `The specified snapshot ${system.id} is not from system disk: it was taken of ${system.sourceDiskType} disk ${system.sourceDiskId}.`,
        403,
      );
    if (system.encrypted)
      throw new EcsError(
        "OperationDenied",
        `Not support creating system image from an encrypted snapshot/disk: snapshot ${system.id} is encrypted.`,
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
      // CreateImage Platform: "Default value: Others Linux".
      platform: req.platform ?? "Others Linux",
      description: req.description ?? "",
      tags: { ...req.tags },
      resourceGroupId: req.resourceGroupId ?? "rg-default",
      createTime: this.now().toISOString(),
    };
    this.state.images.push(image);
    this.keepClientToken(req.clientToken, image.id);
    this.answered("CreateImage");
    return image;
  }

  /** ModifyImageAttribute (name, description, platform) and TagResources/UntagResources. */
  modifyImage(id: string, req: ModifyImageRequest): SimImage {
    const image = this.image(id);
    if (!image) throw new EcsError("InvalidImageId.NotFound", `The specified image ${id} does not exist.`, 404);
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
    this.fail(action, "before");
  }

  /**
   * Makes an ECS action fail: the next `fault.times` requests of `fault.action` answer with
   * `fault.code` (THE fault hook; tests use it to exercise the provider's retries, a later
   * environment syntax will fill it from outside). Kept in the cloud's state.
   */
  injectFault(fault: Fault): void {
    (this.state.faults ??= []).push({ times: 1, when: "before", ...fault });
  }

  /** The end of a state-changing action: a fault `after` it loses the answer, the change done. */
  private answered(action: string): void {
    this.fail(action, "after");
  }

  private fail(action: string, when: "before" | "after"): void {
    const fault = this.state.faults?.find(
      (f) => f.action === action && (f.when ?? "before") === when && (f.times ?? 1) > 0,
    );
    if (!fault) return;
    fault.times = (fault.times ?? 1) - 1;
    this.state.faults = this.state.faults?.filter((f) => (f.times ?? 1) > 0);
    const status =
      fault.httpStatus ??
      (fault.code === "ServiceUnavailable"
        ? 503
        : fault.code === "InternalError"
          ? 500
          : /Throttling/.test(fault.code)
            ? 403
            : 400);
    throw new EcsError(
      fault.code,
      `${action} failed (injected fault${when === "after" ? ", after the action took effect" : ""}).`,
      status,
    );
  }

  /** The object an earlier request with this ClientToken made, if it still exists. */
  private byClientToken<T>(token: string | undefined, find: (id: string) => T | undefined): T | undefined {
    const id = token ? this.state.clientTokens?.[token] : undefined;
    return id === undefined ? undefined : find(id);
  }

  private keepClientToken(token: string | undefined, id: string): void {
    if (token) (this.state.clientTokens ??= {})[token] = id;
  }

  private requireSnapshot(id: string): SimSnapshot {
    const s = this.snapshot(id);
    if (!s) throw new EcsError("InvalidSnapshotId.NotFound", `The specified snapshot ${id} does not exist.`, 404);
    return s;
  }

  private newId(prefix: string): string {
    const n = this.state.nextId++;
    return `${prefix}sim${String(n).padStart(6, "0")}`;
  }
}
