/**
 * Every argument of the component and of its restores, with the one rule that decides what it
 * accepts. The component applies these at run time (to plain values at once, to outputs when
 * they resolve) and the stack config's schema applies the same ones to the config file, so a
 * value is accepted by both or by neither.
 */
import {
  validateChoice,
  validateDescription,
  validateDiskId,
  validateGeneration,
  validateResourceGroupId,
  validateRetentionDays,
  validateSnapshotName,
  validateTags,
} from "./inputs";
import {
  validateArchitecture,
  validateDiskName,
  validateDiskSize,
  validateEncrypted,
  validateImageName,
  validateInstanceId,
  validateKmsKeyId,
  validatePerformanceLevel,
  validatePlatform,
  validateRestoreCategory,
  validateZoneId,
} from "./restore";
import { validateTimeouts } from "./timeouts";
import { knownLater, validateCopies } from "./copies";
import { describeValue, type Show } from "./values";

/** The rule of one argument. */
export interface ArgumentRule {
  /**
   * Every problem of a value that is set; `input` names the argument in the sentences. Parts
   * for which `later` is true (a tag map's outputs) are left for their own check.
   */
  check: (value: unknown, input: string, show: Show, later?: (part: unknown) => boolean) => string[];
  /** Must be set (not `undefined`, not `null`). */
  required: boolean;
  /** May be known only later (a `pulumi.Input`): an output or a promise, checked when it resolves. */
  eventual: boolean;
}

const rule = (check: ArgumentRule["check"], options: Partial<Omit<ArgumentRule, "check">> = {}): ArgumentRule => ({
  check,
  required: false,
  eventual: true,
  ...options,
});
const choice =
  (allowed: readonly unknown[]): ArgumentRule["check"] =>
  (value, input, show) =>
    validateChoice(value, allowed, input, show);

/** `EssdLocalSnapshotArgs`, but `disk` (a resource, checked by the component). */
export const SNAPSHOT_ARGUMENTS = {
  diskId: rule(validateDiskId),
  retentionDays: rule(validateRetentionDays, { required: true }),
  snapshotName: rule(validateSnapshotName),
  description: rule(validateDescription),
  tags: rule(validateTags),
  resourceGroupId: rule(validateResourceGroupId),
  category: rule(choice(["flash"]), { eventual: false }),
  eligibility: rule(choice(["enforce", "warn"]), { eventual: false }),
  waitUntil: rule(choice(["available", "accomplished"]), { eventual: false }),
  generation: rule(validateGeneration),
  deleteOnDestroy: rule(choice([true, false]), { eventual: false }),
  customTimeouts: rule(validateTimeouts, { eventual: false }),
  copies: rule((value, input, show) => validateCopies(value, input, show, knownLater), { eventual: false }),
} satisfies Record<string, ArgumentRule>;

/** `RestoreDiskArgs` of `createDisk`. */
export const RESTORE_DISK_ARGUMENTS = {
  size: rule(validateDiskSize),
  zoneId: rule(validateZoneId),
  category: rule(validateRestoreCategory),
  performanceLevel: rule(validatePerformanceLevel),
  encrypted: rule(validateEncrypted),
  kmsKeyId: rule(validateKmsKeyId),
  diskName: rule(validateDiskName),
  description: rule(validateDescription),
  tags: rule(validateTags),
  instanceId: rule(validateInstanceId),
  deleteOnDestroy: rule(choice([true, false]), { eventual: false }),
} satisfies Record<string, ArgumentRule>;

/** `RestoreImageArgs` of `createImage`. */
export const RESTORE_IMAGE_ARGUMENTS = {
  imageName: rule(validateImageName),
  description: rule(validateDescription),
  architecture: rule(validateArchitecture),
  platform: rule(validatePlatform),
  tags: rule(validateTags),
  resourceGroupId: rule(validateResourceGroupId),
  deleteOnDestroy: rule(choice([true, false]), { eventual: false }),
} satisfies Record<string, ArgumentRule>;

/** `null` and `undefined` both mean "not set": Pulumi passes `null`, YAML writes `key:` as null. */
export function isUnset(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/**
 * Every problem of one argument's value: none when an optional one is not set, the rule's
 * sentences otherwise (a required one that is not set is shown as such).
 */
export function checkArgument(
  argument: ArgumentRule,
  value: unknown,
  input: string,
  show: Show = describeValue,
  later?: (part: unknown) => boolean,
): string[] {
  if (isUnset(value)) return argument.required ? argument.check(value, input, show) : [];
  return argument.check(value, input, show, later);
}
