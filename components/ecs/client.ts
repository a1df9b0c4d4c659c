/**
 * The ECS API calls the provider has no resource for (CopySnapshot, ResetDisk, StopInstance,
 * StartInstance) and the reads and writes around them, on the official SDK
 * (`@alicloud/ecs20140526` over `@alicloud/openapi-client`, which signs with ACS3-HMAC-SHA256).
 * Answers come back as small plain objects; every failure as an {@link EcsApiError}, one
 * sentence with the action, ECS's code and message, and the request ID.
 *
 * The SDK (≈ 0.4 s to load) is loaded on the first call, not when the library is imported.
 *
 * Endpoint: `endpoint` option, else `ESSD_ECS_ENDPOINT`, else the SDK's own endpoint for the
 * region. `http://127.0.0.1:<port>` points it at the simulated cloud's local ECS API
 * (simulator/doors/http.ts), which checks the signature against its test key.
 */
import type * as EcsSdk from "@alicloud/ecs20140526";
import type Credential from "@alicloud/credentials";

import { credentialFor, credentialSource, describeCredentialSource, type ExplicitCredentials } from "./credentials";
import { toEcsApiError } from "./errors";

/** The environment variable that points the client at another ECS endpoint (tests, the simulator). */
export const ENDPOINT_VARIABLE = "ESSD_ECS_ENDPOINT";

/** DescribeSnapshots, DescribeDisks and DescribeInstances: at most 100 items a page (MaxResults). */
const PAGE = 100;

export interface EcsClientOptions {
  /** The region the calls act in (see region.ts `resolveRegion`). */
  regionId: string;
  /** `http://host:port`, `https://host` or a bare host; default `ESSD_ECS_ENDPOINT`, else the SDK's. */
  endpoint?: string;
  /** Keys given in code; default the provider's sources (credentials.ts). */
  credentials?: ExplicitCredentials;
  /** Where the variables are read from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Milliseconds; the SDK's defaults otherwise. */
  readTimeout?: number;
  connectTimeout?: number;
}

/** A snapshot as DescribeSnapshots reports it. */
export interface EcsSnapshot {
  snapshotId: string;
  snapshotName: string;
  description: string;
  regionId: string;
  sourceDiskId: string;
  sourceDiskSize: number;
  sourceDiskType: string;
  /** `progressing`, `accomplished` or `failed`. */
  status: string;
  available: boolean;
  category: string;
  encrypted: boolean;
  kmsKeyId: string;
  /** Absent: kept until deleted. */
  retentionDays?: number;
  creationTime: string;
  snapshotType: string;
  usage: string;
  /** A copy's source snapshot and region; empty for a snapshot taken of a disk. */
  sourceSnapshotId: string;
  sourceRegionId: string;
  tags: Record<string, string>;
  /** `Progress`, a percentage (`42%`), and `RemainTime`, seconds, of a snapshot being uploaded. */
  progress?: string;
  remainTime?: number;
}

/** A disk as DescribeDisks reports it (every field the provider's getEcsDisks maps). */
export interface EcsDisk {
  diskId: string;
  diskName: string;
  description: string;
  category: string;
  performanceLevel: string;
  size: number;
  status: string;
  /** `system` or `data`. */
  type: string;
  instanceId: string;
  device: string;
  encrypted: boolean;
  kmsKeyId: string;
  zoneId: string;
  regionId: string;
  attachedTime: string;
  detachedTime: string;
  creationTime: string;
  expiredTime: string;
  /** `PostPaid` or `PrePaid` (DiskChargeType). */
  diskChargeType: string;
  sourceSnapshotId: string;
  imageId: string;
  portable: boolean;
  resourceGroupId: string;
  productCode: string;
  autoSnapshotPolicyId: string;
  deleteAutoSnapshot: boolean;
  deleteWithInstance: boolean;
  enableAutoSnapshot: boolean;
  enableAutomatedSnapshotPolicy: boolean;
  iops: number;
  iopsRead: number;
  iopsWrite: number;
  mountInstanceNum: number;
  mountInstances: { instanceId: string; device: string; attachedTime: string }[];
  /** The lock reasons (OperationLocks.OperationLock[].LockReason). */
  operationLocks: string[];
  tags: Record<string, string>;
}

/** An instance as DescribeInstances reports it (every field the provider's getInstances maps without details). */
export interface EcsInstance {
  instanceId: string;
  instanceName: string;
  description: string;
  status: string;
  zoneId: string;
  regionId: string;
  instanceType: string;
  imageId: string;
  creationTime: string;
  resourceGroupId: string;
  instanceChargeType: string;
  internetChargeType: string;
  internetMaxBandwidthOut: number;
  keyPairName: string;
  spotStrategy: string;
  vpcId: string;
  vSwitchId: string;
  /** VpcAttributes.PrivateIpAddress.IpAddress. */
  vpcPrivateIps: string[];
  /** InnerIpAddress.IpAddress (classic network). */
  innerIps: string[];
  publicIps: string[];
  /** EipAddress.IpAddress; empty without an EIP. */
  eip: string;
  securityGroupIds: string[];
  tags: Record<string, string>;
}

export interface SnapshotFilter {
  diskId?: string;
  instanceId?: string;
  snapshotIds?: string[];
  /** `auto`, `user` or `all`. */
  snapshotType?: string;
  status?: string;
  snapshotName?: string;
  tags?: Record<string, string>;
}

export interface CopySnapshotArgs {
  snapshotId: string;
  destinationRegionId: string;
  destinationSnapshotName: string;
  destinationSnapshotDescription: string;
  retentionDays?: number;
  encrypted?: boolean;
  kmsKeyId?: string;
  tags?: Record<string, string>;
  clientToken?: string;
}

export interface CreateSnapshotArgs {
  diskId: string;
  snapshotName?: string;
  description?: string;
  retentionDays?: number;
  tags?: Record<string, string>;
  category?: string;
  clientToken?: string;
}

/** A snapshot-consistent group as DescribeSnapshotGroups reports it, with its member snapshots. */
export interface EcsSnapshotGroup {
  snapshotGroupId: string;
  name: string;
  description: string;
  instanceId: string;
  /** `progressing`, `accomplished` or `failed`. */
  status: string;
  creationTime: string;
  tags: Record<string, string>;
  /** One per disk: the snapshot, its disk, whether it is usable yet, and its upload progress. */
  snapshots: { snapshotId: string; sourceDiskId: string; available: boolean; progress: string }[];
}

export interface SnapshotGroupFilter {
  /** At most 10 IDs (SnapshotGroupId.N). */
  snapshotGroupIds?: string[];
  instanceId?: string;
  name?: string;
  /** `progressing`, `accomplished`, `failed` (Status.N). */
  statuses?: string[];
  /** Every given tag with its value (Tag.N, filtered by ECS). */
  tags?: Record<string, string>;
}

type Sdk = typeof EcsSdk;

/** The ECS API in one region (each call may name another for DescribeSnapshots). */
export class EcsClient {
  readonly regionId: string;
  /** Where the credentials come from, in words (no secret). */
  readonly credentialSource: string;
  private readonly credential: Credential;
  private readonly endpoint?: { protocol: string; host: string };
  private sdk?: Promise<Sdk>;
  private readonly clients = new Map<string, Promise<EcsSdk.default>>();
  /** ECS's own time, from the HTTP Date header of the last answer (undefined before any). */
  private serverDate?: Date;

  constructor(private readonly options: EcsClientOptions) {
    const env = options.env ?? process.env;
    this.regionId = options.regionId;
    const source = credentialSource(env, options.credentials);
    this.credentialSource = describeCredentialSource(source);
    this.credential = credentialFor(source);
    const endpoint = options.endpoint ?? env[ENDPOINT_VARIABLE]?.trim();
    if (endpoint) this.endpoint = parseEndpoint(endpoint);
  }

  /** CopySnapshot: a copy of a snapshot of this region in another region; its ID. */
  async copySnapshot(args: CopySnapshotArgs): Promise<{ snapshotId: string }> {
    const body = await this.call("CopySnapshot", this.regionId, async (sdk, client) =>
      client.copySnapshot(
        new sdk.CopySnapshotRequest({
          regionId: this.regionId,
          snapshotId: args.snapshotId,
          destinationRegionId: args.destinationRegionId,
          destinationSnapshotName: args.destinationSnapshotName,
          destinationSnapshotDescription: args.destinationSnapshotDescription,
          retentionDays: args.retentionDays,
          encrypted: args.encrypted,
          KMSKeyId: args.kmsKeyId,
          clientToken: args.clientToken,
          tag: tagList(args.tags, (t) => new sdk.CopySnapshotRequestTag(t)),
        }),
      ),
    );
    return { snapshotId: body.snapshotId ?? "" };
  }

  /** ResetDisk: rolls the disk back to one of its own snapshots (its instance must be Stopped). */
  async resetDisk(diskId: string, snapshotId: string): Promise<void> {
    await this.call("ResetDisk", this.regionId, (sdk, client) =>
      client.resetDisk(new sdk.ResetDiskRequest({ regionId: this.regionId, diskId, snapshotId })),
    );
  }

  /** StopInstance (ECS: Stopping, then Stopped). */
  async stopInstance(instanceId: string, options: { forceStop?: boolean } = {}): Promise<void> {
    await this.call("StopInstance", this.regionId, (sdk, client) =>
      client.stopInstance(new sdk.StopInstanceRequest({ instanceId, forceStop: options.forceStop })),
    );
  }

  /** StartInstance (ECS: Starting, then Running). */
  async startInstance(instanceId: string): Promise<void> {
    await this.call("StartInstance", this.regionId, (sdk, client) =>
      client.startInstance(new sdk.StartInstanceRequest({ instanceId })),
    );
  }

  /** CreateSnapshot of a disk of this region; its ID. */
  async createSnapshot(args: CreateSnapshotArgs): Promise<{ snapshotId: string }> {
    const body = await this.call("CreateSnapshot", this.regionId, (sdk, client) =>
      client.createSnapshot(
        new sdk.CreateSnapshotRequest({
          diskId: args.diskId,
          snapshotName: args.snapshotName,
          description: args.description,
          retentionDays: args.retentionDays,
          category: args.category,
          clientToken: args.clientToken,
          tag: tagList(args.tags, (t) => new sdk.CreateSnapshotRequestTag(t)),
        }),
      ),
    );
    return { snapshotId: body.snapshotId ?? "" };
  }

  /** DeleteSnapshot in this region or another (a copy); `force` also when a disk was made from it. */
  async deleteSnapshot(snapshotId: string, options: { force?: boolean; regionId?: string } = {}): Promise<void> {
    const regionId = options.regionId ?? this.regionId;
    await this.call("DeleteSnapshot", regionId, (sdk, client) =>
      client.deleteSnapshot(new sdk.DeleteSnapshotRequest({ snapshotId, force: options.force })),
    );
  }

  /** One page of DescribeSnapshots (MaxResults/NextToken); `nextToken` is empty on the last. */
  async describeSnapshotsPage(
    filter: SnapshotFilter,
    page: { regionId?: string; maxResults?: number; nextToken?: string } = {},
  ): Promise<{ snapshots: EcsSnapshot[]; nextToken: string }> {
    const regionId = page.regionId ?? this.regionId;
    const body = await this.call("DescribeSnapshots", regionId, (sdk, client) =>
      client.describeSnapshots(
        new sdk.DescribeSnapshotsRequest({
          regionId,
          diskId: filter.diskId,
          instanceId: filter.instanceId,
          snapshotIds: filter.snapshotIds ? JSON.stringify(filter.snapshotIds) : undefined,
          snapshotType: filter.snapshotType,
          status: filter.status,
          snapshotName: filter.snapshotName,
          tag: tagList(filter.tags, (t) => new sdk.DescribeSnapshotsRequestTag(t)),
          maxResults: page.maxResults ?? PAGE,
          nextToken: page.nextToken || undefined,
        }),
      ),
    );
    return {
      snapshots: (body.snapshots?.snapshot ?? []).map((s) => ({
        snapshotId: s.snapshotId ?? "",
        snapshotName: s.snapshotName ?? "",
        description: s.description ?? "",
        regionId: s.regionId ?? regionId,
        sourceDiskId: s.sourceDiskId ?? "",
        sourceDiskSize: Number(s.sourceDiskSize ?? 0),
        sourceDiskType: s.sourceDiskType ?? "",
        status: s.status ?? "",
        available: s.available === true,
        category: s.category ?? "",
        encrypted: s.encrypted === true,
        kmsKeyId: s.KMSKeyId ?? "",
        ...(s.retentionDays === undefined || s.retentionDays === null ? {} : { retentionDays: s.retentionDays }),
        creationTime: s.creationTime ?? "",
        snapshotType: s.snapshotType ?? "",
        usage: s.usage ?? "",
        sourceSnapshotId: s.sourceSnapshotId ?? "",
        sourceRegionId: s.sourceRegionId ?? "",
        tags: Object.fromEntries((s.tags?.tag ?? []).map((t) => [t.tagKey ?? "", t.tagValue ?? ""])),
        ...(s.progress === undefined ? {} : { progress: s.progress }),
        ...(typeof s.remainTime === "number" ? { remainTime: s.remainTime } : {}),
      })),
      nextToken: body.nextToken ?? "",
    };
  }

  /** Every snapshot that matches, page after page (ECS filters; 100 a page). */
  async describeSnapshots(filter: SnapshotFilter = {}, options: { regionId?: string } = {}): Promise<EcsSnapshot[]> {
    const all: EcsSnapshot[] = [];
    let nextToken = "";
    do {
      const page = await this.describeSnapshotsPage(filter, { regionId: options.regionId, nextToken });
      all.push(...page.snapshots);
      nextToken = page.nextToken;
    } while (nextToken);
    return all;
  }

  /**
   * DescribeSnapshotGroups: every group that matches, page after page (100 a page), each with its
   * member snapshots (which the provider's getEcsSnapshotGroups leaves out).
   */
  async describeSnapshotGroups(filter: SnapshotGroupFilter = {}): Promise<EcsSnapshotGroup[]> {
    const all: EcsSnapshotGroup[] = [];
    let nextToken = "";
    do {
      const body = await this.call("DescribeSnapshotGroups", this.regionId, (sdk, client) =>
        client.describeSnapshotGroups(
          new sdk.DescribeSnapshotGroupsRequest({
            regionId: this.regionId,
            snapshotGroupId: filter.snapshotGroupIds,
            instanceId: filter.instanceId,
            name: filter.name,
            status: filter.statuses,
            tag: tagList(filter.tags, (t) => new sdk.DescribeSnapshotGroupsRequestTag(t)),
            maxResults: PAGE,
            nextToken: nextToken || undefined,
          }),
        ),
      );
      for (const g of body.snapshotGroups?.snapshotGroup ?? [])
        all.push({
          snapshotGroupId: g.snapshotGroupId ?? "",
          name: g.name ?? "",
          description: g.description ?? "",
          instanceId: g.instanceId ?? "",
          status: g.status ?? "",
          creationTime: g.creationTime ?? "",
          tags: Object.fromEntries((g.tags?.tag ?? []).map((t) => [t.key ?? "", t.value ?? ""])),
          snapshots: (g.snapshots?.snapshot ?? []).map((s) => ({
            snapshotId: s.snapshotId ?? "",
            sourceDiskId: s.sourceDiskId ?? "",
            available: s.available === true,
            progress: s.progress ?? "",
          })),
        });
      nextToken = body.nextToken ?? "";
    } while (nextToken);
    return all;
  }

  /**
   * ECS's time as its last answer's HTTP Date header said it (to the second), else this machine's:
   * ages of what ECS made are measured on ECS's clock.
   */
  serverTime(): Date {
    return this.serverDate ?? new Date();
  }

  /** DeleteSnapshotGroup: the group and its snapshots, except one a custom image was made from. */
  async deleteSnapshotGroup(snapshotGroupId: string): Promise<void> {
    await this.call("DeleteSnapshotGroup", this.regionId, (sdk, client) =>
      client.deleteSnapshotGroup(new sdk.DeleteSnapshotGroupRequest({ regionId: this.regionId, snapshotGroupId })),
    );
  }

  /** DescribeDisks by ID (100 IDs a request); unknown IDs are left out. */
  async describeDisks(diskIds: string[]): Promise<EcsDisk[]> {
    const all: EcsDisk[] = [];
    for (let i = 0; i < diskIds.length; i += PAGE) {
      const ids = diskIds.slice(i, i + PAGE);
      const body = await this.call("DescribeDisks", this.regionId, (sdk, client) =>
        client.describeDisks(
          new sdk.DescribeDisksRequest({ regionId: this.regionId, diskIds: JSON.stringify(ids), maxResults: PAGE }),
        ),
      );
      for (const d of body.disks?.disk ?? []) all.push(diskOf(d));
    }
    return all;
  }

  /** DescribeInstances by ID (100 IDs a request); unknown IDs are left out. */
  async describeInstances(instanceIds: string[]): Promise<EcsInstance[]> {
    const all: EcsInstance[] = [];
    for (let i = 0; i < instanceIds.length; i += PAGE) {
      const ids = instanceIds.slice(i, i + PAGE);
      const body = await this.call("DescribeInstances", this.regionId, (sdk, client) =>
        client.describeInstances(
          new sdk.DescribeInstancesRequest({
            regionId: this.regionId,
            instanceIds: JSON.stringify(ids),
            maxResults: PAGE,
          }),
        ),
      );
      for (const x of body.instances?.instance ?? []) all.push(instanceOf(x));
    }
    return all;
  }

  /** One SDK call in `regionId`: its answer's body, or its failure as an EcsApiError. */
  private async call<B>(
    action: string,
    regionId: string,
    op: (sdk: Sdk, client: EcsSdk.default) => Promise<{ body?: B }>,
  ): Promise<B> {
    try {
      const sdk = await this.loadSdk();
      const response = await op(sdk, await this.clientFor(regionId));
      const date = (response as { headers?: Record<string, string> }).headers?.date;
      if (date && !Number.isNaN(Date.parse(date))) this.serverDate = new Date(date);
      return response.body ?? ({} as B);
    } catch (err) {
      throw toEcsApiError(action, regionId, err);
    }
  }

  private loadSdk(): Promise<Sdk> {
    this.sdk ??= import("@alicloud/ecs20140526");
    return this.sdk;
  }

  /** The SDK's client for a region: its endpoint, signed with this client's credentials. */
  private clientFor(regionId: string): Promise<EcsSdk.default> {
    let client = this.clients.get(regionId);
    if (!client) {
      client = Promise.all([this.loadSdk(), import("@alicloud/openapi-client")]).then(([sdk, openapi]) => {
        const config = new openapi.Config({
          credential: this.credential,
          regionId,
          ...(this.endpoint ? { endpoint: this.endpoint.host, protocol: this.endpoint.protocol } : {}),
          readTimeout: this.options.readTimeout,
          connectTimeout: this.options.connectTimeout,
        });
        return new sdk.default(config);
      });
      this.clients.set(regionId, client);
    }
    return client;
  }
}

function tagList<T>(
  tags: Record<string, string> | undefined,
  make: (t: { key: string; value: string }) => T,
): T[] | undefined {
  const entries = Object.entries(tags ?? {});
  return entries.length > 0 ? entries.map(([key, value]) => make({ key, value })) : undefined;
}

/** `http://127.0.0.1:8080` → http + `127.0.0.1:8080`; a bare host is https. */
export function parseEndpoint(endpoint: string): { protocol: string; host: string } {
  const m = /^(https?):\/\/([^/]+)\/?$/.exec(endpoint);
  if (m) return { protocol: m[1], host: m[2] };
  if (/^[A-Za-z0-9.-]+(:\d+)?$/.test(endpoint)) return { protocol: "https", host: endpoint };
  throw new Error(
    `The ECS endpoint ${JSON.stringify(endpoint)} (option endpoint or ${ENDPOINT_VARIABLE}) is not an endpoint; expected http://host:port, https://host or a host name.`,
  );
}

/** A DescribeDisks item as a plain object: absent fields empty, as ECS leaves them. */
function diskOf(d: EcsSdk.DescribeDisksResponseBodyDisksDisk): EcsDisk {
  return {
    diskId: d.diskId ?? "",
    diskName: d.diskName ?? "",
    description: d.description ?? "",
    category: d.category ?? "",
    performanceLevel: d.performanceLevel ?? "",
    size: d.size ?? 0,
    status: d.status ?? "",
    type: d.type ?? "",
    instanceId: d.instanceId ?? "",
    device: d.device ?? "",
    encrypted: d.encrypted === true,
    kmsKeyId: d.KMSKeyId ?? "",
    zoneId: d.zoneId ?? "",
    regionId: d.regionId ?? "",
    attachedTime: d.attachedTime ?? "",
    detachedTime: d.detachedTime ?? "",
    creationTime: d.creationTime ?? "",
    expiredTime: d.expiredTime ?? "",
    diskChargeType: d.diskChargeType ?? "",
    sourceSnapshotId: d.sourceSnapshotId ?? "",
    imageId: d.imageId ?? "",
    portable: d.portable === true,
    resourceGroupId: d.resourceGroupId ?? "",
    productCode: d.productCode ?? "",
    autoSnapshotPolicyId: d.autoSnapshotPolicyId ?? "",
    deleteAutoSnapshot: d.deleteAutoSnapshot === true,
    deleteWithInstance: d.deleteWithInstance === true,
    enableAutoSnapshot: d.enableAutoSnapshot === true,
    enableAutomatedSnapshotPolicy: d.enableAutomatedSnapshotPolicy === true,
    iops: d.IOPS ?? 0,
    iopsRead: d.IOPSRead ?? 0,
    iopsWrite: d.IOPSWrite ?? 0,
    mountInstanceNum: d.mountInstanceNum ?? 0,
    mountInstances: (d.mountInstances?.mountInstance ?? []).map((m) => ({
      instanceId: m.instanceId ?? "",
      device: m.device ?? "",
      attachedTime: m.attachedTime ?? "",
    })),
    operationLocks: (d.operationLocks?.operationLock ?? []).map((l) => l.lockReason ?? ""),
    tags: Object.fromEntries((d.tags?.tag ?? []).map((t) => [t.tagKey ?? "", t.tagValue ?? ""])),
  };
}

/** A DescribeInstances item as a plain object: absent fields empty, as ECS leaves them. */
function instanceOf(x: EcsSdk.DescribeInstancesResponseBodyInstancesInstance): EcsInstance {
  return {
    instanceId: x.instanceId ?? "",
    instanceName: x.instanceName ?? "",
    description: x.description ?? "",
    status: x.status ?? "",
    zoneId: x.zoneId ?? "",
    regionId: x.regionId ?? "",
    instanceType: x.instanceType ?? "",
    imageId: x.imageId ?? "",
    creationTime: x.creationTime ?? "",
    resourceGroupId: x.resourceGroupId ?? "",
    instanceChargeType: x.instanceChargeType ?? "",
    internetChargeType: x.internetChargeType ?? "",
    internetMaxBandwidthOut: x.internetMaxBandwidthOut ?? 0,
    keyPairName: x.keyPairName ?? "",
    spotStrategy: x.spotStrategy ?? "",
    vpcId: x.vpcAttributes?.vpcId ?? "",
    vSwitchId: x.vpcAttributes?.vSwitchId ?? "",
    vpcPrivateIps: x.vpcAttributes?.privateIpAddress?.ipAddress ?? [],
    innerIps: x.innerIpAddress?.ipAddress ?? [],
    publicIps: x.publicIpAddress?.ipAddress ?? [],
    eip: x.eipAddress?.ipAddress ?? "",
    securityGroupIds: x.securityGroupIds?.securityGroupId ?? [],
    tags: Object.fromEntries((x.tags?.tag ?? []).map((t) => [t.tagKey ?? "", t.tagValue ?? ""])),
  };
}
