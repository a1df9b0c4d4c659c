/**
 * `alicloud:ecs/ecsSnapshotGroup:EcsSnapshotGroup` (terraform-provider-alicloud v1.289.0
 * `alicloud/resource_alicloud_ecs_snapshot_group.go`, Read through `service_alicloud_ecs.go`
 * DescribeEcsSnapshotGroup; names from @pulumi/alicloud 3.108 `ecs/ecsSnapshotGroup.d.ts`). Only
 * `instanceId` is ForceNew; `diskIds`, `excludeDiskIds` and `instantAccess` are neither ForceNew
 * nor updated (Update :170-222 sends description, name and tags only): a change of them is a
 * silent no-op, as with the provider.
 */
import {
  createSnapshotGroup,
  deleteSnapshotGroup,
  describeSnapshotGroups,
  groupStatus,
  modifySnapshotGroup,
  type SimSnapshotGroup,
  type SimulatedCloud,
} from "../model";
import { checkSchema, str, tags, type CheckFailure, type Props, type ServedResource } from "../served";
import { ResourceInitFailed, WaitTimeout, incrementalWait, needRetry, retry, waitForState } from "../waits";

/** disk_id and exclude_disk_id: MaxItems 16 (:38, :45), even where ECS takes 128 disks. */
const MAX_LIST_ITEMS = 16;
/** snapshot_group_name (:66). */
const NAME = /^[a-zA-Z][a-zA-Z0-9_.:-]{1,127}$/;
const URL_START = /^https?:\/\//;

export const ecsSnapshotGroup = {
  kind: "resource",
  token: "alicloud:ecs/ecsSnapshotGroup:EcsSnapshotGroup" as const,
  inputNames: [
    "description",
    "diskIds",
    "excludeDiskIds",
    "instanceId",
    "instantAccess",
    "instantAccessRetentionDays",
    "resourceGroupId",
    "snapshotGroupName",
    "tags",
  ],
  // instance_id is the only ForceNew field (:49-53).
  forceNew: { instanceId: true },
  idPrefix: "ssg-",
  // Timeouts: Create 10, Update 1, Delete 1 minute (:24-28).
  timeouts: { create: 10, update: 1, delete: 1 },

  check(news, isUnknown) {
    const result = checkSchema(ecsSnapshotGroup, news, isUnknown);
    result.failures.push(...schemaFailures(news, isUnknown));
    return result;
  },

  create(cloud, inputs, op) {
    const sleepMs = incrementalWait(3000, 3000);
    // CreateSnapshotGroup, retried on NeedRetry (:121-132).
    const group = retry(cloud, { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs }, () =>
      createSnapshotGroup(cloud, {
        instanceId: str(inputs.instanceId),
        diskIds: list(inputs.diskIds),
        excludeDiskIds: list(inputs.excludeDiskIds),
        name: str(inputs.snapshotGroupName),
        description: str(inputs.description),
        tags: tags(inputs.tags),
        resourceGroupId: str(inputs.resourceGroupId),
      }),
    );
    // Then waits for Status accomplished: every member uploaded, not only usable (:139-143, 5 s delay).
    try {
      waitForState(cloud, {
        target: ["accomplished"],
        refresh: () => {
          const found = describe(cloud, group.id);
          return found ? groupStatus(cloud, found) : "";
        },
        timeoutMs: op.timeoutMs,
        delayMs: 5000,
        where: { file: "resource_alicloud_ecs_snapshot_group.go", line: 142, id: group.id },
      });
    } catch (err) {
      if (err instanceof WaitTimeout) throw new ResourceInitFailed(group.id, groupState(cloud, group, inputs), err);
      throw err;
    }
    return { id: group.id, state: groupState(cloud, group, inputs) };
  },

  read(cloud, id, inputs) {
    const group = describe(cloud, id);
    return group && groupState(cloud, group, inputs);
  },

  update(cloud, id, olds, news, op) {
    const changed = (k: string) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]);
    const req: { name?: string; description?: string; tags?: Record<string, string> } = {};
    if (changed("snapshotGroupName")) req.name = str(news.snapshotGroupName) ?? "";
    if (changed("description")) req.description = str(news.description) ?? "";
    if (changed("tags")) req.tags = tags(news.tags) ?? {};
    const group = retry(
      cloud,
      { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 3000) },
      () => modifySnapshotGroup(cloud, id, req),
    );
    return groupState(cloud, group, news);
  },

  delete(cloud, id, _state, op) {
    // DeleteSnapshotGroup, retried on NeedRetry only: a group already gone is an error (:223-250).
    retry(cloud, { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 3000) }, () =>
      deleteSnapshotGroup(cloud, id),
    );
  },
} satisfies ServedResource;

/** DescribeEcsSnapshotGroup: every group of the region, matched by ID by the provider itself. */
function describe(cloud: SimulatedCloud, id: string): SimSnapshotGroup | undefined {
  return describeSnapshotGroups(cloud).find((g) => g.id === id);
}

/** Read sets description, instance_id, name, resource_group_id, status and tags (:159-166); the lists stay as given. */
function groupState(cloud: SimulatedCloud, g: SimSnapshotGroup, inputs: Props): Props {
  return {
    ...inputs,
    description: g.description,
    instanceId: g.instanceId,
    snapshotGroupName: g.name,
    resourceGroupId: g.resourceGroupId,
    status: groupStatus(cloud, g),
    tags: g.tags,
  };
}

function list(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
}

/** The schema's validators (:29-78), as the SDK words them; unknown values are checked at `up`. */
function schemaFailures(news: Props, isUnknown: (v: unknown) => boolean): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const known = (k: string) => news[k] !== undefined && news[k] !== null && !isUnknown(news[k]);
  for (const [key, field] of [
    ["diskIds", "disk_id"],
    ["excludeDiskIds", "exclude_disk_id"],
  ] as const) {
    const v = news[key];
    if (Array.isArray(v) && v.length > MAX_LIST_ITEMS)
      failures.push({
        property: key,
        reason: `${field}: attribute supports ${MAX_LIST_ITEMS} item maximum, config has ${v.length} declared`,
      });
  }
  const given = (k: string) => Array.isArray(news[k]) && (news[k] as unknown[]).length > 0;
  if (given("diskIds") && given("excludeDiskIds"))
    failures.push({ property: "diskIds", reason: `"disk_id": conflicts with exclude_disk_id` });
  if (known("snapshotGroupName")) {
    const name = String(news.snapshotGroupName);
    if (URL_START.test(name) || !NAME.test(name))
      failures.push({
        property: "snapshotGroupName",
        reason: `invalid value for snapshot_group_name (It must be \`2\` to \`128\` characters in length, The description must start with a letter, and can contain letters, digits, underscores (_), and hyphens (-).)`,
      });
  }
  if (known("description")) {
    const text = String(news.description);
    if (text.length < 2 || text.length > 256 || URL_START.test(text))
      failures.push({
        property: "description",
        reason: `expected length of description to be in the range (2 - 256) and not to start with http:// or https://, got ${text}`,
      });
  }
  if (known("instantAccessRetentionDays")) {
    const days = Number(news.instantAccessRetentionDays);
    if (!(Number.isInteger(days) && days >= 1 && days <= 65535))
      failures.push({
        property: "instantAccessRetentionDays",
        reason: `expected instant_access_retention_days to be in the range (1 - 65535), got ${days}`,
      });
  }
  return failures;
}
