/**
 * What CreateSnapshot accepts as name, description, retention and tags (ECS API reference,
 * CreateSnapshot and TagResources), and what each argument of the component accepts. Each
 * validator takes any value (a JavaScript caller, a config file or another Pulumi language can
 * pass anything) and returns every problem it finds as a sentence naming the input, the value
 * (as `show` renders it: {@link describeValue}, or `[secret]`) and what is required; an empty
 * list means valid.
 */
import { describeValue, type Show } from "./values";
import { bulleted } from "./message";

export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 65536;
export const MAX_TAGS = 20;
/** The tag that carries a snapshot's generation; a change of it replaces the snapshot. */
export const GENERATION_TAG = "essd-snapshots:generation";

const URL_PREFIX = /^https?:\/\//i;
const DISK_ID = /^d-[A-Za-z0-9]+$/;
const RESOURCE_GROUP_ID = /^rg-[A-Za-z0-9]+$/;

export function validateRetentionDays(value: unknown, input = "retentionDays", show: Show = describeValue): string[] {
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= RETENTION_DAYS_MIN &&
    value <= RETENTION_DAYS_MAX
  ) {
    return [];
  }
  return [
    `${input} is ${show(value)}; it must be a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX} (a snapshot without retention is kept, and billed, until deleted).`,
  ];
}

export function validateSnapshotName(value: unknown, input = "snapshotName", show: Show = describeValue): string[] {
  if (typeof value !== "string") return [`${input} is ${show(value)}; it must be a string.`];
  const problems: string[] = [];
  const shown = show(value);
  if (value.length < 2 || value.length > 128)
    problems.push(`${input} ${shown} has ${value.length} characters; it must have 2 to 128.`);
  if (URL_PREFIX.test(value)) problems.push(`${input} ${shown} starts with http:// or https://, which ECS refuses.`);
  else if (!/^[A-Za-z]/.test(value)) problems.push(`${input} ${shown} must start with a letter.`);
  if (/^auto/i.test(value))
    problems.push(`${input} ${shown} starts with "auto", which ECS keeps for automatic snapshots.`);
  if (!URL_PREFIX.test(value)) problems.push(...validateNameCharacters(value, input, show));
  return problems;
}

/** Names of snapshots, images and disks: letters, digits, `.`, `:`, `_` and `-` only. */
export function validateNameCharacters(value: string, input: string, show: Show = describeValue): string[] {
  const bad = [...new Set(value.replace(/[A-Za-z0-9.:_-]/g, ""))];
  if (bad.length === 0) return [];
  return [
    `${input} ${show(value)} contains ${bad.map((c) => show(c)).join(", ")}; only letters, digits, ".", ":", "_" and "-" are allowed.`,
  ];
}

/** The generation is written to a tag: a tag value's rules apply. */
export function validateGeneration(value: unknown, input = "generation", show: Show = describeValue): string[] {
  if (typeof value !== "string") return [`${input} is ${show(value)}; it must be a string.`];
  if (value.length === 0) return [`${input} is ""; leave it out, or give a release or date such as "2026-11".`];
  return validateTagValue(value, `${input} (the value of tag "${GENERATION_TAG}")`, show);
}

/** With a generation, the snapshot carries one tag more than the caller gives it. */
export function validateRoomForGenerationTag(tagCount: number, input = "tags"): string[] {
  if (tagCount < MAX_TAGS) return [];
  return [
    `${input} has ${tagCount} tags; with a generation the snapshot also carries the tag "${GENERATION_TAG}", and ECS takes at most ${MAX_TAGS}: keep at most ${MAX_TAGS - 1}.`,
  ];
}

export function validateDescription(value: unknown, input = "description", show: Show = describeValue): string[] {
  if (typeof value !== "string") return [`${input} is ${show(value)}; it must be a string.`];
  const problems: string[] = [];
  if (value.length < 2 || value.length > 256)
    problems.push(`${input} has ${value.length} characters; it must have 2 to 256.`);
  if (URL_PREFIX.test(value))
    problems.push(`${input} ${show(value)} starts with http:// or https://, which ECS refuses.`);
  return problems;
}

/** True for `{ … }` written as a literal or parsed from JSON or YAML; false for arrays, class instances, null. */
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A tag key: 1..128 characters, not starting with `aliyun` or `acs:`, no URL inside. */
export function validateTagKey(key: unknown, input = "tag key", show: Show = describeValue): string[] {
  if (typeof key !== "string") return [`${input} is ${show(key)}; a tag key must be a string.`];
  const where = `${input} ${show(key)}`;
  const problems: string[] = [];
  if (key.length < 1 || key.length > 128)
    problems.push(`${where} has ${key.length} characters; a tag key must have 1 to 128.`);
  if (/^(aliyun|acs:)/i.test(key))
    problems.push(`${where} starts with "aliyun" or "acs:", which Alibaba Cloud keeps for its own tags.`);
  if (/https?:\/\//i.test(key)) problems.push(`${where} contains http:// or https://, which ECS refuses in tag keys.`);
  return problems;
}

/** A tag value: text of at most 128 characters, no URL inside. */
export function validateTagValue(value: unknown, input = "tag value", show: Show = describeValue): string[] {
  if (typeof value !== "string")
    return [`${input} is ${show(value)}; a tag value must be a string (quote numbers and dates: "2026").`];
  const problems: string[] = [];
  if (value.length > 128) problems.push(`${input} has ${value.length} characters; a tag value must have at most 128.`);
  if (/https?:\/\//i.test(value))
    problems.push(`${input} contains http:// or https://, which ECS refuses in tag values.`);
  return problems;
}

/**
 * Tags as ECS takes them: a map of at most 20 tags; keys 1..128 characters, values 0..128
 * characters of text, no URLs. Values for which `later` is true (outputs, say) are left for
 * their own check once they are known.
 */
export function validateTags(
  tags: unknown,
  input = "tags",
  show: Show = describeValue,
  later: (value: unknown) => boolean = () => false,
): string[] {
  if (!isPlainMap(tags)) {
    return [`${input} is ${show(tags)}; it must be a map of tag keys to text values, such as { team: "db" }.`];
  }
  const problems: string[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS)
    problems.push(`${input} has ${keys.length} tags; ECS takes at most ${MAX_TAGS} per resource.`);
  for (const key of keys) {
    problems.push(...validateTagKey(key, `${input} key`, show));
    const value = tags[key];
    if (!later(value)) problems.push(...validateTagValue(value, tagInput(input, key, show), show));
  }
  return problems;
}

/** `tags["team"]`: how a message names one tag's value. */
export function tagInput(input: string, key: string, show: Show = describeValue): string {
  return `${input}[${show(key)}]`;
}

/** A choice among fixed values, for inputs a JavaScript caller or a config file can get wrong. */
export function validateChoice(
  value: unknown,
  allowed: readonly unknown[],
  input: string,
  show: Show = describeValue,
): string[] {
  if (value === undefined || allowed.includes(value)) return [];
  return [`${input} is ${show(value)}; it must be ${allowed.map((a) => describeValue(a)).join(" or ")}, or left out.`];
}

/** Exactly one source: an existing disk by ID, or a disk declared in the same program. */
export function validateDiskSource(hasDiskId: boolean, hasDisk: boolean): string[] {
  if (hasDiskId && hasDisk)
    return [
      "diskId and disk are both set; set exactly one: diskId for an existing disk, disk for an ecs.EcsDisk declared in this program.",
    ];
  if (!hasDiskId && !hasDisk)
    return [
      "neither diskId nor disk is set; set exactly one: diskId for an existing disk, disk for an ecs.EcsDisk declared in this program.",
    ];
  return [];
}

/** An existing disk's ID: `d-` followed by letters and digits. */
export function validateDiskId(value: unknown, input = "diskId", show: Show = describeValue): string[] {
  if (typeof value === "string" && DISK_ID.test(value)) return [];
  return [`${input} is ${show(value)}; a disk ID looks like "d-bp1…" (d- followed by letters and digits).`];
}

/** `disk`: whether the value is an `ecs.EcsDisk` is for the caller to say (this module knows no Pulumi). */
export function validateDiskResource(
  value: unknown,
  isEcsDisk: boolean,
  input = "disk",
  show: Show = describeValue,
): string[] {
  if (isEcsDisk) return [];
  return [
    `${input} is ${show(value)}; it must be an ecs.EcsDisk declared in this program (or use diskId for an existing disk).`,
  ];
}

/** A resource group's ID: `rg-` followed by letters and digits. */
export function validateResourceGroupId(
  value: unknown,
  input = "resourceGroupId",
  show: Show = describeValue,
): string[] {
  if (typeof value === "string" && RESOURCE_GROUP_ID.test(value)) return [];
  return [
    `${input} is ${show(value)}; a resource group ID looks like "rg-acfm…" (rg- followed by letters and digits).`,
  ];
}

/** A Pulumi resource name (of the component, or of a restored disk or image): non-empty text. */
export function validateResourceName(value: unknown, input = "name", show: Show = describeValue): string[] {
  if (typeof value === "string" && value.length > 0) return [];
  return [`${input} is ${show(value)}; it must be a non-empty string (the resource's name in the program).`];
}

/** The arguments object itself: a map, or (for optional arguments) nothing. */
export function validateArgumentMap(value: unknown, input = "args", show: Show = describeValue): string[] {
  if (isPlainMap(value)) return [];
  return [`${input} is ${show(value)}; it must be a map of arguments such as { diskId: "d-bp1…", retentionDays: 7 }.`];
}

/** One error for every problem of one resource's inputs. */
export function describeInvalidInputs(resourceName: string, problems: string[]): string {
  return bulleted(`Invalid inputs for "${resourceName}":`, problems);
}
