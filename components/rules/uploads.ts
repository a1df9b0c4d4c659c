/**
 * Uploads, and what ECS and the provider do while one runs. Pure: plain facts in, findings out.
 *
 * - ECS makes one snapshot of a disk at a time: CreateSnapshot answers
 *   `IncorrectDiskStatus.CreatingSnapshot` while a snapshot of the disk is being created (ECS API
 *   reference, CreateSnapshot, error codes). An instant-access snapshot is usable in seconds but
 *   stays `progressing` until its upload has finished.
 * - How far an upload is, and how long it still takes, is ECS's own figure: DescribeSnapshots'
 *   `Progress` ("42%") and `RemainTime` (seconds), which `getEcsSnapshots` reports as `progress`
 *   and `remainTime`. ECS publishes no upload rate (help doc 193667), so these figures, not one
 *   of ours, say when a disk can be snapshotted again.
 * - The provider waits for `Status=accomplished` before it changes `retentionDays`
 *   (@pulumi/alicloud 3.108 `ecs/ecsSnapshot.d.ts`, the note on `waitUntil`), within the
 *   resource's update timeout.
 */
import type { Violation } from "./eligibility";
import { BASE_MINUTES } from "./timeouts";

/** A snapshot of the disk still being created, as DescribeSnapshots reports it. */
export interface Upload {
  id: string;
  /** Percent done (`Progress`); undefined when not reported. */
  progress?: number;
  /** Seconds left, ECS's estimate (`RemainTime`); undefined or 0 when not reported. */
  remainSeconds?: number;
}

/**
 * ECS's estimate of the time left is taken with this margin (it is an estimate, and the provider
 * polls at most every 10 seconds, after a first delay of 5).
 */
export const REMAIN_TIME_MARGIN = 1.5;

/** `"42%"` → 42; undefined for anything else. */
export function parseProgress(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  return value >= 0 && value <= 100 ? value : undefined;
}

/** Seconds as a reader counts them: "about 40 seconds", "about 12 minutes", "about 2 h 5 min". */
export function describeDuration(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Where an upload is: "42% uploaded, about 12 minutes left (ECS's estimate)". */
export function describeUpload(upload: Upload): string {
  const done = upload.progress !== undefined ? `${upload.progress}% uploaded` : "upload under way";
  const left =
    upload.remainSeconds !== undefined && upload.remainSeconds > 0
      ? `${describeDuration(upload.remainSeconds)} left (ECS's estimate, RemainTime ${upload.remainSeconds} s)`
      : "ECS gives no estimate of the time left";
  return `${done}, ${left}`;
}

/**
 * A snapshot to be made of a disk whose snapshots `uploading` are still being created (status
 * `progressing`): ECS refuses it. The refusal says how far along each is and when to run again.
 */
export function checkUploading(diskId: string, uploading: readonly Upload[]): Violation[] {
  if (uploading.length === 0) return [];
  const longest = Math.max(0, ...uploading.map((u) => u.remainSeconds ?? 0));
  const when =
    longest > 0
      ? `run the preview again in ${describeDuration(longest * REMAIN_TIME_MARGIN)} (ECS's estimate with a margin)`
      : "run the preview again once it is accomplished (DescribeSnapshots, or the ECS console, shows its status)";
  return [
    {
      rule: "creating",
      found: `${uploading.length === 1 ? "snapshot" : "snapshots"} ${uploading
        .map((u) => `${u.id} (${describeUpload(u)})`)
        .join(
          ", ",
        )} of disk ${diskId} ${uploading.length === 1 ? "is" : "are"} still being created (status progressing)`,
      required: `ECS makes one snapshot of a disk at a time and refuses a new one meanwhile (CreateSnapshot: IncorrectDiskStatus.CreatingSnapshot). Wait for the upload: ${when}; or leave this snapshot (its new generation) out of this update.`,
    },
  ];
}

/**
 * Several components of one update that would each make a snapshot of the same disk:
 * `claimants` are their names, this one last. ECS refuses all but the first while that one
 * uploads, so the second is refused in the preview.
 */
export function checkOnePerUpdate(diskId: string, claimants: readonly string[]): Violation[] {
  if (claimants.length <= 1) return [];
  const others = claimants.slice(0, -1).map((n) => `"${n}"`);
  const self = claimants[claimants.length - 1];
  return [
    {
      rule: "one-per-update",
      found: `${others.join(", ")} also ${others.length === 1 ? "makes" : "make"} a snapshot of disk ${diskId} in this update, and "${self}" would be the ${claimants.length === 2 ? "second" : `number ${claimants.length}`}`,
      required: `ECS makes one snapshot of a disk at a time (CreateSnapshot: IncorrectDiskStatus.CreatingSnapshot), and an instant-access snapshot stays progressing until its upload has finished, minutes to hours after it is usable. Snapshot the disk from one component only, or add "${self}" (or its new generation) in a later update, once the first snapshot is accomplished.`,
    },
  ];
}

/** What a `retentionDays` change of an existing snapshot waits for. */
export interface RetentionWait {
  /** Minutes the update timeout must allow: the remaining upload with a margin, plus the base. */
  updateMinutes?: number;
  /** The refusal: a given `customTimeouts.update` shorter than the wait. */
  problem?: string;
  /** What the preview says about the wait. */
  note?: string;
}

/** A Go duration (`"90m"`, `"1h30m"`, `"45s"`) in seconds; undefined when it is not one. */
export function durationSeconds(value: string): number | undefined {
  const UNIT: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) return undefined;
  let total = 0;
  for (const [, n, , unit] of value.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * UNIT[unit];
  return total;
}

/**
 * A `retentionDays` change of snapshot `existing` of component `resourceName`: when the snapshot
 * is still uploading, the provider waits for it to be accomplished before ModifySnapshotAttribute,
 * within the update timeout. Without `givenUpdate` the timeout is sized from ECS's estimate;
 * a given one that is shorter than the estimate with its margin is refused.
 */
export function checkRetentionWait(
  resourceName: string,
  existing: { id: string; status: string; retentionDays: number | undefined } & Upload,
  retentionDays: number | undefined,
  givenUpdate: string | undefined,
): RetentionWait {
  const changes =
    retentionDays !== undefined && existing.retentionDays !== undefined && retentionDays > existing.retentionDays;
  if (!changes || existing.status !== "progressing") return {};
  const remain = existing.remainSeconds ?? 0;
  const waitFor = `the provider waits for snapshot ${existing.id} to be accomplished before it changes retentionDays of "${resourceName}" (${existing.retentionDays} → ${retentionDays} days); it is ${describeUpload(existing)}`;
  if (remain <= 0) {
    return { note: `${waitFor}. The update timeout is sized from the disk (customTimeouts.update to change it).` };
  }
  const needed = remain * REMAIN_TIME_MARGIN;
  const updateMinutes = BASE_MINUTES + Math.ceil(needed / 60);
  if (givenUpdate !== undefined) {
    const given = durationSeconds(givenUpdate);
    if (given !== undefined && given < needed) {
      return {
        problem: `customTimeouts.update of "${resourceName}" is "${givenUpdate}", but ${waitFor}: the update would time out. Give customTimeouts.update of at least "${updateMinutes}m", leave it out (it is then sized from ECS's estimate), or change retentionDays after the upload is accomplished (in ${describeDuration(needed)}).`,
      };
    }
    return { note: `${waitFor}; customTimeouts.update "${givenUpdate}" allows for it.` };
  }
  return {
    updateMinutes,
    note: `${waitFor}; the update may take that long, and its timeout is ${updateMinutes} minutes.`,
  };
}
