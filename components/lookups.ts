/**
 * Disk, instance and snapshot lookups at the physical limit.
 *
 * `ecs.getEcsDisks` does not send IDs to the API: every call pages through every disk of the
 * region (DescribeDisks, 100 a page) and filters client-side. So every lookup that arrives in
 * the same turn of the event loop for the same provider is answered by ONE getEcsDisks
 * invoke, and the instances of the disks found by `getInstances` with `enableDetails: false`
 * (no disk scan, no RAM role calls), at most 100 IDs per call.
 *
 * The region's manual snapshots (for the quota, and to find a snapshot the component made
 * earlier) come the same way: ONE `getEcsSnapshots({ type: "user" })` per provider and turn,
 * indexed by source disk once; or, whenever the ECS API client can sign as the provider does,
 * only the disks asked for, through the ECS API by disk, in requests bounded by the disks (see
 * {@link lookupSnapshots}).
 *
 * Components built synchronously in a program (the usual case) therefore share one batch.
 * IDs that only become known later (a disk created in the same program, during `up`) form
 * a batch of their own when they resolve. Both lookups batch the same way (internal/batch.ts),
 * keyed by provider and region.
 */
import * as pulumi from "@pulumi/pulumi";
import { getEcsDisks, getEcsSnapshots, getInstances } from "@pulumi/alicloud/ecs";
import type * as alicloud from "@pulumi/alicloud";

import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

import type { EcsSnapshot as EcsApiSnapshot } from "./ecs";
import { credentialSource, type CredentialSource, type ExplicitCredentials } from "./ecs/credentials";
import { TurnBatcher, type BatchKey } from "./internal/batch";
import { chooseSnapshotLookup, SNAPSHOT_LOOKUP_VARIABLE, type LookupChoice } from "./internal/lookupMode";
import { scanDiskSnapshots } from "./internal/snapshotScan";
import type { CloudSnapshot } from "./rules/existing";
import { parseProgress } from "./rules/uploads";

export type ProviderDisk = alicloud.types.output.ecs.GetEcsDisksDisk;

/** The invokes the component makes, and the list field each answer must have. */
export const LOOKUP_INVOKES = {
  getEcsDisks: { token: "alicloud:ecs/getEcsDisks:getEcsDisks", field: "disks" },
  getInstances: { token: "alicloud:ecs/getInstances:getInstances", field: "instances" },
  getEcsSnapshots: { token: "alicloud:ecs/getEcsSnapshots:getEcsSnapshots", field: "snapshots" },
} as const;

type LookupInvoke = keyof typeof LOOKUP_INVOKES;

/**
 * An invoke answered without the list the component reads: not a cloud failure (the provider
 * always answers with the list, empty or not) but a mock that answers every invoke alike.
 */
class MalformedAnswerError extends Error {
  constructor(invoke: LookupInvoke, answer: unknown) {
    const { token, field } = LOOKUP_INVOKES[invoke];
    const found =
      typeof answer === "object" && answer !== null && field in answer
        ? `its \`${field}\` is ${describeValue((answer as Record<string, unknown>)[field])}`
        : `it has no \`${field}\` (keys: ${typeof answer === "object" && answer !== null ? JSON.stringify(Object.keys(answer)) : describeValue(answer)})`;
    super(
      `the invoke ${token} answered without \`${field}\` (a list): ${found}. The real provider always answers with a list; under Pulumi's mocks (pulumi.runtime.setMocks), answer ${token} with { ${field}: [] } or the ${field} your test needs (the README's "Lookups the component makes" lists each invoke), or use essd-snapshots/testing`,
    );
    this.name = "MalformedAnswerError";
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
}

/** The answer's list, or a {@link MalformedAnswerError} naming the invoke and the field. */
function listOf<T>(invoke: LookupInvoke, answer: unknown): T[] {
  const list = (answer as Record<string, unknown> | null | undefined)?.[LOOKUP_INVOKES[invoke].field];
  if (!Array.isArray(list)) throw new MalformedAnswerError(invoke, answer);
  return list as T[];
}

/** How a failed lookup ends its message: credentials advice for a real failure only. */
function advice(err: unknown, action?: string): string {
  if (err instanceof MalformedAnswerError) return ".";
  return `. Check the provider's credentials${action ? ` (${action})` : ""} and region, then preview again.`;
}
export type ProviderInstance = alicloud.types.output.ecs.GetInstancesInstance;

/** At most this many instance IDs go into one DescribeInstances request. */
export const INSTANCE_IDS_PER_CALL = 100;

/** What one disk lookup found. */
export interface DiskLookup {
  /** The disk, or undefined when the region has no disk with that ID. */
  disk: ProviderDisk | undefined;
  /** The disk's instance: undefined when the disk is not attached, null when it was not found. */
  instance: ProviderInstance | null | undefined;
  /** Where the disk was looked for, for messages: the provider and its region when known. */
  where: string;
}

interface Waiter {
  resolve: (lookup: DiskLookup) => void;
  reject: (err: unknown) => void;
}

interface Batch {
  waiters: Map<string, Waiter[]>;
}

/**
 * Where a lookup through `provider` is answered. A provider resource's own region is an output,
 * not known when the lookup is asked for, and it has only one: the resource stands for it. The
 * stack's `alicloud:region` tells the default provider's.
 */
function keyOf(provider: pulumi.ProviderResource | undefined): BatchKey {
  return { provider, region: provider ? "" : (configuredRegion() ?? "") };
}

function configuredRegion(): string | undefined {
  return new pulumi.Config("alicloud").get("region") || process.env.ALICLOUD_REGION;
}

const diskBatches = new TurnBatcher<Batch>(
  () => ({ waiters: new Map() }),
  (batch, provider) => void flush(batch, provider),
);

/**
 * Looks a disk up, together with every other disk asked for through the same provider in this
 * turn of the event loop.
 */
export function lookupDisk(diskId: string, provider: pulumi.ProviderResource | undefined): Promise<DiskLookup> {
  const waiters = diskBatches.batch(keyOf(provider)).waiters;
  return new Promise<DiskLookup>((resolve, reject) => {
    const list = waiters.get(diskId) ?? [];
    list.push({ resolve, reject });
    waiters.set(diskId, list);
  });
}

async function flush(batch: Batch, provider: pulumi.ProviderResource | undefined): Promise<void> {
  const ids = [...batch.waiters.keys()].sort();
  const invokeOpts: pulumi.InvokeOptions = provider ? { provider } : {};
  try {
    const found = listOf<ProviderDisk>("getEcsDisks", await getEcsDisks({ ids }, invokeOpts));
    const disks = new Map(found.map((d) => [d.id, d]));

    const instanceIds = [...new Set(found.map((d) => d.instanceId).filter((id) => id))].sort();
    const chunks: string[][] = [];
    for (let i = 0; i < instanceIds.length; i += INSTANCE_IDS_PER_CALL) {
      chunks.push(instanceIds.slice(i, i + INSTANCE_IDS_PER_CALL));
    }
    const answers = await Promise.all(
      chunks.map((chunk) => getInstances({ ids: chunk, enableDetails: false }, invokeOpts)),
    );
    const instances = new Map(
      answers.flatMap((a) => listOf<ProviderInstance>("getInstances", a)).map((i) => [i.id, i]),
    );

    const where = await describeProvider(provider, found[0]?.regionId);
    for (const [id, waiters] of batch.waiters) {
      const disk = disks.get(id);
      const instanceId = disk?.instanceId;
      const lookup: DiskLookup = {
        disk,
        instance: instanceId ? (instances.get(instanceId) ?? null) : undefined,
        where,
      };
      waiters.forEach((w) => w.resolve(lookup));
    }
  } catch (err) {
    const where = await describeProvider(provider, undefined).catch(() => "the alicloud provider");
    const failure = new Error(
      `Looking up ${ids.length === 1 ? "the disk" : `${ids.length} disks`} through ${where} failed: ${err instanceof Error ? err.message : String(err)}${advice(err)}`,
    );
    batch.waiters.forEach((ws) => ws.forEach((w) => w.reject(failure)));
  }
}

/** "provider "ali-sh" (region cn-shanghai)", or "the default alicloud provider (region cn-hangzhou)". */
async function describeProvider(
  provider: pulumi.ProviderResource | undefined,
  regionId: string | undefined,
): Promise<string> {
  if (!provider) {
    const region = regionId || configuredRegion();
    return `the default alicloud provider${region ? ` (region ${region})` : " (no region configured: set alicloud:region)"}`;
  }
  const urn = await new Promise<string>((resolve) => provider.urn.apply((u) => resolve(u)));
  const name = urn.split("::").pop() ?? urn;
  return `provider "${name}"${regionId ? ` (region ${regionId})` : ""}`;
}

export type ProviderSnapshot = alicloud.types.output.ecs.GetEcsSnapshotsSnapshot;

/** The manual snapshots alive in a provider's region, by source disk, and what this update adds. */
export interface SnapshotIndex {
  /** Manual snapshots (every status) by source disk ID. */
  byDisk: ReadonlyMap<string, CloudSnapshot[]>;
  /** New snapshots this update makes, by disk ID: the name of each component that will create one, in the order they claimed it. */
  claims: Map<string, string[]>;
}

/** A turn's snapshot listing: `index` starts when `close` is called, once the turn is over. */
interface SnapshotBatch {
  close: () => void;
  index: Promise<SnapshotIndex>;
  /** The disks asked for; `undefined` once a caller asked for the whole region. */
  diskIds: Set<string> | undefined;
}

export { SNAPSHOT_LOOKUP_MODES, SNAPSHOT_LOOKUP_VARIABLE } from "./internal/lookupMode";

/**
 * How the batch of this turn reads the snapshots (internal/lookupMode.ts), from the
 * environment, the stack's `alicloud:` settings and the provider; and, for the ECS API, the
 * keys of the stack's settings, which the provider reads before the environment.
 */
function snapshotLookupChoice(provider: pulumi.ProviderResource | undefined): {
  choice: LookupChoice;
  keys: ExplicitCredentials | undefined;
} {
  const settings = alicloudSettings();
  const fromEnv = credentialSource(process.env);
  const keys = configuredKeys(settings, fromEnv);
  const monitor = pulumi.runtime.getMonitor();
  const choice = chooseSnapshotLookup({
    variable: process.env[SNAPSHOT_LOOKUP_VARIABLE]?.trim(),
    explicitProvider: provider !== undefined,
    mocked: monitor instanceof MockMonitor,
    providerSettings: Object.keys(settings),
    credentials: keys !== undefined || fromEnv.kind !== "default",
  });
  return { choice, keys };
}

/** The stack's `alicloud:` settings that are set, by name without the prefix. */
function alicloudSettings(): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig()))
    if (key.startsWith("alicloud:") && value !== "") settings[key.slice("alicloud:".length)] = value;
  return settings;
}

/**
 * The keys the provider signs with when the stack sets them (`alicloud:accessKey`,
 * `alicloud:secretKey`, `alicloud:securityToken`), each taken, as the provider takes it, from
 * the stack before the environment (`env`, its source); undefined when the stack sets none.
 */
function configuredKeys(settings: Record<string, string>, env: CredentialSource): ExplicitCredentials | undefined {
  if (!settings.accessKey && !settings.secretKey && !settings.securityToken) return undefined;
  const fromEnv = env.kind === "access_key" || env.kind === "sts" ? env : undefined;
  const accessKeyId = settings.accessKey || fromEnv?.accessKeyId;
  const accessKeySecret = settings.secretKey || fromEnv?.accessKeySecret;
  if (!accessKeyId || !accessKeySecret) return undefined;
  const securityToken = settings.securityToken || fromEnv?.securityToken;
  return { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) };
}

const snapshotBatches = new TurnBatcher<SnapshotBatch>(
  (provider) => {
    let close!: () => void;
    const turnOver = new Promise<void>((resolve) => (close = resolve));
    const batch: SnapshotBatch = {
      close,
      diskIds: new Set(),
      index: turnOver.then(() => listSnapshots(provider, batch.diskIds)),
    };
    return batch;
  },
  (batch) => batch.close(),
);

/**
 * The manual snapshots of the disks asked for, for every lookup made through the same provider
 * in this turn of the event loop, read one of two ways (internal/lookupMode.ts, the environment
 * variable `ESSD_SNAPSHOT_LOOKUP`):
 *
 * - through the ECS API (`disks`; unset, whenever its client can sign as the default provider
 *   does): DescribeSnapshots with the official SDK (components/ecs), in the default provider's
 *   region, with the stack's `alicloud:accessKey`/`secretKey`/`securityToken` or else the
 *   credentials of the environment the provider reads: the region whole while it is small, else
 *   each disk's own (`DiskId`, which ECS filters): requests bounded by the disks, not by the
 *   region (internal/snapshotScan.ts). Unset, a failure of the ECS API falls back to the next
 *   way, with one warning.
 * - through the provider (`region`; unset, with an explicit provider, a stack setting that may
 *   change whom the provider signs as, no credentials for the client, or under Pulumi's mocks):
 *   one `getEcsSnapshots({ type: "user" })`. The data source sends no disk ID to
 *   DescribeSnapshots (it has no such filter; its `ids` and `nameRegex` it applies itself), so
 *   one call pages through every manual snapshot of the region, 50 a page, however many disks
 *   ask: ⌈S/50⌉ requests for S manual snapshots.
 *
 * Either way each disk asked for has the same snapshots in `byDisk`; through the ECS API, a disk
 * that was not asked for may be missing. Without `diskId` the caller gets the whole region.
 */
export function lookupSnapshots(
  provider: pulumi.ProviderResource | undefined,
  diskId?: string,
): Promise<SnapshotIndex> {
  const batch = snapshotBatches.batch(keyOf(provider));
  if (diskId === undefined) batch.diskIds = undefined;
  else batch.diskIds?.add(diskId);
  return batch.index;
}

async function listSnapshots(
  provider: pulumi.ProviderResource | undefined,
  diskIds: ReadonlySet<string> | undefined,
): Promise<SnapshotIndex> {
  let ecsApi = false;
  try {
    const { choice, keys } = snapshotLookupChoice(provider);
    ecsApi = diskIds !== undefined && diskIds.size > 0 && choice.mode === "disks";
    void pulumi.log.debug(
      `Manual snapshots read through ${ecsApi ? "the ECS API, by disk" : "the provider's getEcsSnapshots"} (${choice.why}).`,
    );
    if (!ecsApi) return await listRegion(provider);
    try {
      return await listDiskSnapshots([...(diskIds as ReadonlySet<string>)], keys);
    } catch (err) {
      if (!choice.fallBack) throw err;
      warnFallBack(err);
      ecsApi = false;
      return await listRegion(provider);
    }
  } catch (err) {
    const where = ecsApi
      ? `the ECS API (${SNAPSHOT_LOOKUP_VARIABLE}=disks)`
      : await describeProvider(provider, undefined).catch(() => "the alicloud provider");
    throw new Error(
      `Listing the manual snapshots through ${where} failed: ${err instanceof Error ? err.message : String(err)}${advice(err, "ecs:DescribeSnapshots")}`,
    );
  }
}

/** The programs (by their monitor) already warned that the ECS API failed. */
const warnedFallBack = new WeakSet<object>();

/** Once a program: the ECS API failed under `auto`, so the region is listed through the provider. */
function warnFallBack(err: unknown): void {
  const program: object = pulumi.runtime.getMonitor() ?? warnedFallBack;
  if (warnedFallBack.has(program)) return;
  warnedFallBack.add(program);
  void pulumi.log.warn(
    `Reading the snapshots of the disks through the ECS API failed (${err instanceof Error ? err.message : String(err)}${advice(err, "ecs:DescribeSnapshots")}); every manual snapshot of the region is listed through the provider instead, which costs one request per 50 snapshots in the region. Allow ecs:DescribeSnapshots to these credentials, or set ${SNAPSHOT_LOOKUP_VARIABLE}=region to always list the region.`,
  );
}

async function listRegion(provider: pulumi.ProviderResource | undefined): Promise<SnapshotIndex> {
  const answer = await getEcsSnapshots({ type: "user" }, provider ? { provider } : {});
  const byDisk = new Map<string, CloudSnapshot[]>();
  for (const s of listOf<ProviderSnapshot>("getEcsSnapshots", answer)) {
    const diskId = s.sourceDiskId || s.diskId;
    const list = byDisk.get(diskId) ?? [];
    list.push(toCloudSnapshot(s, diskId));
    byDisk.set(diskId, list);
  }
  return { byDisk, claims: new Map() };
}

/** The manual snapshots of `diskIds` through the ECS API, the default provider's region and keys. */
async function listDiskSnapshots(diskIds: string[], keys: ExplicitCredentials | undefined): Promise<SnapshotIndex> {
  const { EcsClient, resolveRegion, stackRegion } = await import("./ecs");
  const client = new EcsClient({
    regionId: resolveRegion({ configRegion: stackRegion() }).regionId,
    ...(keys ? { credentials: keys } : {}),
  });
  const { byDisk } = await scanDiskSnapshots(
    diskIds,
    async ({ diskId, nextToken }) => {
      const page = await client.describeSnapshotsPage({ diskId, snapshotType: "user" }, { maxResults: 100, nextToken });
      return { items: page.snapshots, nextToken: page.nextToken };
    },
    (s) => s.sourceDiskId,
  );
  return {
    byDisk: new Map([...byDisk].map(([id, list]) => [id, list.map((s) => fromEcsApi(s, id))])),
    claims: new Map(),
  };
}

/** Tag keys the provider leaves out of what it reads (`ignoredTags` in its common code): left out here too. */
const IGNORED_TAG_KEY = /^(aliyun|acs:|http:\/\/|https:\/\/)/;

/** A snapshot as the ECS API client reports it, as the provider's data source would have. */
function fromEcsApi(s: EcsApiSnapshot, diskId: string): CloudSnapshot {
  return {
    id: s.snapshotId,
    sourceDiskId: diskId,
    snapshotName: s.snapshotName,
    tags: Object.fromEntries(Object.entries(s.tags).filter(([k]) => !IGNORED_TAG_KEY.test(k))),
    category: s.category,
    retentionDays: s.retentionDays !== undefined && s.retentionDays > 0 ? s.retentionDays : undefined,
    status: s.status,
    creationTime: s.creationTime,
    sourceDiskSize: s.sourceDiskSize > 0 ? s.sourceDiskSize : undefined,
    diskType: s.sourceDiskType.toLowerCase() === "system" ? "system" : "data",
    encrypted: s.encrypted,
    progress: parseProgress(s.progress),
    remainSeconds: typeof s.remainTime === "number" && s.remainTime > 0 ? s.remainTime : undefined,
  };
}

function toCloudSnapshot(s: ProviderSnapshot, diskId: string): CloudSnapshot {
  const size = Number(s.sourceDiskSize);
  return {
    id: s.snapshotId || s.id,
    sourceDiskId: diskId,
    snapshotName: s.snapshotName ?? s.name ?? "",
    tags: { ...s.tags },
    category: s.category ?? "",
    // The data source reports a snapshot kept until deleted as 0.
    retentionDays: s.retentionDays > 0 ? s.retentionDays : undefined,
    status: s.status ?? "",
    creationTime: s.creationTime ?? "",
    sourceDiskSize: s.sourceDiskSize && size > 0 ? size : undefined,
    diskType: (s.sourceDiskType ?? "").toLowerCase() === "system" ? "system" : "data",
    encrypted: s.encrypted === true,
    progress: parseProgress(s.progress),
    remainSeconds: typeof s.remainTime === "number" && s.remainTime > 0 ? s.remainTime : undefined,
  };
}
