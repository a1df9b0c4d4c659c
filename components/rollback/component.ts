/** The DiskRollback component: a thin class that wires the check, the safety snapshot and the rollback resource. */
import * as pulumi from "@pulumi/pulumi";

import { LibraryResource } from "../internal/dynamic";
import { UserFacingError } from "../internal/errors";
import { childName } from "../internal/names";
import { isEventual, knownOrUndefined } from "../internal/outputs";
import { describeInvalidInputs, isPlainMap, validateArgumentMap, validateResourceName } from "../rules/inputs";
import { DEFAULT_SAFETY_RETENTION_DAYS, describeRollbackRefusal, validateRollbackArgs } from "../rules/rollback";
import { EssdLocalSnapshot } from "../snapshot/component";
import { DISK_ROLLBACK_TYPE, type DiskRollbackArgs } from "./args";
import { checkRollbackNow, type RollbackVerdict } from "./check";
import { DISK_ROLLBACK_KIND, type RollbackInputs } from "./provider";

/**
 * Rolls a disk back to one of its own snapshots (ECS ResetDisk), as a reviewed change: checked
 * in the preview (the snapshot taken of that disk and usable, not a copy; the disk's instance
 * Stopped, or `stopInstance`), preceded by a safety snapshot unless `safetySnapshot: false`,
 * and done once: again only when `diskId`, `snapshotId` or `request` change.
 */
export class DiskRollback extends pulumi.ComponentResource {
  /** The safety snapshot taken before the rollback; empty with `safetySnapshot: false`. */
  public readonly safetySnapshotId: pulumi.Output<string>;
  /** When the disk was reset (unknown in a preview of a rollback still to do). */
  public readonly resetAt: pulumi.Output<string>;
  /**
   * What the rollback does, in one sentence: the snapshot, what is lost, the safety snapshot, the
   * instance. In a preview that rolls the disk back, it rejects with every reason ECS would refuse it.
   */
  public readonly plan: pulumi.Output<string>;
  /** What is lost: "data written to d-… since <snapshot time>". */
  public readonly lost: pulumi.Output<string>;
  /** Whether the instance is stopped for the rollback and started again. */
  public readonly stopsInstance: pulumi.Output<boolean>;

  /**
   * The safety snapshot component, when one is taken (TypeScript only: a getter, so the schema
   * other languages get shows `safetySnapshotId` instead).
   */
  public get safety(): EssdLocalSnapshot | undefined {
    return safeties.get(this);
  }

  constructor(name: string, args: DiskRollbackArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const problems = [
      ...validateResourceName(name),
      ...(isPlainMap(args) ? validateRollbackArgs(args, isEventual) : validateArgumentMap(args)),
    ];
    if (problems.length > 0) throw new Error(describeInvalidInputs(`DiskRollback ${name}`, problems));
    super(DISK_ROLLBACK_TYPE, name, {}, opts);

    const request = pulumi.output(args.request ?? args.snapshotId);
    const stopInstance = pulumi.output(args.stopInstance ?? false);
    const withSafety = args.safetySnapshot !== false;
    const check = { name, provider: opts.provider, safetySnapshot: withSafety };
    const verdict: pulumi.Output<RollbackVerdict> = pulumi
      .all([args.diskId, args.snapshotId, stopInstance])
      .apply(([diskId, snapshotId, stop]) => checkRollbackNow(check, diskId, snapshotId, stop));

    // The safety snapshot: a snapshot of the disk, a new one for each rollback (its generation
    // follows the request and the snapshot, as the reset does), checked as any other.
    const safety = withSafety
      ? new EssdLocalSnapshot(
          childName(name, "safety"),
          {
            diskId: args.diskId,
            retentionDays: args.safetySnapshotRetentionDays ?? DEFAULT_SAFETY_RETENTION_DAYS,
            generation: args.request === undefined ? request : pulumi.interpolate`${request}@${args.snapshotId}`,
            description: pulumi.interpolate`Before rolling ${args.diskId} back to ${args.snapshotId} (DiskRollback ${name})`,
          },
          { parent: this },
        )
      : undefined;
    safeties.set(this, safety);
    this.safetySnapshotId = safety ? safety.snapshotId : pulumi.output("");

    const inputs: { [K in keyof RollbackInputs]: pulumi.Input<RollbackInputs[K]> } = {
      name,
      regionId: verdict.regionId,
      diskId: args.diskId,
      snapshotId: args.snapshotId,
      request,
      stopInstance,
      safetySnapshotId: this.safetySnapshotId,
    };
    const reset = new LibraryResource(
      DISK_ROLLBACK_KIND,
      childName(name, "reset"),
      { ...inputs, resetAt: undefined },
      { parent: this },
    );
    this.resetAt = (reset as unknown as { resetAt: pulumi.Output<string> }).resetAt;
    this.lost = verdict.lost;
    this.stopsInstance = verdict.stopsInstance;

    // What the reviewer reads in the preview. The reset's `resetAt` is known in a preview only
    // when the engine's diff keeps the resource (a rollback made before, not repeated): then
    // nothing is checked, since nothing will be done; else this update rolls the disk back, and
    // is refused, every problem at once, unless ECS would take it. In an update the resource
    // checks again itself right before ResetDisk (provider.ts).
    const dryRun = pulumi.runtime.isDryRun();
    this.plan = pulumi.all([verdict, knownOrUndefined(this.resetAt)]).apply(([v, at]) => {
      if (!dryRun) return v.text;
      if (at) {
        void pulumi.log.info(
          `Rolled back at ${at}; not repeated: change snapshotId or request to roll ${name} back again.`,
          this,
        );
        return v.text;
      }
      if (v.problems.length > 0) throw new UserFacingError(describeRollbackRefusal(name, v.problems), this);
      void pulumi.log.warn(v.text, this);
      return v.text;
    });

    this.registerOutputs({
      safetySnapshotId: this.safetySnapshotId,
      resetAt: this.resetAt,
      plan: this.plan,
      lost: this.lost,
      stopsInstance: this.stopsInstance,
    });
  }
}

/** Each rollback's safety snapshot, kept outside the instance so the schema shows only outputs. */
const safeties = new WeakMap<DiskRollback, EssdLocalSnapshot | undefined>();
