/**
 * The one shape of everything the simulated alicloud provider serves, after Pulumi's
 * deploytest.Provider: one object per resource or invoke, one function per protocol method, and
 * a default for each method a resource leaves out. Every door (Pulumi's mocks, the provider
 * plugin; an HTTP ECS API would call the model directly) reaches them through simulator/registry.ts.
 *
 * A served resource translates between the provider's inputs and outputs (@pulumi/alicloud 3.108
 * names) and the model's operations; ECS's rules and refusals are the model's, not its.
 */
import type { IdFor, SimulatedCloud } from "./model";

/** Inputs or outputs of a resource or invoke, as the provider protocol carries them. */
export type Props = Record<string, unknown>;

/** A resource's ID and its outputs, as the provider returns them. */
export interface ResourceState {
  id: string;
  state: Props;
}

/** Whether an old state value and a new input are the same (a change forces a replacement). */
export type SameValue = (old: unknown, input: unknown) => boolean;

/** How the engine's "not known yet" is recognised in inputs. */
export type IsUnknown = (v: unknown) => boolean;

/** One input Check refuses, and why. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** What Check returns: the inputs with the schema's defaults filled in, and what it refuses. */
export interface CheckResult {
  inputs: Props;
  failures: CheckFailure[];
}

/**
 * The provider's default timeouts of a resource, minutes (each resource file's `Timeouts:`
 * block); `update` absent: the resource has no Update.
 */
export interface DefaultTimeouts {
  create: number;
  update?: number;
  delete: number;
}

/**
 * One create, update or delete: the time it may take (the engine's `customTimeouts`, else the
 * resource's default; Infinity under the mocks door, which is not told them) and, under the
 * mocks door, the stable IDs to give.
 */
export interface Operation {
  timeoutMs: number;
  idFor?: IdFor;
}

/** A value list of the schema (StringInSlice), checked at Check for known values. */
export interface Enumeration {
  /** The terraform name, as the provider's message spells it. */
  field: string;
  values: readonly string[];
}

/** How many invokes were made, and how many ECS API requests they imply. */
export interface ApiCounts {
  getEcsDisks: number;
  getInstances: number;
  describeDisks: number;
  describeInstances: number;
  getEcsSnapshots: number;
  describeSnapshots: number;
}

/** A resource type the simulated provider serves. */
export interface ServedResource {
  readonly kind: "resource";
  /** Its type token. */
  readonly token: string;
  /** The input names its Args in @pulumi/alicloud has; the default Check refuses any other. */
  readonly inputNames: readonly string[];
  /** Inputs with a fixed list of values (ValidateFunc StringInSlice): the default Check refuses others. */
  readonly enums?: Readonly<Record<string, Enumeration>>;
  /** Schema defaults (`Default:`): the default Check fills them in when the input is left out. */
  readonly defaults?: Readonly<Props>;
  /** The provider's default timeouts, minutes. */
  readonly timeouts: DefaultTimeouts;
  /**
   * Inputs whose change replaces it (ForceNew in terraform-provider-alicloud): `true` compares
   * the old state and the new input as JSON, a function where that would not do.
   */
  readonly forceNew: Readonly<Record<string, SameValue | true>>;
  /** The prefix of its IDs (`s-`): the mocks door's stable IDs take it; default `id-`. */
  readonly idPrefix?: string;
  /**
   * ECS finishes the create a while after the request (AttachDisk): the mocks door answers after
   * this many milliseconds, so that what is read after it sees it done. Default: at once.
   */
  readonly createDelayMs?: number;
  /** Check: inputs with defaults, and failures. Default {@link checkSchema}. */
  check?(news: Props, isUnknown: IsUnknown): CheckResult;
  /** Diff: the inputs of `news` that force a replacement. Default {@link forceNewChanges}. */
  diff?(olds: Props, news: Props, isUnknown: IsUnknown): string[];
  /**
   * Inputs that update in place whose new value differs from the state (not from the old
   * inputs): the bridge diffs the state against the program, so such a drift is an update.
   */
  drift?(olds: Props, news: Props, isUnknown: IsUnknown): string[];
  /**
   * Create: makes it in the cloud and waits as the provider waits; ECS's refusal is thrown as the
   * model's EcsError, a wait past the timeout as waits.ts ResourceInitFailed (the object exists).
   */
  create(cloud: SimulatedCloud, inputs: Props, op: Operation): ResourceState;
  /** Read (refresh): `undefined` when the cloud no longer has it (the provider clears the ID). */
  read(cloud: SimulatedCloud, id: string, inputs: Props): Props | undefined;
  /** Update: changes what updates in place. Default: refused, every change replaces it. */
  update?(cloud: SimulatedCloud, id: string, olds: Props, news: Props, op: Operation): Props;
  /** Delete. */
  delete(cloud: SimulatedCloud, id: string, state: Props, op: Operation): void;
}

/** An invoke (a data source) the simulated provider serves. */
export interface ServedInvoke {
  readonly kind: "invoke";
  /** Its token. */
  readonly token: string;
  /** Answers it as the provider's data source does. */
  invoke(cloud: SimulatedCloud, inputs: Props): Props;
  /**
   * The ECS action whose requests make the answer's pages: the mocks door records how many
   * one answer took (they depend on what the cloud holds then).
   */
  readonly pagedAction?: string;
  /** The invokes and ECS requests one call counts for (ApiCounts). Default: none. */
  requests?(call: { inputs: Props; pages?: number }, pagesPerDiskScan: number): Partial<ApiCounts>;
}

/** Every input is one of the resource's input names (`__` ones are the engine's). */
export function checkInputNames(resource: ServedResource, news: Props): CheckFailure[] {
  return Object.keys(news)
    .filter((k) => !resource.inputNames.includes(k) && !k.startsWith("__"))
    .map((k) => ({ property: k, reason: `${k} is not an input of ${resource.token}` }));
}

/** What the provider's validators append to a refusal (validators.go:354). */
export const SKIP_VALIDATION_NOTE =
  "\n[NOTE] set env variable TF_SKIP_RESOURCE_SCHEMA_VALIDATION to true can skip the error and get a warning";

/**
 * A value of a fixed list, as the provider's StringInSlice says it (terraform-provider-alicloud
 * v1.289.0 `alicloud/validators.go:512-533`); `undefined` when it is one of them.
 */
export function enumFailure(property: string, e: Enumeration, value: unknown): CheckFailure | undefined {
  if (typeof value === "string" && e.values.includes(value)) return undefined;
  const got = typeof value === "string" ? value : JSON.stringify(value);
  return {
    property,
    reason: `expected ${e.field} to be one of [${e.values.join(" ")}], got ${got} ${SKIP_VALIDATION_NOTE}`,
  };
}

/**
 * The default Check, as the bridge's: input names, then the schema's value lists for known
 * values (an unknown value is checked once known, at `up`), then the schema's defaults for the
 * inputs left out (pulumi-terraform-bridge `pkg/tfbridge/provider.go` Check: ValidateResource,
 * then defaults).
 */
export function checkSchema(resource: ServedResource, news: Props, isUnknown: IsUnknown): CheckResult {
  const failures = checkInputNames(resource, news);
  for (const [key, e] of Object.entries(resource.enums ?? {})) {
    const v = news[key];
    if (v === undefined || v === null || isUnknown(v)) continue;
    const failure = enumFailure(key, e, v);
    if (failure) failures.push(failure);
  }
  const inputs: Props = { ...news };
  for (const [key, v] of Object.entries(resource.defaults ?? {})) if (inputs[key] === undefined) inputs[key] = v;
  return { inputs, failures };
}

/** The default Diff: the `forceNew` inputs of `news` that differ from the state `olds`. */
export function forceNewChanges(resource: ServedResource, olds: Props, news: Props, isUnknown: IsUnknown): string[] {
  return Object.entries(resource.forceNew).flatMap(([key, same]) => {
    const input = news[key];
    // Optional+Computed inputs left out keep what the cloud chose.
    if (input === undefined) return [];
    // An input not known yet may change the value: the bridge plans a replacement.
    if (isUnknown(input) || containsUnknown(input, isUnknown)) return [key];
    const equal = same === true ? deepEqual(olds[key], input) : same(olds[key], input);
    return equal ? [] : [key];
  });
}

// ---- reading inputs ----

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function num(v: unknown): number | null | undefined {
  if (v === null) return null;
  return typeof v === "number" ? v : undefined;
}

export function tags(v: unknown): Record<string, string> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string>) : undefined;
}

/** FNV-1a: stable IDs, serial numbers and hashes from text. */
export function fnv(text: string): number {
  let hash = 2166136261;
  for (const ch of text) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

function containsUnknown(v: unknown, isUnknown: IsUnknown): boolean {
  if (Array.isArray(v)) return v.some((x) => isUnknown(x) || containsUnknown(x, isUnknown));
  if (v && typeof v === "object") return Object.values(v).some((x) => isUnknown(x) || containsUnknown(x, isUnknown));
  return false;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
