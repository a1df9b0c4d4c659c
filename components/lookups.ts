/**
 * Disk, instance and snapshot lookups at the physical limit.
 *
 * Every lookup that arrives in the same turn of the event loop for the same provider is
 * answered together, one of two ways (internal/lookupMode.ts, `ESSD_SNAPSHOT_LOOKUP`):
 *
 * - through the ECS API, whenever its client can sign as the default provider does: the disks
 *   by ID (DescribeDisks `DiskIds`, 100 a request), their instances by ID (DescribeInstances),
 *   and each disk's manual snapshots by disk (DescribeSnapshots `DiskId`): requests bounded by
 *   the disks asked for, not by the region. Each answer is reported as the provider's data
 *   source would report it (internal/providerRecords.ts);
 * - through the provider: ONE `getEcsDisks` invoke (which does not send IDs to the API: it pages
 *   through every disk of the region, 100 a page, and keeps the IDs itself), the instances of
 *   the disks found by `getInstances` with `enableDetails: false` (no disk scan, no RAM role
 *   calls), at most 100 IDs per call, and ONE `getEcsSnapshots({ type: "user" })`, which pages
 *   through every manual snapshot of the region, indexed by source disk once.
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
import { providerDisk, providerInstance, providerTags } from "./internal/providerRecords";
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
 * turn of the event loop: through the ECS API by ID, or through the provider's getEcsDisks
 * (see the file's head). Under `auto` a failure of the ECS API falls back to the provider, with
 * one warning.
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
  let ecsApi = false;
  try {
    const { choice, keys } = lookupChoice(provider);
    ecsApi = choice.mode === "disks";
    void pulumi.log.debug(
      `Disks read through ${ecsApi ? "the ECS API, by ID" : "the provider's getEcsDisks"} (${choice.why}).`,
    );
    let found: DisksFound;
    if (!ecsApi) found = await disksThroughProvider(ids, provider);
    else {
      try {
        found = await disksThroughEcsApi(ids, keys);
      } catch (err) {
        if (!choice.fallBack) throw err;
        warnFallBack("disks", err);
        ecsApi = false;
        found = await disksThroughProvider(ids, provider);
      }
    }
    const where = await describeProvider(provider, found.disks.values().next().value?.regionId);
    for (const [id, waiters] of batch.waiters) {
      const disk = found.disks.get(id);
      const instanceId = disk?.instanceId;
      const lookup: DiskLookup = {
        disk,
        instance: instanceId ? (found.instances.get(instanceId) ?? null) : undefined,
        where,
      };
      waiters.forEach((w) => w.resolve(lookup));
    }
  } catch (err) {
    const where = ecsApi
      ? `the ECS API (${SNAPSHOT_LOOKUP_VARIABLE}=disks)`
      : await describeProvider(provider, undefined).catch(() => "the alicloud provider");
    const failure = new Error(
      `Looking up ${ids.length === 1 ? "the disk" : `${ids.length} disks`} through ${where} failed: ${err instanceof Error ? err.message : String(err)}${advice(err, ecsApi ? "ecs:DescribeDisks, ecs:DescribeInstances" : undefined)}`,
    );
    batch.waiters.forEach((ws) => ws.forEach((w) => w.reject(failure)));
  }
}

/** The disks found, by ID, and the instances they are attached to, by ID. */
interface DisksFound {
  disks: Map<string, ProviderDisk>;
  instances: Map<string, ProviderInstance>;
}

/**
 * Through the provider: ONE getEcsDisks (which pages through every disk of the region and keeps
 * the IDs itself), then getInstances without details, {@link INSTANCE_IDS_PER_CALL} IDs a call.
 */
async function disksThroughProvider(ids: string[], provider: pulumi.ProviderResource | undefined): Promise<DisksFound> {
  const invokeOpts: pulumi.InvokeOptions = provider ? { provider } : {};
  const found = listOf<ProviderDisk>("getEcsDisks", await getEcsDisks({ ids }, invokeOpts));
  const instanceIds = instancesOf(found);
  const chunks: string[][] = [];
  for (let i = 0; i < instanceIds.length; i += INSTANCE_IDS_PER_CALL) {
    chunks.push(instanceIds.slice(i, i + INSTANCE_IDS_PER_CALL));
  }
  const answers = await Promise.all(
    chunks.map((chunk) => getInstances({ ids: chunk, enableDetails: false }, invokeOpts)),
  );
  return {
    disks: new Map(found.map((d) => [d.id, d])),
    instances: new Map(answers.flatMap((a) => listOf<ProviderInstance>("getInstances", a)).map((i) => [i.id, i])),
  };
}

/**
 * Through the ECS API, in the default provider's region with its keys: DescribeDisks with the
 * IDs (`DiskIds`, which ECS filters, 100 a request), then DescribeInstances with the instances'
 * (`InstanceIds`, 100 a request): requests bounded by the disks asked for, not by the region.
 * Each answer as the provider's data source would report it (internal/providerRecords.ts).
 */
async function disksThroughEcsApi(ids: string[], keys: ExplicitCredentials | undefined): Promise<DisksFound> {
  const client = await ecsApiClient(keys);
  const disks = (await client.describeDisks(ids)).map(providerDisk);
  const instances = (await client.describeInstances(instancesOf(disks))).map(providerInstance);
  return { disks: new Map(disks.map((d) => [d.id, d])), instances: new Map(instances.map((i) => [i.id, i])) };
}

/** The instances the disks are attached to, each once, in order. */
function instancesOf(disks: ProviderDisk[]): string[] {
  return [...new Set(disks.map((d) => d.instanceId).filter((id) => id))].sort();
}

/** The ECS API clients of each program (by its monitor), by region and keys. */
const ecsApiClients = new WeakMap<object, Map<string, Promise<import("./ecs").EcsClient>>>();

/**
 * The ECS API client in the default provider's region, with the stack's keys when it sets them:
 * one a program, shared by the disk and snapshot lookups of every turn, so that a role's token
 * (ECS RAM role, OIDC, a credentials URI, a CLI profile) is fetched once, not once a lookup.
 */
function ecsApiClient(keys: ExplicitCredentials | undefined): Promise<import("./ecs").EcsClient> {
  const program: object = pulumi.runtime.getMonitor() ?? ecsApiClients;
  const byKey = ecsApiClients.get(program) ?? new Map<string, Promise<import("./ecs").EcsClient>>();
  ecsApiClients.set(program, byKey);
  const key = JSON.stringify([configuredRegion() ?? "", keys ?? null]);
  let client = byKey.get(key);
  if (!client) {
    client = import("./ecs").then(
      ({ EcsClient, resolveRegion, stackRegion }) =>
        new EcsClient({
          regionId: resolveRegion({ configRegion: stackRegion() }).regionId,
          ...(keys ? { credentials: keys } : {}),
        }),
    );
    byKey.set(key, client);
  }
  return client;
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
function lookupChoice(provider: pulumi.ProviderResource | undefined): {
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
    const { choice, keys } = lookupChoice(provider);
    ecsApi = diskIds !== undefined && diskIds.size > 0 && choice.mode === "disks";
    void pulumi.log.debug(
      `Manual snapshots read through ${ecsApi ? "the ECS API, by disk" : "the provider's getEcsSnapshots"} (${choice.why}).`,
    );
    if (!ecsApi) return await listRegion(provider);
    try {
      return await listDiskSnapshots([...(diskIds as ReadonlySet<string>)], keys);
    } catch (err) {
      if (!choice.fallBack) throw err;
      warnFallBack("snapshots", err);
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

/** The programs (by their monitor) already warned that the ECS API failed, for each lookup. */
const warnedFallBack = { disks: new WeakSet<object>(), snapshots: new WeakSet<object>() };

/** Once a program for each lookup: the ECS API failed under `auto`, so the provider answers instead. */
function warnFallBack(lookup: "disks" | "snapshots", err: unknown): void {
  const warned = warnedFallBack[lookup];
  const program: object = pulumi.runtime.getMonitor() ?? warned;
  if (warned.has(program)) return;
  warned.add(program);
  const why = `${err instanceof Error ? err.message : String(err)}`;
  void pulumi.log.warn(
    lookup === "snapshots"
      ? `Reading the snapshots of the disks through the ECS API failed (${why}${advice(err, "ecs:DescribeSnapshots")}); every manual snapshot of the region is listed through the provider instead, which costs one request per 50 snapshots in the region. Allow ecs:DescribeSnapshots to these credentials, or set ${SNAPSHOT_LOOKUP_VARIABLE}=region to always list the region.`
      : `Reading the disks through the ECS API failed (${why}${advice(err, "ecs:DescribeDisks, ecs:DescribeInstances")}); they are looked up through the provider's getEcsDisks instead, which costs one request per 100 disks in the region. Allow ecs:DescribeDisks and ecs:DescribeInstances to these credentials, or set ${SNAPSHOT_LOOKUP_VARIABLE}=region to always use the provider.`,
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
  const client = await ecsApiClient(keys);
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

/** A snapshot as the ECS API client reports it, as the provider's data source would have. */
function fromEcsApi(s: EcsApiSnapshot, diskId: string): CloudSnapshot {
  return {
    id: s.snapshotId,
    sourceDiskId: diskId,
    snapshotName: s.snapshotName,
    tags: providerTags(s.tags),
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
