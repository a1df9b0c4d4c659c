/**
 * What runs a {@link SnapshotCopy} (kind `SnapshotCopy` in internal/providers.ts): CopySnapshot
 * through the library's ECS client (components/ecs), Read by DescribeSnapshots in the target
 * region, DeleteSnapshot there. Loaded from the installed package by the dynamic provider plugin
 * at run time (internal/dynamic.ts), so it must keep what it reads of the inputs compatible with
 * every earlier version's state.
 *
 * A copy takes time in ECS (all the disk's data crosses regions the first time): create returns
 * once DescribeSnapshots in the target region lists the copy (its `status` then `progressing`);
 * `pulumi refresh` reads its progress later. The copy is kept until its own retention ends.
 */
import type * as pulumi from "@pulumi/pulumi";

import { EcsApiError, EcsClient, type EcsSnapshot } from "../ecs";
import { copySourceRefusal } from "../rules/copies";
import type { SnapshotCopyInputs, SnapshotCopyOutputs } from "./args";

/** Inputs whose change makes a new copy (the old one is kept unless deleted on delete). */
export const COPY_REPLACING_INPUTS = [
  "sourceSnapshotId",
  "sourceRegionId",
  "regionId",
  "retentionDays",
  "tags",
  "kmsKeyId",
  "snapshotName",
  "description",
] as const;

/** How long create waits for the target region to list the copy; ECS lists it at once. */
const LISTED_WAIT_MS = 60_000;
const POLL_MS = 2_000;

/** The client of the source region (the ECS calls' region); endpoint and keys from the environment. */
function clientFor(regionId: string): EcsClient {
  return new EcsClient({ regionId });
}

function outputsOf(inputs: SnapshotCopyInputs, copy: EcsSnapshot): SnapshotCopyInputs & SnapshotCopyOutputs {
  return {
    ...inputs,
    snapshotId: copy.snapshotId,
    status: copy.status,
    available: copy.available,
    encrypted: copy.encrypted,
    creationTime: copy.creationTime,
  };
}

async function findCopy(client: EcsClient, id: string, regionId: string): Promise<EcsSnapshot | undefined> {
  const found = await client.describeSnapshots({ snapshotIds: [id] }, { regionId });
  return found.find((s) => s.snapshotId === id);
}

export const snapshotCopyProvider: pulumi.dynamic.ResourceProvider = {
  diff(_id, olds: SnapshotCopyInputs, news: SnapshotCopyInputs) {
    const replaces = COPY_REPLACING_INPUTS.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    return Promise.resolve({ changes: replaces.length > 0, replaces, deleteBeforeReplace: false });
  },

  async create(inputs: SnapshotCopyInputs) {
    const client = clientFor(inputs.sourceRegionId);
    const [source] = await client.describeSnapshots(
      { snapshotIds: [inputs.sourceSnapshotId] },
      { regionId: inputs.sourceRegionId },
    );
    if (!source)
      throw new Error(
        `Snapshot ${inputs.sourceSnapshotId} is not in ${inputs.sourceRegionId} (DescribeSnapshots), so it cannot be copied to ${inputs.regionId}.`,
      );
    const refusal = copySourceRefusal({ id: source.snapshotId, status: source.status, category: source.category });
    if (refusal) throw new Error(`${refusal} The copy to ${inputs.regionId} was not requested.`);
    const encrypted = source.encrypted || Boolean(inputs.kmsKeyId);
    const { snapshotId } = await client.copySnapshot({
      snapshotId: inputs.sourceSnapshotId,
      destinationRegionId: inputs.regionId,
      destinationSnapshotName: inputs.snapshotName,
      destinationSnapshotDescription: inputs.description,
      retentionDays: inputs.retentionDays,
      encrypted: encrypted || undefined,
      kmsKeyId: inputs.kmsKeyId || undefined,
      tags: inputs.tags,
    });
    const deadline = Date.now() + LISTED_WAIT_MS;
    for (;;) {
      const copy = await findCopy(client, snapshotId, inputs.regionId);
      if (copy) return { id: snapshotId, outs: outputsOf(inputs, copy) };
      if (Date.now() > deadline)
        throw new Error(
          `ECS made copy ${snapshotId} of ${inputs.sourceSnapshotId} in ${inputs.regionId}, but DescribeSnapshots there did not list it within ${LISTED_WAIT_MS / 1000} s; run pulumi refresh to read it.`,
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  },

  async read(id: string, props: SnapshotCopyInputs) {
    const copy = await findCopy(clientFor(props.sourceRegionId), id, props.regionId);
    // Gone (its retention ended, or deleted outside Pulumi): an empty ID tells the engine so.
    if (!copy) return { id: "", props };
    return { id, props: outputsOf(props, copy) };
  },

  async delete(id: string, props: SnapshotCopyInputs) {
    try {
      await clientFor(props.sourceRegionId).deleteSnapshot(id, { regionId: props.regionId, force: true });
    } catch (err) {
      if (err instanceof EcsApiError && err.code === "InvalidSnapshotId.NotFound") return;
      throw err;
    }
  },
};
