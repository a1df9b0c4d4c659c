/** The group's arguments, checked before anything is registered: every problem in one Error. */
import { isUnset } from "../rules/arguments";
import { validateRestoreDeclaration } from "../rules/declaredRestores";
import { PROVIDER_MAX_DISK_IDS } from "../rules/groups";
import {
  MAX_TAGS,
  isPlainMap,
  validateArgumentMap,
  validateDescription,
  validateDiskId,
  validateGeneration,
  validateRetentionDays,
  validateSnapshotName,
  validateTags,
} from "../rules/inputs";
import { validateTimeouts } from "../rules/timeouts";
import { describeValue } from "../rules/values";
import type { EssdSnapshotGroupArgs } from "./args";

/** Tags the component adds to each group: its owner tag and the generation tag. */
const OWN_TAGS = 2;

/** Every problem of the arguments; each names the argument, the value and what is accepted. */
export function validateGroupArgs(args: EssdSnapshotGroupArgs): string[] {
  if (!isPlainMap(args)) return validateArgumentMap(args);
  const given: Record<string, unknown> = args;
  const problems: string[] = [];
  if (isUnset(given.instanceId))
    problems.push("instanceId is not set; expected the instance whose disks make the group (i-…).");
  else if (typeof given.instanceId === "string" && !/^i-[A-Za-z0-9]+$/.test(given.instanceId))
    problems.push(
      `instanceId is ${describeValue(given.instanceId)}; expected text "i-" followed by letters and digits.`,
    );
  for (const key of ["diskIds", "excludeDiskIds"] as const) {
    const list = given[key];
    if (isUnset(list)) continue;
    if (!Array.isArray(list)) {
      problems.push(`${key} is ${describeValue(list)}; expected a list of disk IDs (d-…).`);
      continue;
    }
    list.forEach((id, i) => problems.push(...validateDiskId(id, `${key}[${i}]`)));
    if (list.length > PROVIDER_MAX_DISK_IDS)
      problems.push(
        `${key} has ${list.length} disk IDs; the provider's ecs.EcsSnapshotGroup takes at most ${PROVIDER_MAX_DISK_IDS} (MaxItems). Leave ${key} out to snapshot every disk of the instance.`,
      );
    if (key === "diskIds" && list.length === 0)
      problems.push("diskIds is an empty list; leave it out to snapshot every disk of the instance.");
  }
  if (!isUnset(given.diskIds) && !isUnset(given.excludeDiskIds))
    problems.push(
      "diskIds and excludeDiskIds are both set; ECS takes one of them (InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict).",
    );
  problems.push(...validateRetentionDays(given.retentionDays));
  if (!isUnset(given.groupName)) problems.push(...validateSnapshotName(given.groupName, "groupName"));
  if (!isUnset(given.description)) problems.push(...validateDescription(given.description));
  if (!isUnset(given.generation)) problems.push(...validateGeneration(given.generation));
  if (!isUnset(given.tags)) {
    problems.push(...validateTags(given.tags));
    if (isPlainMap(given.tags) && Object.keys(given.tags).length > MAX_TAGS - OWN_TAGS)
      problems.push(
        `tags has ${Object.keys(given.tags).length} tags; a group takes ${MAX_TAGS - OWN_TAGS} of yours beside the component's two.`,
      );
  }
  if (!isUnset(given.deleteOnDestroy) && typeof given.deleteOnDestroy !== "boolean")
    problems.push(`deleteOnDestroy is ${describeValue(given.deleteOnDestroy)}; expected true or false.`);
  if (!isUnset(given.customTimeouts)) problems.push(...validateTimeouts(given.customTimeouts, "customTimeouts"));
  if (!isUnset(given.restore))
    problems.push(...validateGroupRestore(given.restore, given.diskIds, given.excludeDiskIds));
  return problems;
}

/**
 * The `restore` argument of a group: `{ disks: [{ name, diskId, ... }] }`, each disk naming a
 * disk of the group. Images are made from an EssdLocalSnapshot of the system disk, not from a group.
 */
function validateGroupRestore(restore: unknown, diskIds: unknown, excludeDiskIds: unknown): string[] {
  if (!isPlainMap(restore)) return validateRestoreDeclaration(restore);
  const problems: string[] = [];
  const { images, ...rest } = restore;
  if (!isUnset(images))
    problems.push(
      "restore.images is not an argument of a snapshot group; it takes disks only. Make an image from an EssdLocalSnapshot of the system disk.",
    );
  problems.push(...validateRestoreDeclaration(rest));
  const disks = rest.disks;
  if (!Array.isArray(disks)) return problems;
  const included = Array.isArray(diskIds) ? new Set<unknown>(diskIds) : undefined;
  const excluded = Array.isArray(excludeDiskIds) ? new Set<unknown>(excludeDiskIds) : new Set<unknown>();
  (disks as unknown[]).forEach((item, i) => {
    if (!isPlainMap(item)) return;
    const at = `restore.disks[${i}].diskId`;
    const diskId = item.diskId;
    if (isUnset(diskId)) {
      problems.push(
        `${at} is not set; expected the disk of the group whose member snapshot the disk is made from (d-…).`,
      );
      return;
    }
    const idProblems = validateDiskId(diskId, at);
    problems.push(...idProblems);
    if (idProblems.length > 0 || typeof diskId !== "string") return;
    if (included && !included.has(diskId))
      problems.push(
        `${at} is "${diskId}", which is not in diskIds; a disk is restored only from a member of the group.`,
      );
    if (excluded.has(diskId))
      problems.push(
        `${at} is "${diskId}", which excludeDiskIds leaves out of the group; restore from a member of the group.`,
      );
  });
  return problems;
}
