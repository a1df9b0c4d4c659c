/**
 * The stack's configuration (stacks/Pulumi.<stack>.yaml), as a zod schema: defaults shared by
 * every snapshot, the snapshots with the disks and images restored from them, and the region.
 *
 *   config:
 *     alicloud:region: cn-hangzhou
 *     essd-snapshots:defaults: { retentionDays: 7, tags: {...}, requiredTagKeys: [...], eligibility: enforce }
 *     essd-snapshots:snapshots:
 *       - { name: mysql-data, diskId: d-bp1…, retentionDays: 14, tags: {...}, restore: { disks: [...], images: [...] } }
 *
 * Every problem of the whole file is reported at once, each as a sentence naming the setting's
 * path (`snapshots[2].retentionDays`), the value found and what is expected. The domain rules
 * (snapshot and image names, descriptions, tags) are the components' own validators.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import {
  ESSD_SERIES,
  MAX_TAGS,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  validateDescription,
  validateImageName,
  validateSnapshotName,
  validateRoomForGenerationTag,
  validateTags,
} from "../components";
import { HERE, addDomainProblems, closest, describeIssues, formatPath, parseWith, type ItemLabel } from "./issues";

/** The config keys of this project, without the project's namespace. */
export const CONFIG_KEYS = ["defaults", "snapshots"] as const;
export const REGION_KEY = "alicloud:region";

// ---- settings shared by several places -------------------------------------------------------

const retentionDays = z
  .int()
  .min(RETENTION_DAYS_MIN)
  .max(RETENTION_DAYS_MAX)
  .describe(
    `a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX} (ECS releases the snapshot, and stops billing it, when they have passed)`,
  );

const eligibility = z
  .enum(["enforce", "warn"])
  .describe('"enforce" (an ineligible disk is an error) or "warn" (the snapshot is attempted anyway)');

const waitUntil = z
  .enum(["available", "accomplished"])
  .describe('"available" (done once the snapshot is usable, seconds for an ESSD) or "accomplished" (upload finished)');

const category = z
  .literal("flash")
  .describe('"flash" (a legacy local snapshot, cloud_essd only), or no category for an instant-access snapshot');

const deleteOnDestroy = z
  .boolean()
  .describe("true (Pulumi deletes the snapshot when it leaves the program) or false (kept until it expires)");

const resourceGroupId = z
  .string()
  .regex(/^rg-[A-Za-z0-9]+$/)
  .describe('a resource group ID such as "rg-acfm…"');

const description = z
  .string()
  .describe("a description (text)")
  .superRefine((value, ctx) => addDomainProblems(ctx, validateDescription(value, HERE)));

const tagValue = z.string().describe('a tag value, as text (quote numbers and dates: "2026")');

const tags = z
  .record(z.string(), tagValue)
  .describe("a map of tag keys to values")
  .superRefine((value, ctx) => addDomainProblems(ctx, validateTags(value, HERE)));

const tagKey = z
  .string()
  .min(1)
  .max(128)
  .describe('a tag key of 1 to 128 characters, not starting with "aliyun" or "acs:"')
  .refine((key) => !/^(aliyun|acs:)/i.test(key) && !/https?:\/\//i.test(key));

/** Logical names become parts of resource names, snapshot names and image names. */
const logicalName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/)
  .describe('a name of 1 to 63 characters: a letter, then letters, digits, "-" or "_"');

const generation = z
  .union([z.string(), z.number()])
  .describe('a release or date such as "2026-11" (1 to 128 characters, no http:// or https://)')
  .superRefine((value, ctx) => {
    // YAML reads 2026.10 as the number 2026.1: what was written is lost, so ask for quotes.
    if (typeof value === "number" && !Number.isInteger(value)) {
      ctx.addIssue({
        code: "custom",
        message: `${HERE} is ${value}, which YAML read as a number; expected text: quote it in the stack file, as you mean it (generation: "${value}"), since YAML drops what a number does not keep (2026.10 becomes 2026.1).`,
      });
    }
  })
  .transform(String)
  .pipe(
    z
      .string()
      .min(1)
      .max(128)
      .regex(/^(?!.*https?:\/\/)/i)
      .describe('a release or date such as "2026-11" (1 to 128 characters, no http:// or https://)'),
  );

// ---- restore targets ----------------------------------------------------------------------

const restoreDisk = z
  .strictObject({
    name: logicalName.describe(
      'a name of 1 to 63 characters (a letter, then letters, digits, "-" or "_"); the disk is named "<snapshot name>-<name>"',
    ),
    size: z
      .int()
      .min(20)
      .max(65536)
      .describe("a size in GiB: a whole number from 20 to 65536, at least the source disk's")
      .optional(),
    zoneId: z
      .string()
      .regex(/^[a-z]{2,}-[a-z0-9-]+$/)
      .describe('a zone ID such as "cn-hangzhou-i"')
      .optional(),
    category: z
      .enum(ESSD_SERIES as [string, ...string[]])
      .describe(
        `an ESSD-series category, spelled as the API does (cloud_essd, not the docs' cloudEssd): ${ESSD_SERIES.join(", ")}`,
      )
      .optional(),
    performanceLevel: z.enum(["PL0", "PL1", "PL2", "PL3"]).describe("PL0, PL1, PL2 or PL3").optional(),
    deleteOnDestroy: z
      .boolean()
      .describe("true or false: whether a rotation, a removal or pulumi destroy deletes the disk (default: kept)")
      .optional(),
    encrypted: z.boolean().describe("true or false").optional(),
    kmsKeyId: z.string().min(1).describe("a KMS key ID").optional(),
    diskName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9.:_-]{1,127}$/)
      .describe('a disk name of 2 to 128 characters: a letter, then letters, digits, ".", ":", "_" or "-"')
      .optional(),
    description: description.optional(),
    tags: tags.optional(),
    instanceId: z
      .string()
      .regex(/^i-[A-Za-z0-9]+$/)
      .describe('an instance ID such as "i-bp1…", in the disk\'s zone')
      .optional(),
  })
  .describe(
    "a disk to restore: a map with name, and optionally size, zoneId, category, performanceLevel and instanceId",
  );

const restoreImage = z
  .strictObject({
    name: logicalName.describe(
      'a name of 1 to 63 characters (a letter, then letters, digits, "-" or "_"); the image is named "<snapshot name>-<name>"',
    ),
    imageName: z
      .string()
      .describe("an image name (text)")
      .superRefine((value, ctx) => addDomainProblems(ctx, validateImageName(value, HERE)))
      .optional(),
    description: description.optional(),
    architecture: z.enum(["x86_64", "arm64", "i386"]).describe('"x86_64", "arm64" or "i386"').optional(),
    platform: z.string().min(1).describe('an OS distribution such as "Aliyun" or "Ubuntu"').optional(),
    deleteOnDestroy: z
      .boolean()
      .describe("true or false: whether a rotation, a removal or pulumi destroy deletes the image (default: kept)")
      .optional(),
    tags: tags.optional(),
    resourceGroupId: resourceGroupId.optional(),
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
    diskId: z
      .string()
      .regex(/^d-[A-Za-z0-9]+$/)
      .describe('the ID of the disk to snapshot, such as "d-bp1abc…" (d- followed by letters and digits)'),
    retentionDays: retentionDays.optional(),
    snapshotName: z
      .string()
      .describe("a snapshot name (text)")
      .superRefine((value, ctx) => addDomainProblems(ctx, validateSnapshotName(value, HERE)))
      .optional(),
    description: description.optional(),
    tags: tags.optional(),
    category: category.optional(),
    generation: generation.optional(),
    eligibility: eligibility.optional(),
    waitUntil: waitUntil.optional(),
    resourceGroupId: resourceGroupId.optional(),
    deleteOnDestroy: deleteOnDestroy.optional(),
    restore: restore.optional(),
  })
  .describe(
    "a snapshot: a map with name and diskId, and optionally retentionDays, tags, category, generation and restore",
  );

const defaults = z
  .strictObject({
    retentionDays: retentionDays.optional(),
    tags: tags.optional(),
    requiredTagKeys: z
      .array(tagKey)
      .describe("a list of tag keys that every snapshot must carry (from its tags or defaults.tags)")
      .optional(),
    eligibility: eligibility.optional(),
    waitUntil: waitUntil.optional(),
    category: category.optional(),
    resourceGroupId: resourceGroupId.optional(),
    deleteOnDestroy: deleteOnDestroy.optional(),
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
  })
  .superRefine((config, ctx) => crossCheck(config, ctx));

type ParsedConfig = z.output<typeof stackSchema>;
export type SnapshotEntry = ParsedConfig["snapshots"][number];
export type StackDefaults = ParsedConfig["defaults"];
export type RestoreDiskEntry = NonNullable<NonNullable<SnapshotEntry["restore"]>["disks"]>[number];
export type RestoreImageEntry = NonNullable<NonNullable<SnapshotEntry["restore"]>["images"]>[number];

/** Rules that span entries: retention from somewhere, required tags, unique names. */
function crossCheck(config: ParsedConfig, ctx: z.RefinementCtx): void {
  const { defaults: d, snapshots } = config;
  const label = entryLabel(snapshots);
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
        message: `${HERE} (with defaults.tags) is ${JSON.stringify(merged)}, which lacks the required tag key${missing.length === 1 ? "" : "s"} ${missing.map((k) => JSON.stringify(k)).join(", ")}; expected every key of defaults.requiredTagKeys (${(d.requiredTagKeys ?? []).join(", ")}), in the snapshot's tags or in defaults.tags.`,
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
        message: `${HERE} is ${JSON.stringify(entry.name)}, the name of snapshots[${first}] too; expected a name used once in the stack.`,
      });
    } else names.set(entry.name, i);

    const sameDisk = disks.get(entry.diskId);
    if (sameDisk !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: at("diskId"),
        message: `${HERE} is ${JSON.stringify(entry.diskId)}, the disk of ${formatPath(["snapshots", sameDisk], label)} too; expected one entry per disk, since ECS creates one snapshot of a disk at a time (IncorrectDiskStatus.CreatingSnapshot).`,
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
          message: `${HERE} is ${JSON.stringify(t.name)}, which names the resource "${resource}" that ${owner} names too; expected names that give every restored disk and image its own resource name.`,
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
          message: `${HERE} is ${JSON.stringify(image.imageName)}, the image name of ${owner} too; expected an image name unique in the region.`,
        });
      } else imageNames.set(image.imageName, formatPath(at("restore", "images", k), label));
    });
  });
}

// ---- reading --------------------------------------------------------------------------------

/** The stack's configuration, every default applied. */
export interface StackConfig {
  region: string;
  defaults: StackDefaults;
  snapshots: SnapshotEntry[];
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
      `${key} is set, but this stack reads only ${CONFIG_KEYS.map((k) => `${project}:${k}`).join(" and ")}; expected one of those.${guess ? ` Did you mean ${project}:${guess}?` : ""}`,
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
      `${key} is set, but this project's settings are in the namespace "${project}", so it is never read; expected ${CONFIG_KEYS.map((k) => `${project}:${k}`).join(" or ")}. Did you mean ${meant}?`,
    );
  }

  const raw: Record<string, unknown> = {
    [REGION_KEY]: values[REGION_KEY],
    defaults: structured(values[`${project}:defaults`]),
    snapshots: structured(values[`${project}:snapshots`]),
  };
  const parsed = parseWith(stackSchema, raw);
  if (!parsed.ok) problems.push(...describeIssues(parsed.issues, [], entryLabel(raw.snapshots)));
  if (problems.length > 0 || !parsed.ok) return { ok: false, problems };
  const { [REGION_KEY]: regionId, defaults: d, snapshots } = parsed.data;
  return { ok: true, config: { region: regionId, defaults: d, snapshots } };
}

/** Names each snapshot entry by its name after its index: `snapshots[2] (web-system)`. */
function entryLabel(snapshots: unknown): ItemLabel {
  return (path) => {
    if (path.length !== 2 || path[0] !== "snapshots" || typeof path[1] !== "number" || !Array.isArray(snapshots)) {
      return undefined;
    }
    const name = (snapshots[path[1]] as { name?: unknown } | undefined)?.name;
    return typeof name === "string" && name !== "" ? name : undefined;
  };
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
