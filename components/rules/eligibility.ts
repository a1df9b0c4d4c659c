/**
 * Which disks CreateSnapshot accepts. Pure: every function takes plain facts and returns
 * findings, so the same rules serve the component, the offline preview and other tools.
 *
 * A fact left `undefined` is unknown (for example the status of a disk not yet created,
 * during a preview): its rule is skipped, and the rules whose facts are known still run.
 */
import { ESSD_SERIES, FLASH_CATEGORIES, apiSpelling } from "./categories";
import { bulleted } from "./message";

/** What kind of snapshot is asked for: the default instant-access one, or a legacy local snapshot. */
export type SnapshotKind = "instant-access" | "flash";

/** The facts about a disk that the rules read. Fields left undefined are unknown. */
export interface DiskFacts {
  id: string;
  /** API spelling, for example `cloud_essd`. */
  category?: string;
  encrypted?: boolean;
  /** `In_use`, `Available`, `Attaching`, … */
  status?: string;
  /** Empty when the disk has never been attached. */
  attachedTime?: string;
  detachedTime?: string;
  /** The instance it is attached to; empty when it is not attached. */
  instanceId?: string;
  /** `lockReason` of every operation lock (`financial`, `security`, …). */
  lockReasons?: string[];
  /** Subscription disks: when the subscription ran out. */
  expiredTime?: string;
}

/** The facts about the instance a disk is attached to. */
export interface InstanceFacts {
  id: string;
  status: string;
}

export type RuleId =
  | "not-found"
  | "category"
  | "encryption"
  | "status"
  | "instance"
  | "lock"
  | "quota"
  /** A snapshot of the disk is still being created (uploading). */
  | "creating"
  /** Another component of the same update makes a snapshot of the disk. */
  | "one-per-update";

/** One rule a disk fails: what was found, and what ECS requires. */
export interface Violation {
  rule: RuleId;
  /** The value found, as a phrase: `category is "cloud_efficiency"`. */
  found: string;
  /** What ECS requires, and what to do about it. */
  required: string;
}

export interface EligibilityReport {
  /** Every rule the disk fails; empty when ECS would accept the snapshot. */
  violations: Violation[];
  /** Facts worth knowing that do not stop the snapshot (an overdue disk). */
  warnings: string[];
}

const SNAPSHOT_STATUSES = ["In_use", "Available"];
const INSTANCE_STATUSES = ["Running", "Stopped"];

/** ESSD series for instant access; `cloud_essd` only for a legacy local snapshot. */
export function checkCategory(category: string | undefined, kind: SnapshotKind): Violation[] {
  if (category === undefined) return [];
  const allowed = kind === "flash" ? FLASH_CATEGORIES : ESSD_SERIES;
  if (allowed.includes(category)) return [];
  const spelled = apiSpelling(category);
  const hint = allowed.includes(spelled)
    ? ` "${category}" is the spelling of Pulumi's docs; the API value is "${spelled}": declare the disk with that.`
    : kind === "flash"
      ? ` Drop category "flash" to take an instant-access snapshot, which every ESSD-series disk supports.`
      : ` Snapshot an ESSD-series disk, or change this disk's category first (ModifyDiskSpec).`;
  return [
    {
      rule: "category",
      found: `category is "${category}"`,
      required:
        kind === "flash"
          ? `a legacy local snapshot (category "flash") needs a ${FLASH_CATEGORIES.join(" ")} disk.${hint}`
          : `a fast snapshot needs an ESSD-series disk (${ESSD_SERIES.join(", ")}).${hint}`,
    },
  ];
}

/** Legacy local snapshots are refused for encrypted disks; instant access has no such ban. */
export function checkEncryption(encrypted: boolean | undefined, kind: SnapshotKind): Violation[] {
  if (kind !== "flash" || encrypted !== true) return [];
  return [
    {
      rule: "encryption",
      found: "it is encrypted",
      required:
        'a legacy local snapshot (category "flash") needs an unencrypted disk. Drop category "flash" to take an instant-access snapshot, which encrypted disks support.',
    },
  ];
}

/** `In_use`, or `Available` if the disk was attached before (IncorrectDiskStatus.NeverAttached). */
export function checkStatus(disk: Pick<DiskFacts, "status" | "attachedTime" | "detachedTime">): Violation[] {
  const { status } = disk;
  if (status === undefined || status === "In_use") return [];
  if (status === "Available") {
    const wasAttached = Boolean(disk.attachedTime) || Boolean(disk.detachedTime);
    if (wasAttached || disk.attachedTime === undefined) return [];
    return [
      {
        rule: "status",
        found: 'status is "Available" and it has never been attached',
        required:
          "ECS snapshots a disk that is In_use, or Available after it was attached once (IncorrectDiskStatus.NeverAttached). Attach it to an instance first.",
      },
    ];
  }
  return [
    {
      rule: "status",
      found: `status is "${status}"`,
      required: `ECS snapshots a disk whose status is ${SNAPSHOT_STATUSES.join(" or ")}. Wait until the operation under way has finished, then preview again.`,
    },
  ];
}

/**
 * The instance of an attached disk must be Running or Stopped. `instance` is undefined when
 * unknown, `null` when it was looked up and not found.
 */
export function checkInstance(instanceId: string | undefined, instance: InstanceFacts | null | undefined): Violation[] {
  if (!instanceId || instance === undefined) return [];
  if (instance === null) {
    return [
      {
        rule: "instance",
        found: `its instance ${instanceId} was not found`,
        required:
          "the instance of an attached disk must exist and be Running or Stopped. Check the instance, then preview again.",
      },
    ];
  }
  if (INSTANCE_STATUSES.includes(instance.status)) return [];
  return [
    {
      rule: "instance",
      found: `its instance ${instance.id} is "${instance.status}"`,
      required: `ECS snapshots a disk whose instance is ${INSTANCE_STATUSES.join(" or ")} (IncorrectInstanceStatus). Wait until the instance has started or stopped, and do not stop or restart it while the snapshot is created.`,
    },
  ];
}

/** A `security` lock refuses the snapshot; a `financial` one (overdue) allows it, with a warning. */
export function checkLocks(disk: Pick<DiskFacts, "id" | "lockReasons" | "expiredTime">): EligibilityReport {
  const reasons = disk.lockReasons ?? [];
  const violations: Violation[] = reasons.includes("security")
    ? [
        {
          rule: "lock",
          found: 'it carries a "security" operation lock',
          required:
            "ECS refuses snapshots of a disk locked for security (InstanceLockedForSecurity). Resolve the lock with Alibaba Cloud support first.",
        },
      ]
    : [];
  const warnings = reasons.includes("financial")
    ? [
        `Disk ${disk.id} is overdue (operation lock "financial"${disk.expiredTime ? `, expired ${disk.expiredTime}` : ""}): the snapshot is allowed, but if the disk is released while the snapshot is still being created, the snapshot is released with it. Renew the disk or settle the account first.`,
      ]
    : [];
  return { violations, warnings };
}

/**
 * Every rule CreateSnapshot applies to a disk, in one report. `instance` is undefined when
 * unknown (not looked up), `null` when the disk's instance was looked up and not found.
 */
export function checkEligibility(
  disk: DiskFacts,
  instance?: InstanceFacts | null,
  kind: SnapshotKind = "instant-access",
): EligibilityReport {
  const locks = checkLocks(disk);
  return {
    violations: [
      ...checkCategory(disk.category, kind),
      ...checkEncryption(disk.encrypted, kind),
      ...checkStatus(disk),
      ...checkInstance(disk.instanceId, instance),
      ...locks.violations,
    ],
    warnings: locks.warnings,
  };
}

/** The violation for a disk ID that the lookup did not find. */
export function diskNotFound(diskId: string, where: string): Violation {
  return {
    rule: "not-found",
    found: `no disk with ID ${diskId} was found by ${where}`,
    required:
      "the disk must exist in the region of the provider that snapshots it. Check the ID, and that the disk is in the stack's region (alicloud:region), or, in a program, in the region of the provider passed as opts.provider.",
  };
}

/**
 * One sentence per failed rule, under a line that names the disk and the resource.
 * `disk` is how to name the disk: `d-bp1…`, or `"data" (declared in this program)`.
 */
export function describeRefusal(disk: string, resourceName: string, violations: Violation[]): string {
  return bulleted(
    `Disk ${disk} cannot be snapshotted by "${resourceName}":`,
    violations.map((v) => `${v.found}: ${v.required}`),
  );
}
