/**
 * `alicloud:ecs/getEcsSnapshots:getEcsSnapshots` as data_source_alicloud_ecs_snapshots.go: the
 * filters go to DescribeSnapshots (`type` wins over `snapshotType`, whose default is `all`), the
 * provider pages until a page is short or has no NextToken, then keeps the `ids` and the names
 * matching `nameRegex` itself.
 */
import type { DescribeSnapshotsRequest, SimSnapshot, SimulatedCloud } from "../model";
import { fnv, str, tags, type Props, type ServedInvoke } from "../served";
import { reportedTags } from "./tags";

/**
 * getEcsSnapshots asks DescribeSnapshots for this many a page (`PageSizeLarge` in the provider's
 * alicloud/common.go), so N matching snapshots cost ceil(N/50) requests, at least one.
 */
export const SNAPSHOTS_PAGE_SIZE = 50;

/** The values the data source's schema accepts (validation.StringInSlice), by input. */
const SNAPSHOTS_ENUMS: Record<string, { field: string; values: string[] }> = {
  category: { field: "category", values: ["flash", "standard"] },
  snapshotType: { field: "snapshot_type", values: ["auto", "user", "all"] },
  sourceDiskType: { field: "source_disk_type", values: ["System", "Data"] },
  status: { field: "status", values: ["accomplished", "failed", "progressing", "all"] },
  usage: { field: "usage", values: ["image", "disk", "image_disk", "none"] },
};

export const getEcsSnapshots = {
  kind: "invoke",
  token: "alicloud:ecs/getEcsSnapshots:getEcsSnapshots" as const,
  pagedAction: "DescribeSnapshots",

  invoke(cloud, inputs) {
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
    const snapshots = found.map((s) => snapshotItem(cloud, s, usages.get(s.id) ?? "none"));
    const ids = found.map((s) => s.id);
    return { id: idsHash(ids), ids, names: found.map((s) => s.snapshotName), snapshots };
  },

  requests: (call) => ({ getEcsSnapshots: 1, describeSnapshots: call.pages ?? 0 }),
} satisfies ServedInvoke;

/**
 * One item of getEcsSnapshots, every field of `GetEcsSnapshotsSnapshot`, mapped as the data
 * source maps DescribeSnapshots' response (integers through `formatInt`: absent is 0).
 */
function snapshotItem(cloud: SimulatedCloud, s: SimSnapshot, usage: string): Props {
  // DescribeSnapshots Progress and RemainTime at the cloud's time, from the invented upload rate.
  const { progress, remainTime } = cloud.uploadProgress(s);
  return {
    category: s.category,
    // DescribeSnapshots' CreationTime, to the second (as the local ECS API answers it).
    creationTime: s.createTime.replace(/\.\d{3}Z$/, "Z"),
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
    // A percentage (snapshot data type reference), at the cloud's time.
    progress,
    // Seconds left of a progressing snapshot's creation, at the cloud's time.
    remainTime,
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
    tags: reportedTags(s.tags),
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
