/**
 * The program bodies the benchmark compares, each returning the snapshot IDs to await:
 * - `componentProgram`: one EssdLocalSnapshot per disk (this project).
 * - `rawProgram`: one `ecs.EcsSnapshot` per disk with the same inputs the component gives its
 *   child, and no eligibility check at all (the floor for program overhead).
 * - `wrapperProgram`: a trivial component around the same raw snapshot, no check (what being a
 *   component costs at all: one more registration, and its registerOutputs).
 * - `gatedProgram`: the least a component that checks its disk can do: the trivial wrapper plus
 *   the same batched lookup, with the child's diskId and the component's snapshotId waiting for
 *   it, and no rule, input validation or kept state (the floor for EssdLocalSnapshot).
 * - `naiveProgram`: what a program without the component would write to check each disk: its
 *   own getEcsDisks invoke per disk, its own getInstances (default `enableDetails`) per disk,
 *   then a raw `ecs.EcsSnapshot`.
 * - `lookupProgram`: the component's batched lookup of every disk and nothing else, no
 *   resource (what the check's invokes cost under mocks); its outputs are the disk IDs found.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ecs from "@pulumi/alicloud/ecs";

import { EssdLocalSnapshot, deriveSnapshotName } from "../components";
import { lookupDisk } from "../components/lookups";

export type ProgramKind = "component" | "raw" | "wrapper" | "gated" | "naive" | "lookup";

const RETENTION_DAYS = 7;

export function logicalName(index: number): string {
  return `snap-${index}`;
}

/** The inputs EssdLocalSnapshot gives its child for a plain disk ID, for the raw programs. */
function rawSnapshotArgs(name: string, diskId: pulumi.Input<string>): ecs.EcsSnapshotArgs {
  return { diskId, retentionDays: RETENTION_DAYS, snapshotName: deriveSnapshotName(name), waitUntil: "available" };
}

export function componentProgram(diskIds: readonly string[]): pulumi.Output<string>[] {
  return diskIds.map(
    (diskId, i) => new EssdLocalSnapshot(logicalName(i), { diskId, retentionDays: RETENTION_DAYS }).snapshotId,
  );
}

export function rawProgram(diskIds: readonly string[]): pulumi.Output<string>[] {
  return diskIds.map(
    (diskId, i) => new ecs.EcsSnapshot(`${logicalName(i)}-snapshot`, rawSnapshotArgs(logicalName(i), diskId)).id,
  );
}

/** A component that only wraps the snapshot: the floor for any component. */
class SnapshotWrapper extends pulumi.ComponentResource {
  public readonly snapshotId: pulumi.Output<string>;

  constructor(name: string, diskId: string) {
    super("bench:index:SnapshotWrapper", name, {}, {});
    const snapshot = new ecs.EcsSnapshot(`${name}-snapshot`, rawSnapshotArgs(name, diskId), { parent: this });
    this.snapshotId = snapshot.id;
    this.registerOutputs({ snapshotId: this.snapshotId });
  }
}

export function wrapperProgram(diskIds: readonly string[]): pulumi.Output<string>[] {
  return diskIds.map((diskId, i) => new SnapshotWrapper(logicalName(i), diskId).snapshotId);
}

/**
 * The trivial wrapper with the check's unavoidable part: one lookup per disk (batched as the
 * component's is), the child's diskId and the snapshotId gated on it. No rules run.
 */
class GatedWrapper extends pulumi.ComponentResource {
  public readonly snapshotId: pulumi.Output<string>;

  constructor(name: string, diskId: string) {
    super("bench:index:GatedWrapper", name, {}, {});
    const found = lookupDisk(diskId, undefined).then((lookup) => {
      if (!lookup.disk) throw new Error(`disk ${diskId} not found`);
      return diskId;
    });
    const snapshot = new ecs.EcsSnapshot(`${name}-snapshot`, rawSnapshotArgs(name, found), { parent: this });
    this.snapshotId = pulumi.output(found).apply(() => snapshot.id);
    this.registerOutputs({ snapshotId: this.snapshotId });
  }
}

export function gatedProgram(diskIds: readonly string[]): pulumi.Output<string>[] {
  return diskIds.map((diskId, i) => new GatedWrapper(logicalName(i), diskId).snapshotId);
}

export function naiveProgram(diskIds: readonly string[]): pulumi.Output<string>[] {
  return diskIds.map((diskId, i) => {
    const found = ecs.getEcsDisksOutput({ ids: [diskId] });
    const instanceId = found.disks.apply((disks) => disks[0]?.instanceId ?? "");
    const instances = ecs.getInstancesOutput({ ids: [instanceId] });
    const checked = pulumi.all([found.disks, instances.instances]).apply(([disks, owners]) => {
      const disk = disks[0];
      if (!disk) throw new Error(`disk ${diskId} not found`);
      if (!disk.category.startsWith("cloud_essd") && disk.category !== "cloud_auto")
        throw new Error(`disk ${diskId} is ${disk.category}, not ESSD`);
      if (disk.instanceId && !owners.some((x) => x.status === "Running" || x.status === "Stopped"))
        throw new Error(`the instance of disk ${diskId} is neither Running nor Stopped`);
      return disk.id;
    });
    return new ecs.EcsSnapshot(`${logicalName(i)}-snapshot`, rawSnapshotArgs(logicalName(i), checked)).id;
  });
}

export function lookupProgram(diskIds: readonly string[]): pulumi.Output<string>[] {
  return diskIds.map((diskId) =>
    pulumi.output(
      lookupDisk(diskId, undefined).then((found) => {
        if (!found.disk) throw new Error(`disk ${diskId} not found`);
        return found.disk.id;
      }),
    ),
  );
}

export const PROGRAMS: Record<ProgramKind, (diskIds: readonly string[]) => pulumi.Output<string>[]> = {
  component: componentProgram,
  raw: rawProgram,
  wrapper: wrapperProgram,
  gated: gatedProgram,
  naive: naiveProgram,
  lookup: lookupProgram,
};

interface OutputInternals<T> {
  promise(withUnknowns?: boolean): Promise<T>;
}

/**
 * Settles when the output does, known or not (a preview leaves new IDs unknown). Reads the
 * SDK's internal promise, as tests/helpers.ts does, so that unknowns do not hang the wait.
 */
export function settled<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as OutputInternals<T>).promise(true);
}
