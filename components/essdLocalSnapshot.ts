import * as pulumi from "@pulumi/pulumi";
import { EcsDisk, EcsSnapshot } from "@pulumi/alicloud/ecs";

import { lookupDisk, type DiskLookup } from "./lookups";
import { UserFacingError } from "./internal/errors";
import { knownOrUndefined, isEventual } from "./internal/outputs";
import {
  checkCategory,
  checkEligibility,
  checkEncryption,
  describeRefusal,
  diskNotFound,
  type EligibilityReport,
  type SnapshotKind,
  type Violation,
} from "./rules/eligibility";
import {
  describeInvalidInputs,
  validateChoice,
  validateDescription,
  validateDiskSource,
  validateRetentionDays,
  validateSnapshotName,
  validateTags,
} from "./rules/inputs";
import { deriveSnapshotName } from "./rules/naming";

/** What to do with a disk that ECS would refuse. */
export type EligibilityMode = "enforce" | "warn";

/** When creation counts as done: `available` (usable in seconds) or `accomplished` (upload finished). */
export type WaitUntil = "available" | "accomplished";

export interface EssdLocalSnapshotArgs {
  /**
   * The ID of the disk to snapshot: an existing disk (`d-…`), or the `id` of a disk made in
   * this program. Set exactly one of `diskId` and `disk`.
   */
  diskId?: pulumi.Input<string>;
  /**
   * A disk declared in this program. Its declared category (and encryption, where known) is
   * checked during the preview, before the disk exists; its status once it does. Set exactly
   * one of `diskId` and `disk`.
   */
  disk?: EcsDisk;
  /**
   * How many days ECS keeps the snapshot: a whole number from 1 to 65536. The snapshot is
   * released, and stops being billed, when they have passed. Changing it later updates the
   * snapshot in place, once its upload has finished.
   */
  retentionDays: pulumi.Input<number>;
  /**
   * The snapshot's name in ECS: 2 to 128 characters, starting with a letter; letters, digits,
   * `.`, `:`, `_`, `-`; not starting with `auto`, `http://` or `https://`.
   * Default: derived from the component's name, so it is valid and the same on every run.
   */
  snapshotName?: pulumi.Input<string>;
  /** 2 to 256 characters, not starting with `http://` or `https://`. Default: none. */
  description?: pulumi.Input<string>;
  /**
   * Tags on the snapshot: at most 20; keys of 1 to 128 characters that do not start with
   * `aliyun` or `acs:`; values of at most 128 characters; no `http://` or `https://` in either.
   */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** The resource group of the snapshot. Default: the account's default resource group. */
  resourceGroupId?: pulumi.Input<string>;
  /**
   * `"flash"` takes a legacy local snapshot (CreateSnapshot `Category=flash`): `cloud_essd`
   * disks only, unencrypted only, and only for accounts that used local snapshots before
   * 2020-12-14. Default: no category sent, which gives an instant-access snapshot, usable in
   * seconds, on every ESSD-series disk and free of charge.
   */
  category?: "flash";
  /**
   * `"enforce"` (default): a disk that ECS would refuse makes `snapshotId` reject with an
   * error that lists every rule it fails, and no snapshot is created. `"warn"`: the same text
   * is logged as a warning and the snapshot is attempted anyway. A disk that is not found is
   * an error in both modes.
   */
  eligibility?: EligibilityMode;
  /**
   * `"available"` (default): creation is done as soon as ECS reports the snapshot usable,
   * seconds for an ESSD, while its upload finishes in the background. `"accomplished"`: wait
   * until the upload has finished (minutes to hours for large disks).
   */
  waitUntil?: WaitUntil;
}

/** The facts about the source disk, as ECS reported them when the snapshot was planned. */
export interface SourceDisk {
  id: string;
  /** API spelling, for example `cloud_essd`. */
  category: string;
  sizeGiB: number;
  zoneId: string;
  diskType: "system" | "data";
  encrypted: boolean;
  /** The instance it is attached to; empty when it is not attached. */
  instanceId: string;
}

const DISK_ID = /^d-[A-Za-z0-9]+$/;

/** The type token of {@link EssdLocalSnapshot}. */
export const ESSD_LOCAL_SNAPSHOT_TYPE = "essd-snapshots:index:EssdLocalSnapshot";

/**
 * A fast snapshot of an ESSD-series disk: instant access by default, or a legacy local
 * snapshot with `category: "flash"`. Every rule CreateSnapshot applies to the disk is checked
 * before the snapshot can be created, during the preview whenever the disk's facts are known,
 * and all of a program's disks are looked up with one getEcsDisks call per provider.
 */
export class EssdLocalSnapshot extends pulumi.ComponentResource {
  /** The child `ecs.EcsSnapshot`. Its `diskId` waits for the eligibility check. */
  public readonly snapshot: EcsSnapshot;
  /** The snapshot's ID. Rejects, with every rule the disk fails, when the disk is refused. */
  public readonly snapshotId: pulumi.Output<string>;
  /** The source disk's facts as looked up (unknown during a preview of a disk not yet created). */
  public readonly sourceDisk: pulumi.Output<SourceDisk>;
  /** Every rule the disk fails and every warning, as checked (empty lists when eligible). */
  public readonly eligibility: pulumi.Output<EligibilityReport>;

  constructor(name: string, args: EssdLocalSnapshotArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Argument mistakes are reported together, before anything is registered.
    const problems = validatePlainArgs(args);
    if (problems.length > 0) throw new Error(describeInvalidInputs(name, problems));
    super(ESSD_LOCAL_SNAPSHOT_TYPE, name, {}, opts);

    const kind: SnapshotKind = args.category === "flash" ? "flash" : "instant-access";
    const mode: EligibilityMode = args.eligibility ?? "enforce";
    const provider = this.getProvider("alicloud:ecs/getEcsDisks:getEcsDisks");

    const verdict = this.assess(name, args, kind, mode, provider, opts.dependsOn);
    const checkedDiskId = verdict.apply((v) => v.diskId);
    this.eligibility = verdict.apply((v) => v.report);
    this.sourceDisk = verdict.apply((v) => v.sourceDisk);

    const inputs = {
      retentionDays: this.validated(name, args.retentionDays, validateRetentionDays),
      snapshotName: this.validated(name, args.snapshotName ?? deriveSnapshotName(name), validateSnapshotName),
      description:
        args.description === undefined ? undefined : this.validated(name, args.description, validateDescription),
      tags: args.tags === undefined ? undefined : this.validated(name, args.tags, validateTags),
    };

    this.snapshot = new EcsSnapshot(
      `${name}-snapshot`,
      {
        diskId: checkedDiskId,
        category: kind === "flash" ? "flash" : undefined,
        retentionDays: inputs.retentionDays,
        snapshotName: inputs.snapshotName,
        description: inputs.description,
        tags: inputs.tags,
        resourceGroupId: args.resourceGroupId,
        waitUntil: args.waitUntil ?? "available",
      },
      { parent: this },
    );

    // A refused disk or input rejects this output even though the child's ID never resolves.
    this.snapshotId = pulumi
      .all([checkedDiskId, inputs.retentionDays, inputs.snapshotName, inputs.description, inputs.tags])
      .apply(() => this.snapshot.id);

    this.registerOutputs({
      snapshotId: this.snapshotId,
      sourceDisk: this.sourceDisk,
      eligibility: this.eligibility,
    });
  }

  /**
   * The eligibility check, in two steps: the declared facts of a disk made in this program
   * (known during the preview, no lookup), then the disk as ECS reports it once its ID is known.
   */
  private assess(
    name: string,
    args: EssdLocalSnapshotArgs,
    kind: SnapshotKind,
    mode: EligibilityMode,
    provider: pulumi.ProviderResource | undefined,
    dependsOn: pulumi.ComponentResourceOptions["dependsOn"],
  ): pulumi.Output<Verdict> {
    const declared: pulumi.Output<Violation[]> = args.disk
      ? pulumi
          .all([knownOrUndefined(args.disk.category), knownOrUndefined(args.disk.encrypted), args.disk.urn])
          .apply(([category, encrypted, urn]) => {
            const early = [...checkCategory(category, kind), ...checkEncryption(encrypted, kind)];
            if (early.length > 0)
              this.refuse(name, `"${urn.split("::").pop()}" (declared in this program)`, early, mode);
            return early;
          })
      : pulumi.output([]);

    const diskId = args.disk ? args.disk.id : pulumi.output(args.diskId as pulumi.Input<string>);
    // Resources in dependsOn (an attachment, say) change the disk's state: look it up after them.
    const readyId = pulumi.all([diskId, dependencyIds(dependsOn)]).apply(([id]) => id);

    return declared.apply((early) => {
      const reported = new Set(early.map((v) => v.rule));
      return readyId.apply(async (id): Promise<Verdict> => {
        const lookup = await lookupDisk(id, provider);
        const report = assessLookup(id, lookup, kind);
        const fresh = report.violations.filter((v) => !reported.has(v.rule));
        for (const warning of report.warnings) void pulumi.log.warn(warning, this);
        if (fresh.length > 0)
          this.refuse(name, id, fresh, fresh.some((v) => v.rule === "not-found") ? "enforce" : mode);
        return {
          diskId: id,
          report: { violations: [...early, ...fresh], warnings: report.warnings },
          sourceDisk: toSourceDisk(lookup),
        };
      });
    });
  }

  private refuse(name: string, diskId: string, violations: Violation[], mode: EligibilityMode): void {
    const message = describeRefusal(diskId, name, violations);
    if (mode === "warn") {
      void pulumi.log.warn(`${message}\neligibility is "warn": the snapshot is attempted anyway.`, this);
      return;
    }
    throw new UserFacingError(`${message}\nSet eligibility: "warn" to attempt the snapshot anyway.`, this);
  }

  /** A plain input was checked before registration; one known only later is checked when it resolves. */
  private validated<T>(name: string, value: pulumi.Input<T>, validate: (v: T) => string[]): pulumi.Output<T> {
    if (!isEventual(value) && !hasEventualValues(value)) return pulumi.output(value) as pulumi.Output<T>;
    return pulumi.output(value).apply((resolved) => {
      const problems = validate(resolved as T);
      if (problems.length > 0) throw new UserFacingError(describeInvalidInputs(name, problems), this);
      return resolved;
    }) as pulumi.Output<T>;
  }
}

interface Verdict {
  diskId: string;
  report: EligibilityReport;
  sourceDisk: SourceDisk;
}

/** The rules applied to what the lookup found. */
export function assessLookup(diskId: string, lookup: DiskLookup, kind: SnapshotKind): EligibilityReport {
  if (!lookup.disk) return { violations: [diskNotFound(diskId, lookup.where)], warnings: [] };
  const d = lookup.disk;
  return checkEligibility(
    {
      id: d.id,
      category: d.category,
      encrypted: d.encrypted === "on",
      status: d.status,
      attachedTime: d.attachedTime ?? "",
      detachedTime: d.detachedTime ?? "",
      instanceId: d.instanceId,
      lockReasons: (d.operationLocks ?? []).map((l) => l.lockReason),
      expiredTime: d.expiredTime,
    },
    lookup.instance === undefined
      ? undefined
      : lookup.instance && { id: lookup.instance.id, status: lookup.instance.status },
    kind,
  );
}

function toSourceDisk(lookup: DiskLookup): SourceDisk {
  const d = lookup.disk;
  if (!d) return undefined as unknown as SourceDisk; // unreachable: a missing disk is always refused
  const type = d.type || d.diskType;
  return {
    id: d.id,
    category: d.category,
    sizeGiB: d.size,
    zoneId: d.zoneId,
    diskType: type === "system" ? "system" : "data",
    encrypted: d.encrypted === "on",
    instanceId: d.instanceId ?? "",
  };
}

/** The IDs of the custom resources named in dependsOn: they resolve once those exist. */
function dependencyIds(dependsOn: pulumi.ComponentResourceOptions["dependsOn"]): pulumi.Output<string[]> {
  return pulumi.output(dependsOn ?? []).apply((deps) => {
    const list = (Array.isArray(deps) ? deps : [deps]) as pulumi.Resource[];
    return pulumi.all(list.filter((r) => pulumi.CustomResource.isInstance(r)).map((r) => r.id));
  });
}

function hasEventualValues(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.values(value).some(isEventual);
}

/** Every problem of the plain (already known) arguments; eventual ones are checked when they resolve. */
export function validatePlainArgs(args: EssdLocalSnapshotArgs): string[] {
  const problems = validateDiskSource(args.diskId !== undefined, args.disk !== undefined);
  const plain = <T>(value: pulumi.Input<T> | undefined, validate: (v: T) => string[]) =>
    value === undefined || isEventual(value) ? [] : validate(value as T);
  problems.push(
    ...(args.retentionDays === undefined
      ? validateRetentionDays(undefined)
      : plain(args.retentionDays, validateRetentionDays)),
  );
  problems.push(...plain(args.snapshotName, validateSnapshotName));
  problems.push(...plain(args.description, validateDescription));
  if (args.tags !== undefined && !isEventual(args.tags) && !hasEventualValues(args.tags)) {
    problems.push(...validateTags(args.tags as Record<string, string>));
  }
  problems.push(...validateChoice(args.category, ["flash"], "category"));
  problems.push(...validateChoice(args.eligibility, ["enforce", "warn"], "eligibility"));
  problems.push(...validateChoice(args.waitUntil, ["available", "accomplished"], "waitUntil"));
  if (
    args.diskId !== undefined &&
    !isEventual(args.diskId) &&
    !(typeof args.diskId === "string" && DISK_ID.test(args.diskId))
  ) {
    problems.push(
      `diskId is ${JSON.stringify(args.diskId)}; a disk ID looks like "d-bp1…" (d- followed by letters and digits).`,
    );
  }
  return problems;
}
