/**
 * How long Pulumi waits for the snapshot's create and update. The provider's default is 5
 * minutes for both. It waits on `Status=accomplished` (the upload finished) before it returns
 * from a create with `waitUntil: "accomplished"`, and changing `retentionDays` requires it whatever
 * `waitUntil` is (@pulumi/alicloud 3.108, `ecs.EcsSnapshot`'s notes); an upload takes time in
 * proportion to the data.
 */
import { describeValue, type Show } from "./values";

/** Pulumi's `customTimeouts`: Go durations such as `"90m"` or `"1h30m"`. */
export interface Timeouts {
  /** How long the create may take, as a Go duration (`"90m"`). */
  create?: string;
  /** How long an update may take, as a Go duration; not shorter than the upload still to finish. */
  update?: string;
  /** How long the delete may take, as a Go duration. Default: the provider's. */
  delete?: string;
}

/** What any create or update is given, on top of the upload: ECS's queue and the provider's polling. */
export const BASE_MINUTES = 10;
/**
 * The upload speed assumed, in GiB per minute (about 17 MiB/s). Not a figure ECS publishes (it
 * publishes none; DescribeSnapshots reports only each upload's Progress and RemainTime): a low
 * one, so that a large disk's upload is not cut short; half the simulated cloud's invented
 * 32 MiB/s. Give `customTimeouts` for slower.
 */
export const ASSUMED_GIB_PER_MINUTE = 1;

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** Whether a value is a duration Pulumi accepts in `customTimeouts` (Go's time.ParseDuration). */
export function isDuration(value: string): boolean {
  return DURATION.test(value);
}

/** The minutes an upload of `sizeGiB` may take; the base alone when the size is not known. */
export function uploadMinutes(sizeGiB: number | undefined): number {
  if (sizeGiB === undefined || !(sizeGiB > 0)) return BASE_MINUTES;
  return BASE_MINUTES + Math.ceil(sizeGiB / ASSUMED_GIB_PER_MINUTE);
}

/**
 * The snapshot's timeouts: given ones as they are; otherwise create waits for the upload only
 * with `accomplished`, and update always may (the provider waits for it before it updates).
 * `updateAtLeast`: minutes the update must allow, from ECS's estimate of an upload still running
 * (rules/uploads.ts, checkRetentionWait).
 */
export function snapshotTimeouts(
  waitUntil: "available" | "accomplished",
  sizeGiB: number | undefined,
  given: Timeouts = {},
  updateAtLeast?: number,
): Timeouts {
  const minutes = uploadMinutes(sizeGiB);
  const upload = `${minutes}m`;
  const update = updateAtLeast !== undefined && updateAtLeast > minutes ? `${updateAtLeast}m` : upload;
  return {
    create: given.create ?? (waitUntil === "accomplished" ? upload : `${BASE_MINUTES}m`),
    update: given.update ?? update,
    ...(given.delete !== undefined ? { delete: given.delete } : {}),
  };
}

/**
 * Every problem of a `customTimeouts` argument: a map of `create`, `update` and `delete`, each a
 * duration such as `"90m"` or `"2h"`.
 */
export function validateTimeouts(value: unknown, input: string, show: Show = describeValue): string[] {
  const proto: unknown = typeof value === "object" && value !== null ? Object.getPrototypeOf(value) : undefined;
  // A plain map only: not an array, nor a promise or output (the option is read when the child registers).
  if (proto !== Object.prototype && proto !== null) {
    return [
      `${input} is ${show(value)}; it must be a map of create, update and delete to durations such as "90m" or "2h", or left out.`,
    ];
  }
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value as object)) {
    if (key !== "create" && key !== "update" && key !== "delete") {
      problems.push(`${input} has the key ${describeValue(key)}; its keys are create, update and delete.`);
    } else if (v !== undefined && (typeof v !== "string" || !isDuration(v))) {
      problems.push(
        `${input}.${key} is ${show(v)}; it must be a duration such as "90m", "2h" or "1h30m" (a number and a unit: h, m, s).`,
      );
    }
  }
  return problems;
}
