/**
 * The stack's configuration (stacks/Pulumi.<stack>.yaml), as a zod schema: defaults shared by
 * every snapshot, the snapshots with the disks and images restored from them, and the region.
 *
 *   config:
 *     alicloud:region: cn-hangzhou
 *     essd-snapshots:defaults: { retentionDays: 7, tags: {...}, requiredTagKeys: [...], eligibility: enforce }
 *     essd-snapshots:snapshots:
 *       - { name: mysql-data, diskId: d-bp1…, retentionDays: 14, tags: {...}, restore: { disks: [...], images: [...] } }
 *     essd-snapshots:groups:
 *       - { name: db, instanceId: i-bp1…, excludeDiskIds: [...], retentionDays: 7, restore: { disks: [{ name, diskId }] } }
 *
 * Every problem of the whole file is reported at once, each as a sentence naming the setting's
 * path (`snapshots[2].retentionDays`), the value found and what is expected. Whatever the
 * component takes as an argument is decided by the component's own rule for it
 * (components/rules/arguments.ts), so a value is accepted here exactly when the component accepts
 * it; this schema adds the file's shape (paths, unknown keys and "did you mean"), what is required
 * in the file, and the rules that span entries. `null` (YAML's `key:`) means "not set", as it does
 * for the component.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import {
  ESSD_SERIES,
  MAX_TAGS,
  PROVIDER_MAX_DISK_IDS,
  RESTORE_DISK_ARGUMENTS,
  RESTORE_IMAGE_ARGUMENTS,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  SNAPSHOT_ARGUMENTS,
  checkArgument,
  describeValue,
  isUnset,
  validateRoomForGenerationTag,
  validateTagKey,
  validateTags,
  type ArgumentRule,
  type SnapshotCopyArgs,
  type Timeouts,
} from "../components";
import { HERE, addDomainProblems, closest, describeIssues, formatPath, parseWith, type ItemLabel } from "./issues";

/** The config keys of this project, without the project's namespace. */
const CONFIG_KEYS = ["defaults", "snapshots", "groups"] as const;
const REGION_KEY = "alicloud:region";

// ---- settings shared by several places -------------------------------------------------------

/**
 * A setting decided by a component argument's rule: its sentences, with the setting's path. An
 * optional one that is null is left out, as the component leaves out a null argument.
 */
function setting<T>(argument: ArgumentRule, description: string, convert = (value: unknown) => value) {
  return z
    .unknown()
    .describe(description)
    .superRefine((value, ctx) =>
      addDomainProblems(ctx, checkArgument({ ...argument, required: false }, convert(value), HERE), [], value),
    )
    .transform((value) => (isUnset(value) ? undefined : (convert(value) as T)))
    .optional();
}

/** A setting the file must have: missing (or null) is named with `description`, otherwise as {@link setting}. */
function requiredSetting<T>(argument: ArgumentRule, description: string) {
  return z
    .unknown()
    .describe(description)
    .superRefine((value, ctx) => {
      if (isUnset(value)) ctx.addIssue({ code: "custom", message: description, input: value });
      else addDomainProblems(ctx, checkArgument(argument, value, HERE), [], value);
    })
    .transform((value) => value as T);
}

const retentionDays = () =>
  setting<number>(
    SNAPSHOT_ARGUMENTS.retentionDays,
    `a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX} (ECS releases the snapshot, and stops billing it, when they have passed)`,
  );

const eligibility = () =>
  setting<"enforce" | "warn">(
    SNAPSHOT_ARGUMENTS.eligibility,
    '"enforce" (an ineligible disk is an error) or "warn" (the snapshot is attempted anyway)',
  );

const waitUntil = () =>
  setting<"available" | "accomplished">(
    SNAPSHOT_ARGUMENTS.waitUntil,
    '"available" (done once the snapshot is usable, seconds for an ESSD) or "accomplished" (upload finished)',
  );

const category = () =>
  setting<"flash">(
    SNAPSHOT_ARGUMENTS.category,
    '"flash" (a legacy local snapshot, cloud_essd only), or no category for an instant-access snapshot',
  );

const deleteOnDestroy = () =>
  setting<boolean>(
    SNAPSHOT_ARGUMENTS.deleteOnDestroy,
    "true (Pulumi deletes the snapshot when it leaves the program) or false (kept until it expires)",
  );

const customTimeouts = () =>
  setting<Timeouts>(
    SNAPSHOT_ARGUMENTS.customTimeouts,
    'a map of create, update and delete to durations such as "90m" (how long Pulumi waits for the snapshot)',
  );

const copies = () =>
  setting<SnapshotCopyArgs[]>(
    SNAPSHOT_ARGUMENTS.copies,
    'a list of copies in other regions, each a map with regionId and optionally retentionDays, tags and kmsKeyId, such as [{ regionId: "cn-shanghai" }]',
  );

const resourceGroupId = () =>
  setting<string>(SNAPSHOT_ARGUMENTS.resourceGroupId, 'a resource group ID such as "rg-acfm…"');

const description = () => setting<string>(SNAPSHOT_ARGUMENTS.description, "a description (text)");

const tags = () => setting<Record<string, string>>(SNAPSHOT_ARGUMENTS.tags, "a map of tag keys to values");

const tagKey = z
  .unknown()
  .describe('a tag key of 1 to 128 characters, not starting with "aliyun" or "acs:"')
  .superRefine((key, ctx) => addDomainProblems(ctx, validateTagKey(key, HERE), [], key))
  .transform((key) => key as string);

/** Logical names become parts of resource names, snapshot names and image names. */
const logicalName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/)
  .describe('a name of 1 to 63 characters: a letter, then letters, digits, "-" or "_"');

/**
 * A whole number is taken as its text (YAML reads `generation: 3` as a number); a fractional one
 * lost what was written (2026.10 reads as 2026.1), so it asks for quotes instead.
 */
const generation = () => {
  const convert = (value: unknown) => (Number.isSafeInteger(value) ? String(value) : value);
  return z
    .unknown()
    .describe('a release or date such as "2026-11" (1 to 128 characters, no http:// or https://)')
    .superRefine((value, ctx) => {
      if (typeof value === "number" && !Number.isInteger(value)) {
        ctx.addIssue({
          code: "custom",
          input: value,
          message: `${HERE} is ${value}, which YAML read as a number; expected text: quote it in the stack file, as you mean it (generation: "${value}"), since YAML drops what a number does not keep (2026.10 becomes 2026.1).`,
        });
        return;
      }
      addDomainProblems(
        ctx,
        checkArgument({ ...SNAPSHOT_ARGUMENTS.generation, required: false }, convert(value), HERE),
        [],
        value,
      );
    })
    .transform((value) => (isUnset(value) ? undefined : (convert(value) as string)))
    .optional();
};

// ---- restore targets ----------------------------------------------------------------------

const restoreDisk = z
  .strictObject({
    name: logicalName.describe(
      'a name of 1 to 63 characters (a letter, then letters, digits, "-" or "_"); the disk is named "<snapshot name>-<name>"',
    ),
    size: setting<number>(
      RESTORE_DISK_ARGUMENTS.size,
      "a size in GiB: a whole number from 1 to 65536, at least the source disk's",
    ),
    zoneId: setting<string>(RESTORE_DISK_ARGUMENTS.zoneId, 'a zone ID such as "cn-hangzhou-i"'),
    category: setting<string>(
      RESTORE_DISK_ARGUMENTS.category,
      `an ESSD-series category, spelled as the API does (cloud_essd, not the docs' cloudEssd): ${ESSD_SERIES.join(", ")}`,
    ),
    performanceLevel: setting<string>(RESTORE_DISK_ARGUMENTS.performanceLevel, "PL0, PL1, PL2 or PL3"),
    encrypted: setting<boolean>(RESTORE_DISK_ARGUMENTS.encrypted, "true or false"),
    kmsKeyId: setting<string>(RESTORE_DISK_ARGUMENTS.kmsKeyId, "a KMS key ID"),
    diskName: setting<string>(
      RESTORE_DISK_ARGUMENTS.diskName,
      'a disk name of 2 to 128 characters: a letter, then letters, digits, ".", ":", "_" or "-"',
    ),
    description: setting<string>(RESTORE_DISK_ARGUMENTS.description, "a description (text)"),
    tags: setting<Record<string, string>>(RESTORE_DISK_ARGUMENTS.tags, "a map of tag keys to values"),
    instanceId: setting<string>(
      RESTORE_DISK_ARGUMENTS.instanceId,
      'an instance ID such as "i-bp1…", in the disk\'s zone',
    ),
    deleteOnDestroy: setting<boolean>(
      RESTORE_DISK_ARGUMENTS.deleteOnDestroy,
      "true or false: whether a rotation, a removal or pulumi destroy deletes the disk (default: the snapshot's deleteOnDestroy, kept)",
    ),
  })
  .describe(
    "a disk to restore: a map with name, and optionally size, zoneId, category, performanceLevel and instanceId",
  );

const restoreImage = z
  .strictObject({
    name: logicalName.describe(
      'a name of 1 to 63 characters (a letter, then letters, digits, "-" or "_"); the image is named "<snapshot name>-<name>"',
    ),
    imageName: setting<string>(RESTORE_IMAGE_ARGUMENTS.imageName, "an image name (text)"),
    description: setting<string>(RESTORE_IMAGE_ARGUMENTS.description, "a description (text)"),
    architecture: setting<string>(RESTORE_IMAGE_ARGUMENTS.architecture, '"x86_64", "arm64" or "i386"'),
    platform: setting<string>(RESTORE_IMAGE_ARGUMENTS.platform, 'an OS distribution such as "Aliyun" or "Ubuntu"'),
    tags: setting<Record<string, string>>(RESTORE_IMAGE_ARGUMENTS.tags, "a map of tag keys to values"),
    resourceGroupId: setting<string>(RESTORE_IMAGE_ARGUMENTS.resourceGroupId, 'a resource group ID such as "rg-acfm…"'),
    deleteOnDestroy: setting<boolean>(
      RESTORE_IMAGE_ARGUMENTS.deleteOnDestroy,
      "true or false: whether a rotation, a removal or pulumi destroy deletes the image (default: the snapshot's deleteOnDestroy, kept)",
    ),
  })
  .describe("an image to make: a map with name, and optionally imageName, architecture and platform");

const restore = z
  .strictObject({
    disks: z.array(restoreDisk).describe("a list of disks to restore").optional(),
    images: z.array(restoreImage).describe("a list of images to make (from a system disk's snapshot)").optional(),
  })
  .describe("a map with disks and images to restore from the snapshot");

// ---- snapshots and defaults ---------------------------------------------------------------

const snapshot = z
  .strictObject({
    name: logicalName.describe(
      'a name of 1 to 63 characters: a letter, then letters, digits, "-" or "_" (the component\'s resource name)',
    ),
    diskId: requiredSetting<string>(
      SNAPSHOT_ARGUMENTS.diskId,
      'the ID of the disk to snapshot, such as "d-bp1abc…" (d- followed by letters and digits)',
    ),
    retentionDays: retentionDays(),
    snapshotName: setting<string>(SNAPSHOT_ARGUMENTS.snapshotName, "a snapshot name (text)"),
    description: description(),
    tags: tags(),
    category: category(),
    generation: generation(),
    eligibility: eligibility(),
    waitUntil: waitUntil(),
    resourceGroupId: resourceGroupId(),
    deleteOnDestroy: deleteOnDestroy(),
    customTimeouts: customTimeouts(),
    copies: copies(),
    restore: restore.optional(),
  })
  .describe(
    "a snapshot: a map with name and diskId, and optionally retentionDays, tags, category, generation and restore",
  );

// ---- snapshot-consistent groups ----------------------------------------------------------

const diskIdOf = (what: string) =>
  requiredSetting<string>(
    SNAPSHOT_ARGUMENTS.diskId,
    `${what}, such as "d-bp1abc…" (d- followed by letters and digits)`,
  );

const diskIdList = (what: string) =>
  z
    .array(diskIdOf("a disk ID"))
    .max(PROVIDER_MAX_DISK_IDS)
    .describe(`a list of at most ${PROVIDER_MAX_DISK_IDS} disk IDs of the instance (${what})`)
    .optional();

const groupRestoreDisk = restoreDisk
  .extend({ diskId: diskIdOf("the disk of the group whose member snapshot the disk is made from") })
  .describe(
    "a disk to restore: a map with name and diskId (a disk of the group), and optionally size, zoneId, category, performanceLevel and instanceId",
  );

const group = z
  .strictObject({
    name: logicalName.describe(
      'a name of 1 to 63 characters: a letter, then letters, digits, "-" or "_" (the component\'s resource name)',
    ),
    instanceId: z
      .string()
      .regex(/^i-[A-Za-z0-9]+$/)
      .describe('the instance whose disks make the group, such as "i-bp1abc…" (i- followed by letters and digits)'),
    diskIds: diskIdList("only these; default: every disk of the instance"),
    excludeDiskIds: diskIdList("every disk of the instance but these"),
    retentionDays: retentionDays(),
    groupName: setting<string>(SNAPSHOT_ARGUMENTS.snapshotName, "a group name (text)"),
    description: description(),
    tags: tags(),
    generation: generation(),
    deleteOnDestroy: setting<boolean>(
      SNAPSHOT_ARGUMENTS.deleteOnDestroy,
      "true (Pulumi deletes the group when it leaves the program) or false (kept until its retention ends)",
    ),
    customTimeouts: customTimeouts(),
    restore: z
      .strictObject({ disks: z.array(groupRestoreDisk).describe("a list of disks to restore").optional() })
      .describe("a map with the disks to restore from the group's member snapshots")
      .optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.diskIds !== undefined && entry.excludeDiskIds !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["excludeDiskIds"],
        message: `${HERE} is set, and so is diskIds; expected one of them, since ECS takes one (InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict).`,
      });
    (entry.restore?.disks ?? []).forEach((d, k) => {
      // A path each: zod adds the entry's place to an issue's path in place.
      const path = () => ["restore", "disks", k, "diskId"];
      if (entry.diskIds !== undefined && !entry.diskIds.includes(d.diskId))
        ctx.addIssue({
          code: "custom",
          path: path(),
          message: `${HERE} is ${describeValue(d.diskId)}, which is not in diskIds (${entry.diskIds.join(", ")}); expected a disk of the group, since a disk is restored only from a member snapshot.`,
        });
      if (entry.excludeDiskIds?.includes(d.diskId))
        ctx.addIssue({
          code: "custom",
          path: path(),
          message: `${HERE} is ${describeValue(d.diskId)}, which excludeDiskIds leaves out of the group; expected a disk of the group, since a disk is restored only from a member snapshot.`,
        });
    });
  })
  .describe(
    "a snapshot-consistent group: a map with name and instanceId, and optionally diskIds or excludeDiskIds, retentionDays, tags, generation and restore",
  );

const defaults = z
  .strictObject({
    retentionDays: retentionDays(),
    tags: tags(),
    requiredTagKeys: z
      .array(tagKey)
      .describe("a list of tag keys that every snapshot must carry (from its tags or defaults.tags)")
      .optional(),
    eligibility: eligibility(),
    waitUntil: waitUntil(),
    category: category(),
    resourceGroupId: resourceGroupId(),
    deleteOnDestroy: deleteOnDestroy(),
    customTimeouts: customTimeouts(),
  })
  .describe("a map of defaults, such as retentionDays, tags, requiredTagKeys and eligibility");

const region = z
  .string()
  .regex(/^[a-z]{2,}-[a-z0-9-]+$/)
  .describe('the region of the disks, such as "cn-hangzhou" (set alicloud:region in the stack file)');

const stackSchema = z
  .object({
    [REGION_KEY]: region,
    defaults: defaults.default({}),
    snapshots: z
      .array(snapshot)
      .min(1)
      .describe(
        "a list of at least one snapshot (each with name, diskId and retentionDays) under essd-snapshots:snapshots",
      ),
    groups: z
      .array(group)
      .describe(
        "a list of snapshot-consistent groups (each with name, instanceId and retentionDays) under essd-snapshots:groups",
      )
      .optional(),
  })
  .superRefine((config, ctx) => crossCheck(config, ctx));

type ParsedConfig = z.output<typeof stackSchema>;
export type SnapshotEntry = ParsedConfig["snapshots"][number];
export type StackDefaults = ParsedConfig["defaults"];
export type GroupEntry = NonNullable<ParsedConfig["groups"]>[number];

/** Rules that span entries: retention from somewhere, required tags, unique names. */
function crossCheck(config: ParsedConfig, ctx: z.RefinementCtx): void {
  const { defaults: d, snapshots } = config;
  const label = entryLabel(snapshots, config.groups);
  const names = new Map<string, number>();
  const disks = new Map<string, number>();
  const resources = new Map<string, string>();
  const imageNames = new Map<string, string>();

  snapshots.forEach((entry, i) => {
    const at = (...rest: PropertyKey[]) => ["snapshots", i, ...rest];
    if (entry.retentionDays === undefined && d.retentionDays === undefined) {
      ctx.addIssue({
        code: "custom",
        path: at("retentionDays"),
        message: `${HERE} is missing, and so is defaults.retentionDays; expected a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX}, here or in defaults.`,
      });
    }

    const merged = { ...d.tags, ...entry.tags };
    // One problem once: tags already refused alone (too many, a bad key) are not counted again merged.
    const eachValid = validateTags(entry.tags ?? {}).length === 0 && validateTags(d.tags ?? {}).length === 0;
    const mergedCount = Object.keys(merged).length;
    const missing = (d.requiredTagKeys ?? []).filter((key) => !(key in merged));
    if (missing.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: at("tags"),
        input: merged,
        message: `${HERE} (with defaults.tags) is ${describeValue(merged)}, which lacks the required tag key${missing.length === 1 ? "" : "s"} ${missing.map((k) => describeValue(k)).join(", ")}; expected every key of defaults.requiredTagKeys (${(d.requiredTagKeys ?? []).join(", ")}), in the snapshot's tags or in defaults.tags.`,
      });
    } else if (entry.tags && d.tags && eachValid) {
      // Each map is valid alone; together they may pass the limit of 20.
      addDomainProblems(ctx, validateTags(merged, `${HERE} (with defaults.tags)`), at("tags"), merged);
    }
    if (entry.generation !== undefined && eachValid && mergedCount <= MAX_TAGS) {
      const room = validateRoomForGenerationTag(Object.keys(merged).length, `${HERE} (with defaults.tags)`);
      addDomainProblems(ctx, room, at("tags"), merged);
    }

    const first = names.get(entry.name);
    if (first !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: at("name"),
        message: `${HERE} is ${describeValue(entry.name)}, the name of snapshots[${first}] too; expected a name used once in the stack.`,
      });
    } else names.set(entry.name, i);

    const sameDisk = disks.get(entry.diskId);
    if (sameDisk !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: at("diskId"),
        message: `${HERE} is ${describeValue(entry.diskId)}, the disk of ${formatPath(["snapshots", sameDisk], label)} too; expected one entry per disk, since ECS creates one snapshot of a disk at a time (IncorrectDiskStatus.CreatingSnapshot).`,
      });
    } else disks.set(entry.diskId, i);

    const targets = [
      ...(entry.restore?.disks ?? []).map((t, k) => ({ t, where: at("restore", "disks", k) })),
      ...(entry.restore?.images ?? []).map((t, k) => ({ t, where: at("restore", "images", k) })),
    ];
    for (const { t, where } of targets) {
      const resource = `${entry.name}-${t.name}`;
      const owner = resources.get(resource);
      if (owner !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [...where, "name"],
          message: `${HERE} is ${describeValue(t.name)}, which names the resource "${resource}" that ${owner} names too; expected names that give every restored disk and image its own resource name.`,
        });
      } else resources.set(resource, formatPath(where, label));
    }
    (entry.restore?.images ?? []).forEach((image, k) => {
      if (image.imageName === undefined) return;
      const owner = imageNames.get(image.imageName);
      if (owner !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: at("restore", "images", k, "imageName"),
          message: `${HERE} is ${describeValue(image.imageName)}, the image name of ${owner} too; expected an image name unique in the region.`,
        });
      } else imageNames.set(image.imageName, formatPath(at("restore", "images", k), label));
    });
  });
  crossCheckGroups(config, ctx, names);
}

/**
 * The groups' rules that span entries: retention from somewhere, required tags, room for the
 * component's two tags, a name used once among snapshots and groups, restores with their own names.
 */
function crossCheckGroups(config: ParsedConfig, ctx: z.RefinementCtx, snapshotNames: Map<string, number>): void {
  const { defaults: d, groups = [] } = config;
  const names = new Map<string, number>();
  groups.forEach((entry, i) => {
    const at = (...rest: PropertyKey[]) => ["groups", i, ...rest];
    if (entry.retentionDays === undefined && d.retentionDays === undefined)
      ctx.addIssue({
        code: "custom",
        path: at("retentionDays"),
        message: `${HERE} is missing, and so is defaults.retentionDays; expected a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX}, here or in defaults (ECS keeps groups until they are deleted; the component deletes its own once this has passed).`,
      });
    const merged = { ...d.tags, ...entry.tags };
    const missing = (d.requiredTagKeys ?? []).filter((key) => !(key in merged));
    if (missing.length > 0)
      ctx.addIssue({
        code: "custom",
        path: at("tags"),
        input: merged,
        message: `${HERE} (with defaults.tags) is ${describeValue(merged)}, which lacks the required tag key${missing.length === 1 ? "" : "s"} ${missing.map((k) => describeValue(k)).join(", ")}; expected every key of defaults.requiredTagKeys (${(d.requiredTagKeys ?? []).join(", ")}), in the group's tags or in defaults.tags.`,
      });
    else if (Object.keys(merged).length > MAX_TAGS - 2)
      ctx.addIssue({
        code: "custom",
        path: at("tags"),
        input: merged,
        message: `${HERE} (with defaults.tags) has ${Object.keys(merged).length} tags; expected at most ${MAX_TAGS - 2}, since a group also carries the component's owner and generation tags (ECS takes ${MAX_TAGS}).`,
      });
    const sameSnapshot = snapshotNames.get(entry.name);
    const first = names.get(entry.name);
    if (sameSnapshot !== undefined || first !== undefined)
      ctx.addIssue({
        code: "custom",
        path: at("name"),
        message: `${HERE} is ${describeValue(entry.name)}, the name of ${sameSnapshot !== undefined ? `snapshots[${sameSnapshot}]` : `groups[${first}]`} too; expected a name used once in the stack.`,
      });
    else names.set(entry.name, i);
    const restored = new Map<string, number>();
    (entry.restore?.disks ?? []).forEach((disk, k) => {
      const other = restored.get(disk.name);
      if (other !== undefined)
        ctx.addIssue({
          code: "custom",
          path: at("restore", "disks", k, "name"),
          message: `${HERE} is ${describeValue(disk.name)}, the name of restore.disks[${other}] too; expected a name used once among the group's restored disks.`,
        });
      else restored.set(disk.name, k);
    });
  });
}

// ---- reading --------------------------------------------------------------------------------

/** The stack's configuration, every default applied. */
export interface StackConfig {
  region: string;
  defaults: StackDefaults;
  snapshots: SnapshotEntry[];
  /** The snapshot-consistent groups (`essd-snapshots:groups`); undefined when none are set. */
  groups?: GroupEntry[];
}

/**
 * The stack's config is invalid: every problem, one sentence each. A `RunError`, so that the
 * Pulumi CLI prints the sentences without a stack trace.
 */
export class StackConfigError extends pulumi.RunError {
  constructor(readonly problems: string[]) {
    super(
      [
        `The stack's config has ${problems.length} problem${problems.length === 1 ? "" : "s"}:`,
        ...problems.map((p) => `  - ${p}`),
      ].join("\n"),
    );
    this.name = "StackConfigError";
  }
}

/**
 * Parses config values as Pulumi hands them to a program: every value a string, structured
 * values as JSON. `values` maps full keys (`essd-snapshots:snapshots`, `alicloud:region`) to
 * those strings; `project` is the namespace of this project's keys.
 */
export function parseStackConfig(
  values: Record<string, string | undefined>,
  project: string,
): { ok: true; config: StackConfig } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const ours = Object.keys(values).filter((k) => k.startsWith(`${project}:`));
  for (const key of ours) {
    const name = key.slice(project.length + 1);
    if ((CONFIG_KEYS as readonly string[]).includes(name)) continue;
    const guess = closest(name, CONFIG_KEYS);
    problems.push(
      `${key} is set, but this stack reads only ${listOf(
        CONFIG_KEYS.map((k) => `${project}:${k}`),
        "and",
      )}; expected one of those.${guess ? ` Did you mean ${project}:${guess}?` : ""}`,
    );
  }

  // A misspelt namespace (essd-snapshot:snapshots) would leave the setting silently unread.
  for (const key of Object.keys(values)) {
    const [namespace, ...rest] = key.split(":");
    if (rest.length === 0 || namespace === project || OTHER_NAMESPACES.includes(namespace)) continue;
    if (closest(namespace, [project]) === undefined) continue;
    const name = rest.join(":");
    const meant = (CONFIG_KEYS as readonly string[]).includes(name)
      ? `${project}:${name}`
      : `${project}:${closest(name, CONFIG_KEYS) ?? name}`;
    problems.push(
      `${key} is set, but this project's settings are in the namespace "${project}", so it is never read; expected ${listOf(
        CONFIG_KEYS.map((k) => `${project}:${k}`),
        "or",
      )}. Did you mean ${meant}?`,
    );
  }

  const raw: Record<string, unknown> = {
    [REGION_KEY]: values[REGION_KEY],
    defaults: structured(values[`${project}:defaults`]),
    snapshots: structured(values[`${project}:snapshots`]),
    groups: structured(values[`${project}:groups`]),
  };
  const parsed = parseWith(stackSchema, raw);
  if (!parsed.ok) problems.push(...describeIssues(parsed.issues, [], entryLabel(raw.snapshots, raw.groups)));
  if (problems.length > 0 || !parsed.ok) return { ok: false, problems };
  const { [REGION_KEY]: regionId, defaults: d, snapshots, groups } = parsed.data;
  return { ok: true, config: { region: regionId, defaults: d, snapshots, groups } };
}

/** Names each snapshot and group entry by its name after its index: `snapshots[2] (web-system)`. */
function entryLabel(snapshots: unknown, groups?: unknown): ItemLabel {
  return (path) => {
    const list = path[0] === "snapshots" ? snapshots : path[0] === "groups" ? groups : undefined;
    if (path.length !== 2 || typeof path[1] !== "number" || !Array.isArray(list)) return undefined;
    const name = (list[path[1]] as { name?: unknown } | undefined)?.name;
    return typeof name === "string" && name !== "" ? name : undefined;
  };
}

/** `a, b and c`. */
function listOf(items: readonly string[], last: "and" | "or"): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

/** The namespaces of config keys that belong to someone else: the provider, Pulumi itself. */
const OTHER_NAMESPACES = ["alicloud", "pulumi"];

/** A structured value arrives as JSON; anything else is kept as the text it is. */
function structured(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The stack's config, as the running Pulumi program sees it. Throws {@link StackConfigError}. */
export function readStackConfig(): StackConfig {
  const result = parseStackConfig(pulumi.runtime.allConfig(), pulumi.getProject());
  if (!result.ok) throw new StackConfigError(result.problems);
  return result.config;
}
