/**
 * The HTTP door: the simulated cloud as the ECS RPC API (version 2014-05-26) on 127.0.0.1, for
 * the official SDK (`@alicloud/ecs20140526`) and any client that signs its requests. Parameters
 * come from the query and from a form body; every request is signed with the account's test
 * key (simulator/doors/signature.ts: ACS3-HMAC-SHA256 or HMAC-SHA1); answers and errors are JSON
 * as the API reference shows them: `{ RequestId, ... }`, or `{ RequestId, HostId, Code, Message }`
 * with the HTTP status the reference lists for that code.
 *
 * It serves one cloud: a {@link SimulatedCloud} object in-process (tests), or the JSON state
 * file of the stand-in provider (read before and written after each request), so what is made
 * over HTTP is what the stand-in provider and `pulumi-sim cloud` see.
 *
 * Actions: CopySnapshot, ResetDisk, DescribeSnapshots, DescribeDisks, DescribeInstances,
 * StopInstance, StartInstance, CreateSnapshot, DeleteSnapshot, DescribeSnapshotGroups, DeleteSnapshotGroup.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import {
  EcsError,
  copySnapshot,
  describeRegionSnapshots,
  deleteSnapshotGroup,
  describeSnapshotGroups,
  groupStatus,
  membersOf,
  regionsOf,
  resetDisk,
  snapshotsIn,
  startInstance,
  stopInstance,
  type SimCopy,
  type SimDisk,
  type SimInstance,
  type SimSnapshot,
  type SimulatedCloud,
} from "../model";
import { checkSignature, type SignedRequest, type TestKey } from "./signature";
import { withCloudFile, type CloudFileOptions } from "./stateFile";

/** The account's test key: what a client of the local ECS API signs with. */
export const TEST_ACCESS_KEY: TestKey = {
  accessKeyId: "LTAIsimulatedTestKey",
  accessKeySecret: "simulated-test-secret",
};

/** What ECS names in `HostId` (the API overview's error example). */
const HOST_ID = "ecs.aliyuncs.com";

export interface EcsApiOptions {
  /** The cloud to serve in-process; or `stateFile` (not both). */
  cloud?: SimulatedCloud;
  stateFile?: CloudFileOptions;
  /** The key requests must be signed with; default {@link TEST_ACCESS_KEY}. */
  key?: TestKey;
  /** 0 (default): a free port. */
  port?: number;
}

export interface EcsApi {
  /** `http://127.0.0.1:<port>`: what a client takes as its endpoint. */
  endpoint: string;
  port: number;
  /** The actions served so far, in order (what a RAM policy must allow). */
  actions: string[];
  close(): Promise<void>;
}

type Params = Map<string, string>;
type Handler = (cloud: SimulatedCloud, p: Params) => Record<string, unknown>;

/** Starts the local ECS API on 127.0.0.1. */
export async function startEcsApi(options: EcsApiOptions): Promise<EcsApi> {
  if (!options.cloud === !options.stateFile) throw new Error("startEcsApi needs exactly one of cloud or stateFile.");
  const key = options.key ?? TEST_ACCESS_KEY;
  const actions: string[] = [];
  const withCloud = <T>(op: (cloud: SimulatedCloud) => T): T =>
    options.cloud ? op(options.cloud) : withCloudFile(options.stateFile as CloudFileOptions, op);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => answer(req, res, Buffer.concat(chunks), key, actions, withCloud));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return { endpoint: `http://127.0.0.1:${port}`, port, actions, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  key: TestKey,
  actions: string[],
  withCloud: <T>(op: (cloud: SimulatedCloud) => T) => T,
): void {
  const requestId = randomUUID().toUpperCase();
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const form =
    (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") && body.length > 0
      ? [...new URLSearchParams(body.toString("utf8"))]
      : [];
  const signed: SignedRequest = {
    method: req.method ?? "GET",
    path: url.pathname,
    query: [...url.searchParams],
    form,
    headers: req.headers,
    body,
  };
  const params: Params = new Map([...signed.query, ...form]);
  const action = String(req.headers["x-acs-action"] ?? params.get("Action") ?? "");
  // HTTP's Date header, at the cloud's time (the simulated clock) once a request has reached it.
  let date = new Date();
  const send = (status: number, json: Record<string, unknown>) => {
    res.writeHead(status, {
      "content-type": "application/json;charset=utf-8",
      "x-acs-request-id": requestId,
      date: date.toUTCString(),
    });
    res.end(JSON.stringify({ RequestId: requestId, ...json }));
  };
  const fail = (code: string, message: string) =>
    send(statusOf(action, code), { HostId: HOST_ID, Code: code, Message: message });

  const problem = checkSignature(signed, key);
  if (problem) return fail(problem.code, problem.message);
  const handler = HANDLERS[action];
  if (!handler)
    return fail(
      "InvalidAction.NotFound",
      `Specified api ${action || "(none)"} is not found; the simulated ECS API serves ${Object.keys(HANDLERS).join(", ")}.`,
    );
  actions.push(action);
  try {
    send(
      200,
      withCloud((cloud) => {
        const answered = handler(cloud, params);
        date = cloud.now();
        return answered;
      }),
    );
  } catch (err) {
    if (err instanceof EcsError) return fail(err.code, err.apiMessage);
    fail(
      "InternalError",
      `The request processing has failed due to some unknown error: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/**
 * The HTTP status of an error code, as each action's table in the API reference lists it: a
 * code listed with a status other than the general rule, then the general rule (NotFound 404,
 * malformed or missing input 400, InternalError 500, every other refusal 403).
 */
const STATUS_BY_ACTION: Record<string, Record<string, number>> = {
  // CopySnapshot lists these as 403 (InvalidSnapshotId.NotFound included).
  CopySnapshot: {
    "InvalidSnapshotId.NotFound": 403,
    "InvalidSnapshotName.Malformed": 403,
    "InvalidDescription.Malformed": 403,
    "InvalidRetentionDays.Malformed": 403,
  },
  // CreateSnapshot lists IncorrectInstanceStatus as 400 and InvalidDescription.Malformed as 404.
  CreateSnapshot: { IncorrectInstanceStatus: 400, "InvalidDescription.Malformed": 404 },
  // DeleteSnapshot: IncorrectDiskStatus.CreatingSnapshot is 400.
  DeleteSnapshot: { "IncorrectDiskStatus.CreatingSnapshot": 400 },
  // ResetDisk: InvalidParameter.Mismatch is 403; DiskCategory.OperationNotSupported 400.
  ResetDisk: { "InvalidParameter.Mismatch": 403 },
};

export function statusOf(action: string, code: string): number {
  const listed = STATUS_BY_ACTION[action]?.[code];
  if (listed) return listed;
  if (code === "InternalError") return 500;
  if (code === "ServiceUnavailable") return 503;
  if (code.endsWith(".NotFound") || code === "InvalidAction.NotFound") return 404;
  if (
    code === "MissingParameter" ||
    code === "SignatureDoesNotMatch" ||
    code === "IncompleteSignature" ||
    code.endsWith(".Malformed") ||
    code.endsWith(".MalFormed") ||
    code.startsWith("InvalidParameter")
  )
    return 400;
  return 403;
}

// ---- parameters as the SDK sends them ----

function required(p: Params, name: string): string {
  const v = p.get(name);
  if (v === undefined || v === "")
    throw new EcsError(
      "MissingParameter",
      `The input parameter ${name} that is mandatory for processing this request is not supplied.`,
    );
  return v;
}

function optionalInt(p: Params, name: string): number | undefined {
  const v = p.get(name);
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new EcsError(`Invalid${name}.Malformed`, `The specified ${name} is not valid: ${v}.`);
  return n;
}

function optionalBool(p: Params, name: string): boolean | undefined {
  const v = p.get(name);
  return v === undefined || v === "" ? undefined : v === "true";
}

/** `Tag.N.Key` / `Tag.N.Value` (the SDK's repeatList style). */
function tagsOf(p: Params): Record<string, string> | undefined {
  const tags: Record<string, string> = {};
  for (const [k, v] of p) {
    const m = /^Tag\.(\d+)\.Key$/.exec(k);
    if (m) tags[v] = p.get(`Tag.${m[1]}.Value`) ?? "";
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** `["a","b"]`: how the SDK sends SnapshotIds, DiskIds and InstanceIds. */
function idList(p: Params, name: string): string[] | undefined {
  const v = p.get(name);
  if (v === undefined || v === "") return undefined;
  try {
    const list: unknown = JSON.parse(v);
    if (Array.isArray(list) && list.every((x) => typeof x === "string")) return list;
  } catch {
    // fall through
  }
  throw new EcsError(
    `Invalid${name}.Malformed`,
    `The specified ${name} is not valid: expected a JSON array of IDs, got ${v}.`,
  );
}

function paging(p: Params): { maxResults: number | undefined; nextToken: string } {
  return { maxResults: optionalInt(p, "MaxResults"), nextToken: p.get("NextToken") ?? "" };
}

function knownRegion(cloud: SimulatedCloud, regionId: string): void {
  if (!regionsOf(cloud).includes(regionId))
    throw new EcsError("InvalidRegionId.NotExists", `Region not exists: ${regionId}.`);
}

/** A page of any list by MaxResults/NextToken (tokens are offsets, opaque to the client). */
function pageOf<T>(items: T[], maxResults = 10, nextToken = ""): { items: T[]; nextToken: string } {
  const start = nextToken ? Number(/^nt-(\d+)$/.exec(nextToken)?.[1] ?? NaN) : 0;
  if (!Number.isInteger(start))
    throw new EcsError(
      "InvalidParameter.NextToken",
      `The specified NextToken ${nextToken} is not valid (code unverified).`,
    );
  if (!(maxResults >= 1 && maxResults <= 100))
    throw new EcsError(
      "InvalidParameter.MaxResults",
      `MaxResults must be 1 to 100; got ${maxResults} (code unverified).`,
    );
  const end = Math.min(items.length, start + maxResults);
  return { items: items.slice(start, end), nextToken: end < items.length ? `nt-${end}` : "" };
}

// ---- answers, in the API reference's field names ----

const tagList = (tags: Record<string, string> | undefined) => ({
  Tag: Object.entries(tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
});

function snapshotJson(cloud: SimulatedCloud, regionId: string, s: SimSnapshot): Record<string, unknown> {
  const copy = s as Partial<SimCopy>;
  return {
    SnapshotId: s.id,
    SnapshotName: s.snapshotName,
    Description: s.description,
    RegionId: regionId,
    SourceDiskId: s.sourceDiskId,
    SourceDiskSize: String(s.sourceDiskSize),
    SourceDiskType: s.sourceDiskType === "system" ? "System" : "Data",
    Category: s.category,
    InstantAccess: s.instantAccess,
    Available: s.available,
    Status: s.status,
    // At the cloud's time, as getEcsSnapshots reports them (FIDELITY: Progress, RemainTime).
    ...progressOf(cloud, regionId, s),
    Encrypted: s.encrypted,
    KMSKeyId: s.kmsKeyId ?? "",
    ...(s.retentionDays === null ? {} : { RetentionDays: s.retentionDays }),
    CreationTime: s.createTime.replace(/\.\d{3}Z$/, "Z"),
    SnapshotType: s.snapshotType,
    Usage: regionId === cloud.regionId ? (cloud.snapshotUsages().get(s.id) ?? "none") : "none",
    ResourceGroupId: s.resourceGroupId,
    SourceSnapshotId: copy.sourceSnapshotId ?? "",
    SourceRegionId: copy.sourceRegionId ?? "",
    Tags: tagList(s.tags),
  };
}

/** DescribeSnapshots `Progress` and `RemainTime`: the upload's, in the cloud's own region. */
function progressOf(cloud: SimulatedCloud, regionId: string, s: SimSnapshot): { Progress: string; RemainTime: number } {
  if (regionId !== cloud.regionId) return { Progress: s.status === "accomplished" ? "100%" : "0%", RemainTime: 0 };
  const { progress, remainTime } = cloud.uploadProgress(s);
  return { Progress: progress, RemainTime: remainTime };
}

function diskJson(d: SimDisk): Record<string, unknown> {
  return {
    DiskId: d.id,
    DiskName: d.diskName,
    Description: d.description,
    Category: d.category,
    PerformanceLevel: d.performanceLevel,
    Size: d.size,
    Status: d.status,
    Type: d.type,
    InstanceId: d.instanceId,
    Device: d.device,
    Encrypted: d.encrypted === "on",
    KMSKeyId: d.kmsKeyId,
    ZoneId: d.zoneId,
    RegionId: d.regionId,
    AttachedTime: d.attachedTime,
    DetachedTime: d.detachedTime,
    CreationTime: d.creationTime,
    SourceSnapshotId: d.snapshotId,
    ExpiredTime: d.expiredTime,
    DiskChargeType: d.paymentType === "Subscription" ? "PrePaid" : "PostPaid",
    ImageId: d.imageId,
    Portable: d.portable,
    ResourceGroupId: d.resourceGroupId,
    ProductCode: d.productCode,
    AutoSnapshotPolicyId: d.autoSnapshotPolicyId,
    DeleteAutoSnapshot: d.deleteAutoSnapshot,
    DeleteWithInstance: d.deleteWithInstance,
    EnableAutoSnapshot: d.enableAutoSnapshot,
    EnableAutomatedSnapshotPolicy: d.enableAutomatedSnapshotPolicy,
    IOPS: d.iops,
    IOPSRead: d.iopsRead,
    IOPSWrite: d.iopsWrite,
    MountInstanceNum: d.mountInstanceNum,
    MountInstances: {
      MountInstance: (d.mountInstances ?? []).map((m) => ({
        InstanceId: m.instanceId,
        Device: m.device,
        AttachedTime: m.attachedTime,
      })),
    },
    OperationLocks: { OperationLock: (d.operationLocks ?? []).map((l) => ({ LockReason: l.lockReason })) },
    Tags: tagList(d.tags),
  };
}

function instanceJson(i: SimInstance): Record<string, unknown> {
  return {
    InstanceId: i.id,
    InstanceName: i.name,
    Description: i.description,
    Status: i.status,
    ZoneId: i.availabilityZone,
    RegionId: i.regionId,
    InstanceType: i.instanceType,
    ImageId: i.imageId,
    CreationTime: i.creationTime,
    ResourceGroupId: i.resourceGroupId,
    InstanceChargeType: i.instanceChargeType,
    InternetChargeType: i.internetChargeType,
    InternetMaxBandwidthOut: i.internetMaxBandwidthOut,
    KeyPairName: i.keyName,
    SpotStrategy: i.spotStrategy,
    InstanceNetworkType: "vpc",
    VpcAttributes: {
      VpcId: i.vpcId,
      VSwitchId: i.vswitchId,
      PrivateIpAddress: { IpAddress: i.privateIp ? [i.privateIp] : [] },
    },
    // A VPC instance: no classic (inner) address; an EIP is reported apart from the public addresses.
    InnerIpAddress: { IpAddress: [] },
    PublicIpAddress: { IpAddress: i.publicIp && i.publicIp !== i.eip ? [i.publicIp] : [] },
    EipAddress: { IpAddress: i.eip },
    SecurityGroupIds: { SecurityGroupId: [...i.securityGroups] },
    Tags: tagList(i.tags),
  };
}

// ---- the actions ----

const HANDLERS: Record<string, Handler> = {
  CopySnapshot: (cloud, p) => {
    const made = copySnapshot(cloud, {
      regionId: required(p, "RegionId"),
      destinationRegionId: required(p, "DestinationRegionId"),
      snapshotId: required(p, "SnapshotId"),
      destinationSnapshotName: p.get("DestinationSnapshotName"),
      destinationSnapshotDescription: p.get("DestinationSnapshotDescription"),
      retentionDays: optionalInt(p, "RetentionDays"),
      encrypted: optionalBool(p, "Encrypted"),
      kmsKeyId: p.get("KMSKeyId"),
      tags: tagsOf(p),
    });
    return { SnapshotId: made.id };
  },
  ResetDisk: (cloud, p) => {
    resetDisk(cloud, {
      regionId: regionOf(cloud, p),
      diskId: required(p, "DiskId"),
      snapshotId: required(p, "SnapshotId"),
    });
    return {};
  },
  StopInstance: (cloud, p) => {
    stopInstance(cloud, regionOf(cloud, p), required(p, "InstanceId"));
    return {};
  },
  StartInstance: (cloud, p) => {
    startInstance(cloud, regionOf(cloud, p), required(p, "InstanceId"));
    return {};
  },
  CreateSnapshot: (cloud, p) => {
    inMainRegion(cloud, regionOf(cloud, p), "disk", required(p, "DiskId"));
    const made = cloud.createSnapshot({
      diskId: required(p, "DiskId"),
      category: p.get("Category")?.toLowerCase(),
      retentionDays: optionalInt(p, "RetentionDays"),
      snapshotName: p.get("SnapshotName"),
      description: p.get("Description"),
      tags: tagsOf(p),
      resourceGroupId: p.get("ResourceGroupId"),
    });
    return { SnapshotId: made.id };
  },
  DeleteSnapshot: (cloud, p) => {
    const id = required(p, "SnapshotId");
    // The SDK sends no RegionId here (ECS knows it from the endpoint): look in every region.
    const regionId =
      p.get("RegionId") ||
      regionsOf(cloud).find((r) => snapshotsIn(cloud, r).some((s) => s.id === id)) ||
      cloud.regionId;
    // "If the specified snapshot does not exist, the request is ignored" (DeleteSnapshot).
    const list = snapshotsIn(cloud, regionId);
    const found = list.find((s) => s.id === id);
    if (!found) return {};
    if (regionId === cloud.regionId) cloud.deleteSnapshot(id, optionalBool(p, "Force") === true);
    else {
      cloud.call("DeleteSnapshot");
      list.splice(list.indexOf(found), 1);
    }
    return {};
  },
  DescribeSnapshots: (cloud, p) => {
    const regionId = required(p, "RegionId");
    const { maxResults, nextToken } = paging(p);
    const page = describeRegionSnapshots(
      cloud,
      {
        regionId,
        diskId: p.get("DiskId") || undefined,
        instanceId: p.get("InstanceId") || undefined,
        snapshotIds: idList(p, "SnapshotIds"),
        snapshotType: p.get("SnapshotType") || undefined,
        status: p.get("Status") || undefined,
        snapshotName: p.get("SnapshotName") || undefined,
        category: p.get("Category") || undefined,
        encrypted: optionalBool(p, "Encrypted"),
        tags: tagsOf(p),
      },
      maxResults,
      nextToken,
    );
    return {
      TotalCount: page.totalCount,
      NextToken: page.nextToken,
      Snapshots: { Snapshot: page.snapshots.map((s) => snapshotJson(cloud, regionId, s)) },
    };
  },
  DescribeDisks: (cloud, p) => {
    const regionId = required(p, "RegionId");
    knownRegion(cloud, regionId);
    const ids = idList(p, "DiskIds");
    // "A JSON array, up to 100 IDs" (DescribeDisks, DiskIds); the reference's error table names no
    // code for more: refused, the stricter side, with a code of the API's InvalidParameter family.
    if (ids && ids.length > MAX_DISK_IDS)
      throw new EcsError(
        "InvalidParameter.DiskIds",
        `DiskIds takes at most ${MAX_DISK_IDS} disk IDs; got ${ids.length}.`,
      );
    const wanted = ids && new Set(ids);
    const instanceId = p.get("InstanceId") || undefined;
    const all = regionId === cloud.regionId ? cloud.describeDisks() : [];
    // The filters are ANDed; an empty DiskIds array matches nothing.
    const matching = all.filter((d) => (!wanted || wanted.has(d.id)) && (!instanceId || d.instanceId === instanceId));
    const page = pageOf(matching, optionalInt(p, "MaxResults"), p.get("NextToken") ?? "");
    return { TotalCount: matching.length, NextToken: page.nextToken, Disks: { Disk: page.items.map(diskJson) } };
  },
  DescribeInstances: (cloud, p) => {
    const regionId = required(p, "RegionId");
    knownRegion(cloud, regionId);
    const ids = idList(p, "InstanceIds");
    const all = regionId === cloud.regionId ? cloud.describeInstances(ids) : [];
    const page = pageOf(all, optionalInt(p, "MaxResults"), p.get("NextToken") ?? "");
    return { TotalCount: all.length, NextToken: page.nextToken, Instances: { Instance: page.items.map(instanceJson) } };
  },
  DescribeSnapshotGroups: (cloud, p) => describeSnapshotGroupsAction(cloud, p),
  DeleteSnapshotGroup: (cloud, p) => {
    knownRegion(cloud, regionOf(cloud, p));
    deleteSnapshotGroup(cloud, required(p, "SnapshotGroupId"));
    return {};
  },
};

/**
 * ResetDisk, StopInstance, StartInstance and CreateSnapshot have no RegionId in the SDK's
 * requests (ECS knows the region from the endpoint); one endpoint serves every region here, so
 * they act in the account's main region, where its disks and instances are, unless one is sent.
 */
function regionOf(cloud: SimulatedCloud, p: Params): string {
  return p.get("RegionId") || cloud.regionId;
}

/** `Name.1`, `Name.2`, …: how the SDK sends a list such as SnapshotGroupId.N and Status.N. */
function repeated(p: Params, name: string): string[] | undefined {
  const items = [...p]
    .flatMap(([k, v]) => {
      const m = new RegExp(`^${name}\\.(\\d+)$`).exec(k);
      return m ? [[Number(m[1]), v] as const] : [];
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v);
  return items.length > 0 ? items : undefined;
}

/**
 * DescribeSnapshotGroups: the groups with their member snapshots (`Snapshots.Snapshot[]`:
 * SnapshotId, SourceDiskId, Available, Progress, …), as the API page and the SDK's response
 * model (`DescribeSnapshotGroupsResponseBody`) show them; paged by MaxResults/NextToken.
 */
function describeSnapshotGroupsAction(cloud: SimulatedCloud, p: Params): Record<string, unknown> {
  const regionId = required(p, "RegionId");
  knownRegion(cloud, regionId);
  const found =
    regionId === cloud.regionId
      ? describeSnapshotGroups(cloud, {
          instanceId: p.get("InstanceId") || undefined,
          name: p.get("Name") || undefined,
          snapshotGroupIds: repeated(p, "SnapshotGroupId"),
          statuses: repeated(p, "Status"),
          tags: tagsOf(p),
        })
      : [];
  const page = pageOf(found, optionalInt(p, "MaxResults"), p.get("NextToken") ?? "");
  return {
    NextToken: page.nextToken,
    SnapshotGroups: {
      SnapshotGroup: page.items.map((g) => ({
        SnapshotGroupId: g.id,
        Name: g.name,
        Description: g.description,
        InstanceId: g.instanceId,
        ResourceGroupId: g.resourceGroupId,
        CreationTime: g.createTime.replace(/\.\d{3}Z$/, "Z"),
        Status: groupStatus(cloud, g),
        // The SDK's response model names a group's tags Key and Value (not TagKey, TagValue).
        Tags: { Tag: Object.entries(g.tags).map(([Key, Value]) => ({ Key, Value })) },
        Snapshots: {
          Snapshot: membersOf(cloud, g).map((s) => ({
            SnapshotId: s.id,
            SourceDiskId: s.sourceDiskId,
            SourceDiskType: s.sourceDiskType === "system" ? "System" : "Data",
            Available: s.available,
            InstantAccess: s.instantAccess,
            Progress: cloud.uploadProgress(s).progress,
            Tags: { Tag: Object.entries(s.tags).map(([Key, Value]) => ({ Key, Value })) },
          })),
        },
      })),
    },
  };
}

/** DescribeDisks takes at most this many DiskIds. */
const MAX_DISK_IDS = 100;

/** Disks and instances live in the account's main region only: elsewhere they are not found. */
function inMainRegion(cloud: SimulatedCloud, regionId: string, what: "disk", id: string): void {
  knownRegion(cloud, regionId);
  if (regionId !== cloud.regionId)
    throw new EcsError("InvalidDiskId.NotFound", `The specified ${what} ${id} does not exist in ${regionId}.`);
}
