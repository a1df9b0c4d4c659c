/**
 * The pack's configuration: every policy's name, default enforcement level and parameters, and
 * one check of a whole `--policy-pack-config` document. The engine validates each known
 * policy's parameters against its JSON schema, but passes unknown policy names and unknown
 * parameters on silently (pulumi/pulumi pkg/resource/analyzer/config.go, v3.248.0); this check
 * refuses those too, with the key and what is expected. No Pulumi import.
 */

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** The subset of JSON schema the pack's parameters use; the engine validates it too. */
export type ParameterSchema =
  | { type: "integer"; minimum: number; maximum: number; default: number; description: string }
  | { type: "boolean"; default: boolean; description: string }
  | { type: "array"; items: { type: "string"; minLength: number }; default: string[]; description: string };

export interface PolicySpec {
  enforcementLevel: EnforcementLevel;
  parameters: Record<string, ParameterSchema>;
}

export const POLICY = {
  retention: "essd-snapshot-retention",
  requiredTags: "essd-required-tags",
  flashCategory: "essd-snapshot-flash-category",
  flashSourceDisk: "essd-snapshot-flash-source-disk",
  snapshotName: "essd-snapshot-name",
  imageMappings: "essd-image-from-snapshot-mappings",
  restoreProtected: "essd-restore-protected",
  snapshotsPerDisk: "essd-snapshots-per-disk",
  rollbackSafety: "essd-rollback-safety-snapshot",
} as const;

export const MAX_RETENTION_DAYS_DEFAULT = 365;
export const MAX_SNAPSHOTS_PER_DISK_DEFAULT = 10;

/** Every policy of the pack, with its defaults. The policies' configSchema is built from this. */
export const POLICY_SPECS: Record<string, PolicySpec> = {
  [POLICY.retention]: {
    enforcementLevel: "mandatory",
    parameters: {
      maxRetentionDays: {
        type: "integer",
        minimum: 1,
        maximum: 65536,
        default: MAX_RETENTION_DAYS_DEFAULT,
        description: "The longest retention period allowed, in days (ECS accepts 1 to 65536).",
      },
    },
  },
  [POLICY.requiredTags]: {
    enforcementLevel: "advisory",
    parameters: {
      requiredTagKeys: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Tag keys every snapshot, and every disk and image restored from one, must carry.",
      },
    },
  },
  [POLICY.flashCategory]: {
    enforcementLevel: "mandatory",
    parameters: {
      flashAllowed: {
        type: "boolean",
        default: false,
        description:
          'True only for accounts that used local snapshots before 2020-12-14: they alone may pass category "flash".',
      },
    },
  },
  [POLICY.flashSourceDisk]: { enforcementLevel: "mandatory", parameters: {} },
  [POLICY.snapshotName]: { enforcementLevel: "advisory", parameters: {} },
  [POLICY.imageMappings]: { enforcementLevel: "mandatory", parameters: {} },
  [POLICY.restoreProtected]: { enforcementLevel: "advisory", parameters: {} },
  [POLICY.rollbackSafety]: { enforcementLevel: "advisory", parameters: {} },
  [POLICY.snapshotsPerDisk]: {
    enforcementLevel: "advisory",
    parameters: {
      maxSnapshotsPerDisk: {
        type: "integer",
        minimum: 1,
        maximum: 256,
        default: MAX_SNAPSHOTS_PER_DISK_DEFAULT,
        description: "The most snapshots of one source disk a stack may declare (ECS allows 256 per disk in all).",
      },
    },
  },
};

/** `all` sets every policy's enforcement level at once (the engine's convention). */
const ALL = "all";

function expected(schema: ParameterSchema): string {
  switch (schema.type) {
    case "integer":
      return `a whole number from ${schema.minimum} to ${schema.maximum} (default ${schema.default})`;
    case "boolean":
      return `true or false (default ${schema.default})`;
    case "array":
      return `a list of non-empty strings, such as ["owner", "cost-center"] (default ${JSON.stringify(schema.default)})`;
  }
}

function valid(schema: ParameterSchema, value: unknown): boolean {
  switch (schema.type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value) && value >= schema.minimum && value <= schema.maximum;
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value) && value.every((v) => typeof v === "string" && v.length >= schema.items.minLength);
  }
}

function shown(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const levels = ENFORCEMENT_LEVELS.map((l) => `"${l}"`).join(", ");

/** Every problem of one policy's parameters (without `enforcementLevel`), as sentences naming the key. */
export function validatePolicyParameters(policy: string, parameters: Record<string, unknown>): string[] {
  const spec = POLICY_SPECS[policy];
  if (!spec) return [unknownPolicy(policy)];
  const problems: string[] = [];
  const known = Object.keys(spec.parameters);
  for (const [key, value] of Object.entries(parameters)) {
    const schema = spec.parameters[key];
    if (!schema) {
      problems.push(
        `"${policy}.${key}" is not a parameter of policy "${policy}"; ${known.length > 0 ? `it takes ${known.map((k) => `"${k}"`).join(", ")} and "enforcementLevel"` : `it takes only "enforcementLevel"`}.`,
      );
    } else if (value !== undefined && !valid(schema, value)) {
      problems.push(`"${policy}.${key}" is ${shown(value)}; expected ${expected(schema)}.`);
    }
  }
  return problems;
}

function unknownPolicy(name: string): string {
  const names = [...Object.keys(POLICY_SPECS), ALL].map((n) => `"${n}"`).join(", ");
  return `"${name}" is not a policy of this pack; the policies are ${names}.`;
}

/**
 * Every problem of a whole pack configuration (the JSON of `--policy-pack-config`, or what the
 * engine sends the pack): unknown policy names, unknown parameters, wrong types and values out
 * of range, and enforcement levels. An empty list means valid.
 */
export function validatePackConfig(config: unknown): string[] {
  if (config === undefined || config === null) return [];
  if (typeof config !== "object" || Array.isArray(config)) {
    return [`The policy pack configuration is ${shown(config)}; expected an object keyed by policy name.`];
  }
  const problems: string[] = [];
  for (const [policy, value] of Object.entries(config as Record<string, unknown>)) {
    if (policy !== ALL && !POLICY_SPECS[policy]) {
      problems.push(unknownPolicy(policy));
      continue;
    }
    if (typeof value === "string") {
      if (!(ENFORCEMENT_LEVELS as readonly string[]).includes(value))
        problems.push(`"${policy}" is ${shown(value)}; expected an enforcement level: ${levels}.`);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(
        `"${policy}" is ${shown(value)}; expected an enforcement level (${levels}) or an object of parameters.`,
      );
      continue;
    }
    const { enforcementLevel, ...parameters } = value as Record<string, unknown>;
    if (enforcementLevel !== undefined && !(ENFORCEMENT_LEVELS as readonly unknown[]).includes(enforcementLevel))
      problems.push(`"${policy}.enforcementLevel" is ${shown(enforcementLevel)}; expected ${levels}.`);
    if (policy === ALL) {
      if (Object.keys(parameters).length > 0)
        problems.push(`"all" takes only "enforcementLevel"; set parameters under each policy's name.`);
      continue;
    }
    problems.push(...validatePolicyParameters(policy, parameters));
  }
  return problems;
}

/** One error text for a bad configuration. */
export function describeConfigProblems(problems: string[]): string {
  return ["Invalid policy pack configuration for essd-snapshots:", ...problems.map((p) => `  - ${p}`)].join("\n");
}

/** A policy's parameters with the defaults filled in; throws the sentences when they are invalid. */
export function resolveParameters<T extends Record<string, unknown>>(
  policy: string,
  given: Record<string, unknown>,
): T {
  const problems = validatePolicyParameters(policy, given);
  if (problems.length > 0) throw new Error(describeConfigProblems(problems));
  const spec = POLICY_SPECS[policy];
  const resolved: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(spec.parameters)) resolved[key] = given[key] ?? schema.default;
  return resolved as T;
}
