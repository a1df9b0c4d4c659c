/**
 * What CreateSnapshot accepts as name, description, retention and tags (ECS API reference,
 * CreateSnapshot and TagResources). Each validator returns every problem it finds as a
 * sentence naming the input, the value and what is required; an empty list means valid.
 */

export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 65536;
export const MAX_TAGS = 20;
/** The tag that carries a snapshot's generation; a change of it replaces the snapshot. */
export const GENERATION_TAG = "essd-snapshots:generation";

const URL_PREFIX = /^https?:\/\//i;

export function validateRetentionDays(value: unknown, input = "retentionDays"): string[] {
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= RETENTION_DAYS_MIN &&
    value <= RETENTION_DAYS_MAX
  ) {
    return [];
  }
  return [
    `${input} is ${JSON.stringify(value)}; it must be a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX} (a snapshot without retention is kept, and billed, until deleted).`,
  ];
}

export function validateSnapshotName(value: unknown, input = "snapshotName"): string[] {
  if (typeof value !== "string") return [`${input} is ${JSON.stringify(value)}; it must be a string.`];
  const problems: string[] = [];
  const shown = JSON.stringify(value);
  if (value.length < 2 || value.length > 128)
    problems.push(`${input} ${shown} has ${value.length} characters; it must have 2 to 128.`);
  if (URL_PREFIX.test(value)) problems.push(`${input} ${shown} starts with http:// or https://, which ECS refuses.`);
  else if (!/^[A-Za-z]/.test(value)) problems.push(`${input} ${shown} must start with a letter.`);
  if (/^auto/i.test(value))
    problems.push(`${input} ${shown} starts with "auto", which ECS keeps for automatic snapshots.`);
  if (!URL_PREFIX.test(value)) problems.push(...validateNameCharacters(value, input));
  return problems;
}

/** Names of snapshots, images and disks: letters, digits, `.`, `:`, `_` and `-` only. */
export function validateNameCharacters(value: string, input: string): string[] {
  const bad = [...new Set(value.replace(/[A-Za-z0-9.:_-]/g, ""))];
  if (bad.length === 0) return [];
  return [
    `${input} ${JSON.stringify(value)} contains ${bad.map((c) => JSON.stringify(c)).join(", ")}; only letters, digits, ".", ":", "_" and "-" are allowed.`,
  ];
}

/** The generation is written to a tag: a tag value's rules apply. */
export function validateGeneration(value: unknown, input = "generation"): string[] {
  if (typeof value !== "string") return [`${input} is ${JSON.stringify(value)}; it must be a string.`];
  if (value.length === 0) return [`${input} is ""; leave it out, or give a release or date such as "2026-11".`];
  return validateTags({ [GENERATION_TAG]: value }, `${input} tag`);
}

/** With a generation, the snapshot carries one tag more than the caller gives it. */
export function validateRoomForGenerationTag(tagCount: number, input = "tags"): string[] {
  if (tagCount < MAX_TAGS) return [];
  return [
    `${input} has ${tagCount} tags; with a generation the snapshot also carries the tag "${GENERATION_TAG}", and ECS takes at most ${MAX_TAGS}: keep at most ${MAX_TAGS - 1}.`,
  ];
}

export function validateDescription(value: unknown, input = "description"): string[] {
  if (typeof value !== "string") return [`${input} is ${JSON.stringify(value)}; it must be a string.`];
  const problems: string[] = [];
  if (value.length < 2 || value.length > 256)
    problems.push(`${input} has ${value.length} characters; it must have 2 to 256.`);
  if (URL_PREFIX.test(value))
    problems.push(`${input} ${JSON.stringify(value.slice(0, 40))} starts with http:// or https://, which ECS refuses.`);
  return problems;
}

/** Tags as ECS takes them: at most 20; keys 1..128 characters, values 0..128, no URLs. */
export function validateTags(tags: Record<string, unknown>, input = "tags"): string[] {
  const problems: string[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS)
    problems.push(`${input} has ${keys.length} tags; ECS takes at most ${MAX_TAGS} per resource.`);
  for (const key of keys) {
    const where = `${input} key ${JSON.stringify(key)}`;
    if (key.length < 1 || key.length > 128)
      problems.push(`${where} has ${key.length} characters; a tag key must have 1 to 128.`);
    if (/^(aliyun|acs:)/i.test(key))
      problems.push(`${where} starts with "aliyun" or "acs:", which Alibaba Cloud keeps for its own tags.`);
    if (/https?:\/\//i.test(key))
      problems.push(`${where} contains http:// or https://, which ECS refuses in tag keys.`);
    const value = tags[key];
    if (typeof value !== "string") {
      problems.push(`${input}[${JSON.stringify(key)}] is ${JSON.stringify(value)}; a tag value must be a string.`);
      continue;
    }
    if (value.length > 128)
      problems.push(
        `${input}[${JSON.stringify(key)}] has ${value.length} characters; a tag value must have at most 128.`,
      );
    if (/https?:\/\//i.test(value))
      problems.push(`${input}[${JSON.stringify(key)}] contains http:// or https://, which ECS refuses in tag values.`);
  }
  return problems;
}

/** A choice among fixed values, for inputs a JavaScript caller or a config file can get wrong. */
export function validateChoice(value: unknown, allowed: readonly unknown[], input: string): string[] {
  if (value === undefined || allowed.includes(value)) return [];
  return [
    `${input} is ${JSON.stringify(value)}; it must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}, or left out.`,
  ];
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

/** One error for every problem of one resource's inputs. */
export function describeInvalidInputs(resourceName: string, problems: string[]): string {
  return [`Invalid inputs for "${resourceName}":`, ...problems.map((p) => `  - ${p}`)].join("\n");
}
