/**
 * `alicloud:ecs/ecsSnapshot:EcsSnapshot` (terraform-provider-alicloud v1.289.0
 * `alicloud/resource_alicloud_ecs_snapshot.go`; names and the 3.108 waits from @pulumi/alicloud
 * 3.108 `ecs/ecsSnapshot.d.ts`, which wins where they differ: simulator/FIDELITY.md).
 */
import type { SimSnapshot, SimulatedCloud } from "../model";
import { num, str, tags, type Props, type ServedResource } from "../served";
import { ResourceInitFailed, WaitTimeout, incrementalWait, needRetry, retry, waitForState } from "../waits";

/** resource_alicloud_ecs_snapshot.go: WaitForState at :155, wrapped at :157 (create) and :272 (update). */
const CREATE_WAIT = { file: "resource_alicloud_ecs_snapshot.go", line: 157 };
const UPDATE_WAIT = { file: "resource_alicloud_ecs_snapshot.go", line: 272 };

export const ecsSnapshot = {
  kind: "resource",
  token: "alicloud:ecs/ecsSnapshot:EcsSnapshot" as const,
  inputNames: [
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
  // category: StringInSlice standard/flash (:35); waitUntil: the two values 3.108's note lists.
  enums: {
    category: { field: "category", values: ["standard", "flash"] },
    waitUntil: { field: "wait_until", values: ["accomplished", "available"] },
  },
  // disk_id and category are ForceNew; category is also Computed ("standard" when not sent), so
  // leaving it out is no change.
  forceNew: { diskId: true, category: true },
  idPrefix: "s-",
  // Timeouts: Create, Update, Delete 5 minutes (:24-28).
  timeouts: { create: 5, update: 5, delete: 5 },

  create(cloud, inputs, op) {
    // One ClientToken for every attempt (buildClientToken before the retry loop, :109).
    const clientToken = `CreateSnapshot-${str(inputs.diskId) ?? ""}-${cloud.now().toISOString()}`;
    // CreateSnapshot retried on NeedRetry, incrementalWait(3 s, 5 s) (:134-145).
    const snap = retry(
      cloud,
      { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 5000) },
      () =>
        cloud.createSnapshot(
          {
            clientToken,
            diskId: str(inputs.diskId) ?? "",
            category: str(inputs.category),
            retentionDays: num(inputs.retentionDays),
            snapshotName: str(inputs.snapshotName) ?? str(inputs.name),
            description: str(inputs.description),
            tags: tags(inputs.tags),
            resourceGroupId: str(inputs.resourceGroupId),
          },
          op.idFor,
        ),
    );
    // 3.108: wait for Status=accomplished, or Available=true with waitUntil "available"; 5 s delay (:155).
    const untilAvailable = inputs.waitUntil === "available";
    try {
      waitForState(cloud, {
        target: untilAvailable ? ["true"] : ["accomplished"],
        refresh: () => {
          const s = cloud.snapshot(snap.id);
          return s ? (untilAvailable ? String(s.available) : s.status) : "";
        },
        timeoutMs: op.timeoutMs,
        delayMs: 5000,
        where: { ...CREATE_WAIT, id: snap.id },
      });
    } catch (err) {
      // The snapshot exists: the engine keeps it in the state, as with the bridge.
      if (err instanceof WaitTimeout) throw new ResourceInitFailed(snap.id, snapshotState(cloud, snap, inputs), err);
      throw err;
    }
    return { id: snap.id, state: snapshotState(cloud, cloud.snapshot(snap.id) ?? snap, inputs) };
  },

  read(cloud, id, inputs) {
    const s = cloud.snapshot(id);
    return s && snapshotState(cloud, s, inputs);
  },

  update(cloud, id, olds, news, op) {
    const retentionDays = news.retentionDays === undefined ? undefined : num(news.retentionDays);
    // 3.108: a retentionDays change waits for Status=accomplished BEFORE ModifySnapshotAttribute,
    // and not after (ecsSnapshot.d.ts, the note on waitUntil); v1.289.0 waits after (:270-273).
    if (retentionDays !== undefined && retentionDays !== num(olds.retentionDays))
      waitForState(cloud, {
        target: ["accomplished"],
        refresh: () => cloud.snapshot(id)?.status ?? "",
        timeoutMs: op.timeoutMs,
        delayMs: 5000,
        where: { ...UPDATE_WAIT, id },
      });
    const snap = retry(
      cloud,
      { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 5000) },
      () =>
        cloud.modifySnapshot(id, {
          snapshotName: str(news.snapshotName) ?? str(news.name),
          description: str(news.description),
          retentionDays,
          tags: tags(news.tags) ?? {},
          resourceGroupId: str(news.resourceGroupId),
        }),
    );
    return snapshotState(cloud, snap, news);
  },

  delete(cloud, id, state, op) {
    // Already released by ECS: the provider treats NotFound on delete as done (:318-355).
    if (!cloud.snapshot(id)) return;
    retry(cloud, { timeoutMs: op.timeoutMs, retryable: needRetry, sleepMs: incrementalWait(3000, 5000) }, () =>
      cloud.deleteSnapshot(id, state.force === true),
    );
  },
} satisfies ServedResource;

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
