/**
 * How a preview reads its disks and their manual snapshots (`ESSD_SNAPSHOT_LOOKUP`): through the
 * provider's `getEcsDisks` and `getEcsSnapshots`, which page through the whole region
 * (`region`), or through the ECS API, bounded by the disks (`disks`: DescribeDisks by ID,
 * DescribeSnapshots by disk, components/internal/snapshotScan.ts).
 *
 * Unset, the ECS API is used whenever its client can sign as the provider would, and the
 * region is listed otherwise; a failure of the ECS API then falls back to the region. Pure: the
 * caller gathers the facts.
 */

/** The environment variable that chooses the lookup. */
export const SNAPSHOT_LOOKUP_VARIABLE = "ESSD_SNAPSHOT_LOOKUP";

/** The values it takes; unset is `auto`, but under Pulumi's mocks. */
export const SNAPSHOT_LOOKUP_MODES = ["auto", "region", "disks"] as const;

/**
 * The `alicloud:` settings that leave the provider's identity and ECS endpoint as the ECS API
 * client has them: the region, the keys (read by both), and what only tunes the provider's own
 * requests. Any other (`assumeRole`, `assumeRoleWithOidc`, `profile`, `ecsRoleName`,
 * `endpoints`, `sharedCredentialsFile`, `credentialsUri`, `stsEndpoint`, `protocol`, …) may make
 * the provider sign as someone else or call another endpoint: `auto` lists the region then.
 */
export const SAME_IDENTITY_SETTINGS: readonly string[] = [
  "region",
  "accessKey",
  "secretKey",
  "securityToken",
  "skipRegionValidation",
  "configurationSource",
  "clientReadTimeout",
  "clientConnectTimeout",
  "maxRetryTimeout",
];

export interface LookupFacts {
  /** The variable's value, trimmed; undefined or "" when unset. */
  variable: string | undefined;
  /** The snapshots are looked up through an explicit provider (its inputs are not known here). */
  explicitProvider: boolean;
  /** The program runs under Pulumi's mocks (unit tests). */
  mocked: boolean;
  /** The `alicloud:` stack settings that are set, without the prefix. */
  providerSettings: readonly string[];
  /** Whether the ECS API client finds credentials the provider reads (keys, profile, role…). */
  credentials: boolean;
}

export interface LookupChoice {
  mode: "region" | "disks";
  /** `disks` chosen by `auto`: a failure of the ECS API lists the region instead. */
  fallBack: boolean;
  /** Why, in words, for the debug log (`pulumi preview --debug`). */
  why: string;
}

/** The lookup for these facts; throws on a value the variable does not take. */
export function chooseSnapshotLookup(facts: LookupFacts): LookupChoice {
  const value = facts.variable || undefined;
  if (value !== undefined && !(SNAPSHOT_LOOKUP_MODES as readonly string[]).includes(value))
    throw new Error(
      `the environment variable ${SNAPSHOT_LOOKUP_VARIABLE} is ${JSON.stringify(value)}; expected one of ${SNAPSHOT_LOOKUP_MODES.map((m) => `"${m}"`).join(", ")}, or unset (auto)`,
    );
  const region = (why: string): LookupChoice => ({ mode: "region", fallBack: false, why });
  if (value === "region") return region(`${SNAPSHOT_LOOKUP_VARIABLE}=region`);
  // The ECS API client reads the default provider's settings; an explicit provider's own (its
  // inputs) are not known to it, so its region is listed through it.
  if (facts.explicitProvider) return region("an explicit provider");
  if (value === "disks") return { mode: "disks", fallBack: false, why: `${SNAPSHOT_LOOKUP_VARIABLE}=disks` };
  if (value === undefined && facts.mocked) return region("Pulumi's mocks");
  const other = facts.providerSettings.filter((s) => !SAME_IDENTITY_SETTINGS.includes(s));
  if (other.length > 0) return region(`alicloud:${other[0]} is set`);
  if (!facts.credentials) return region("no credentials for the ECS API");
  return { mode: "disks", fallBack: true, why: "auto" };
}
