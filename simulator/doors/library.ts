/**
 * The library's own resources (essd-snapshots components/internal/dynamic.ts: Pulumi dynamic
 * resources of type `pulumi-nodejs:dynamic/essd-snapshots:<kind>`, with the serialized provider
 * in their `__provider` input) as the mocks door serves them. Under Pulumi's mocks no dynamic
 * provider plugin runs, so the door does to the model what the kind's provider asks of ECS,
 * through the model's operations (its rules and refusals are ECS's, not the component's). The
 * engine runs the real provider instead, against the local ECS API (doors/http.ts), over the same
 * model. A new kind: one entry in {@link LIBRARY_KINDS}.
 */
import { diskRollback } from "./diskRollback";
import { copySnapshot, snapshotsIn, type SimulatedCloud } from "../model";

/** The type prefix of the library's dynamic resources. */
export const LIBRARY_TYPE_PREFIX = "pulumi-nodejs:dynamic/essd-snapshots:";

type Inputs = Record<string, unknown>;
type Created = { id: string; state: Inputs };

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * SnapshotCopy: CopySnapshot from `sourceRegionId` to `regionId`, then the copy as
 * DescribeSnapshots reports it in the target region (progressing until its time has passed).
 */
function snapshotCopy(cloud: SimulatedCloud, inputs: Inputs): Created {
  const kmsKeyId = text(inputs.kmsKeyId);
  const sourceRegionId = text(inputs.sourceRegionId) ?? "";
  const source = snapshotsIn(cloud, sourceRegionId).find((s) => s.id === inputs.sourceSnapshotId);
  const made = copySnapshot(cloud, {
    regionId: sourceRegionId,
    destinationRegionId: text(inputs.regionId) ?? "",
    snapshotId: text(inputs.sourceSnapshotId) ?? "",
    destinationSnapshotName: text(inputs.snapshotName),
    destinationSnapshotDescription: text(inputs.description),
    retentionDays: typeof inputs.retentionDays === "number" ? inputs.retentionDays : undefined,
    encrypted: source?.encrypted === true || kmsKeyId !== undefined ? true : undefined,
    kmsKeyId,
    tags: (inputs.tags ?? {}) as Record<string, string>,
  });
  return {
    id: made.id,
    state: {
      ...inputs,
      snapshotId: made.id,
      status: made.status,
      available: made.available,
      encrypted: made.encrypted,
      creationTime: made.createTime,
    },
  };
}

const LIBRARY_KINDS: Record<string, (cloud: SimulatedCloud, inputs: Inputs) => Created> = {
  SnapshotCopy: snapshotCopy,
  DiskRollback: diskRollback,
};

/** Whether a registered type is one of the library's resources. */
export function isLibraryResource(type: string): boolean {
  return type.startsWith(LIBRARY_TYPE_PREFIX);
}

/**
 * A library resource registered under the mocks: during a preview its inputs (no ID, as the
 * engine); otherwise what its provider would make, through the model. An unknown kind is an error.
 */
export function registerLibraryResource(
  cloud: SimulatedCloud,
  type: string,
  inputs: Inputs,
  preview: boolean,
): { id: string | undefined; state: Inputs } {
  const kind = type.slice(LIBRARY_TYPE_PREFIX.length);
  const make = LIBRARY_KINDS[kind];
  if (!make)
    throw new Error(
      `The simulated account does not serve the library resource kind ${JSON.stringify(kind)} (${type}); it serves ${Object.keys(LIBRARY_KINDS).join(", ")}.`,
    );
  const { __provider: _provider, ...rest } = inputs;
  if (preview) return { id: undefined, state: rest };
  return make(cloud, rest);
}
