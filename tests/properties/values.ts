/**
 * Values for the property tests: anything a caller could pass (fast-check's `anything`, and the
 * values that used to break the component: BigInt, Symbol, functions, circular objects, very long
 * strings), near-valid values for each argument, and the ways a value can arrive (plain, as an
 * output, as a promise, as a secret).
 */
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";

import { ESSD_SERIES } from "../../components";

function circularObject(): Record<string, unknown> {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
}
function circularArray(): unknown[] {
  const a: unknown[] = [1];
  a.push(a);
  return a;
}

/** Values pulumi.output cannot lift (it throws on cycles): wrapped as promises only. */
const CYCLIC = new Set<unknown>();

/** Values that broke the component's checks or messages before, and their relatives. */
export const awkward: fc.Arbitrary<unknown> = fc.constantFrom<unknown[]>(
  10n,
  2n ** 80n,
  Symbol("s"),
  Symbol(),
  () => 1,
  function named() {
    return 1;
  },
  (CYCLIC.add(circularObject()), [...CYCLIC][0]),
  (CYCLIC.add(circularArray()), [...CYCLIC][1]),
  "x".repeat(100_000),
  "auto-" + "é".repeat(300),
  NaN,
  Infinity,
  -0,
  2 ** 53,
  new Date(0),
  new Map([["k", "v"]]),
  Object.create(null),
  [],
  {},
  [["k", "v"]],
  "",
  null,
  undefined,
  true,
  { team: 1n },
  { team: Symbol("v") },
  { toString: 1, valueOf: null },
);

/** Near-valid values of each argument, so that accepted values are tried as often as refused ones. */
export const likely: Record<string, fc.Arbitrary<unknown>> = {
  diskId: fc.oneof(fc.constant("d-ok"), fc.stringMatching(/^d-[A-Za-z0-9]{1,8}$/), fc.string({ maxLength: 10 })),
  retentionDays: fc.oneof(fc.integer({ min: -3, max: 70000 }), fc.double(), fc.constantFrom(1, 65536, 65537, "7")),
  snapshotName: fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9.:_-]{1,12}$/), fc.string({ maxLength: 140 })),
  description: fc.string({ maxLength: 300 }),
  tags: fc.oneof(
    fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 12 }), { maxKeys: 22 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.anything(), { maxKeys: 3 }),
  ),
  resourceGroupId: fc.oneof(fc.stringMatching(/^rg-[A-Za-z0-9]{1,8}$/), fc.string({ maxLength: 10 })),
  category: fc.constantFrom("flash", "FLASH", "standard"),
  eligibility: fc.constantFrom("enforce", "warn", "strict"),
  waitUntil: fc.constantFrom("available", "accomplished", "done"),
  generation: fc.oneof(fc.stringMatching(/^[0-9a-z-]{1,10}$/), fc.string({ maxLength: 140 }), fc.integer()),
  deleteOnDestroy: fc.constantFrom(true, false, "true", 0),
  customTimeouts: fc.oneof(
    fc.record(
      { create: fc.constantFrom("90m", "2h", "1h30m", "10", "soon", ""), update: fc.constantFrom("3h", "5 m") },
      { requiredKeys: [] },
    ),
    fc.constantFrom({ read: "5m" }, "90m", null),
  ),
  size: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.double({ min: 0, max: 100 })),
  zoneId: fc.oneof(
    fc.constant("cn-hangzhou-i"),
    fc.stringMatching(/^[a-z]{2,4}-[a-z0-9-]{1,8}$/),
    fc.string({ maxLength: 8 }),
  ),
  restoreCategory: fc.constantFrom(...ESSD_SERIES, "cloudEssd", "cloud_efficiency", "cloud_ssd"),
  performanceLevel: fc.constantFrom("PL0", "PL1", "PL2", "PL3", "PL4", "pl1"),
  encrypted: fc.constantFrom(true, false, "false", 1),
  kmsKeyId: fc.string({ maxLength: 10 }),
  diskName: fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9.:_-]{1,12}$/), fc.string({ maxLength: 140 })),
  instanceId: fc.oneof(fc.stringMatching(/^i-[A-Za-z0-9]{1,8}$/), fc.string({ maxLength: 10 })),
  imageName: fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9.:_-]{1,12}$/), fc.constantFrom("aliyun-x", "acs:y")),
  architecture: fc.constantFrom("x86_64", "arm64", "i386", "amd64"),
  platform: fc.oneof(
    fc.constantFrom("Aliyun", "Ubuntu", "CentOS Stream", "aliyun", "Windows"),
    fc.string({ maxLength: 6 }),
  ),
  copies: fc.oneof(
    fc.array(
      fc.record(
        {
          regionId: fc.constantFrom("cn-shanghai", "cn-beijing", "ap-southeast-1", "Shanghai", "", 7),
          retentionDays: fc.constantFrom(1, 30, 0, 65537, "7"),
          tags: fc.constantFrom({ dr: "yes" }, { "acs:x": "y" }, "dr"),
          kmsKeyId: fc.constantFrom("key-1", "", 3),
          zone: fc.constant("x"),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
    fc.constantFrom("cn-shanghai", { regionId: "cn-shanghai" }, [null]),
  ),
};

/** Any value for an argument: near-valid, awkward, or anything at all. */
export function anyValueFor(arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary, weight: 3 }, { arbitrary: awkward, weight: 2 }, { arbitrary: fc.anything(), weight: 2 });
}

export type Arrival = "plain" | "output" | "promise" | "secret";
export const arrival: fc.Arbitrary<Arrival> = fc.constantFrom("plain", "plain", "output", "promise", "secret");

/** The value as it arrives: cyclic values can only come as promises (pulumi.output throws on them). */
export function arrive(value: unknown, how: Arrival): unknown {
  if (how === "plain") return value;
  if (how === "promise" || CYCLIC.has(value)) return Promise.resolve(value);
  return how === "secret" ? pulumi.secret(value) : pulumi.output(value);
}

/** What an eventual value resolves to, as the component sees it (pulumi.output copies objects). */
export async function resolvedOf(value: unknown): Promise<unknown> {
  if (value instanceof Promise) return value;
  if (pulumi.Output.isInstance(value)) {
    return (value as unknown as { promise(): Promise<unknown> }).promise();
  }
  return value;
}

export const isSecretArrival = (value: unknown, how: Arrival) => how === "secret" && !CYCLIC.has(value);

/** Keeps property runs modest (`npm test` must stay well under two minutes): RUNS batches of up to BATCH values. */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 3);
export const BATCH = 10;

/**
 * What each argument accepts, restated from the README's table independently of the rules in
 * components/rules, so that a rule removed or weakened there shows as a disagreement here.
 * `null` and `undefined` are "not set" (valid for optional arguments, handled by the caller).
 */
const text = (v: unknown, min: number, max: number): v is string =>
  typeof v === "string" && v.length >= min && v.length <= max;
const noUrl = (v: string) => !/https?:\/\//i.test(v);
const NAME = /^[A-Za-z][A-Za-z0-9.:_-]*$/;
const tagMap = (v: unknown): boolean => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const entries = Object.entries(v as Record<string, unknown>);
  return (
    entries.length <= 20 &&
    entries.every(
      ([k, val]) => text(k, 1, 128) && !/^(aliyun|acs:)/i.test(k) && noUrl(k) && text(val, 0, 128) && noUrl(val),
    )
  );
};
/** `copies`: a list of maps of regionId (required, a region ID, one per region), retentionDays, tags, kmsKeyId. */
const copyList = (v: unknown): boolean => {
  if (!Array.isArray(v)) return false;
  const regions = v.map((c: unknown) =>
    typeof c === "object" && c !== null ? (c as { regionId?: unknown }).regionId : undefined,
  );
  return (
    new Set(regions).size === regions.length &&
    v.every((c: unknown) => {
      if (typeof c !== "object" || c === null || Array.isArray(c)) return false;
      const copy = c as Record<string, unknown>;
      const set = (k: string) => copy[k] !== undefined && copy[k] !== null;
      return (
        Object.keys(copy).every((k) => ["regionId", "retentionDays", "tags", "kmsKeyId"].includes(k)) &&
        typeof copy.regionId === "string" &&
        /^[a-z]{2,}(-[a-z0-9]+)+$/.test(copy.regionId) &&
        (!set("retentionDays") || SPEC.retentionDays(copy.retentionDays)) &&
        (!set("tags") || tagMap(copy.tags)) &&
        (!set("kmsKeyId") || SPEC.kmsKeyId(copy.kmsKeyId))
      );
    })
  );
};
export const SPEC: Record<string, (v: unknown) => boolean> = {
  copies: (v) => copyList(v),
  diskId: (v) => typeof v === "string" && /^d-[A-Za-z0-9]+$/.test(v),
  retentionDays: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65536,
  snapshotName: (v) => text(v, 2, 128) && NAME.test(v) && !/^auto/i.test(v),
  description: (v) => text(v, 2, 256) && !/^https?:\/\//i.test(v),
  tags: tagMap,
  resourceGroupId: (v) => typeof v === "string" && /^rg-[A-Za-z0-9]+$/.test(v),
  category: (v) => v === "flash",
  eligibility: (v) => v === "enforce" || v === "warn",
  waitUntil: (v) => v === "available" || v === "accomplished",
  generation: (v) => text(v, 1, 128) && noUrl(v),
  deleteOnDestroy: (v) => typeof v === "boolean",
  customTimeouts: (v) =>
    typeof v === "object" &&
    v !== null &&
    [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null) &&
    Object.entries(v).every(
      ([k, d]) =>
        ["create", "update", "delete"].includes(k) &&
        (d === undefined || (typeof d === "string" && /^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/.test(d))),
    ),
  size: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65536,
  zoneId: (v) => typeof v === "string" && /^[a-z]{2,}-[a-z0-9-]+$/.test(v),
  restoreCategory: (v) => typeof v === "string" && ["cloud_essd", "cloud_auto", "cloud_essd_entry"].includes(v),
  performanceLevel: (v) => v === "PL0" || v === "PL1" || v === "PL2" || v === "PL3",
  encrypted: (v) => typeof v === "boolean",
  kmsKeyId: (v) => text(v, 1, Infinity),
  diskName: (v) => text(v, 2, 128) && NAME.test(v),
  instanceId: (v) => typeof v === "string" && /^i-[A-Za-z0-9]+$/.test(v),
  imageName: (v) => text(v, 2, 128) && NAME.test(v) && !/^(aliyun|acs:)/i.test(v),
  architecture: (v) => v === "x86_64" || v === "arm64" || v === "i386",
  platform: (v) =>
    typeof v === "string" &&
    /^(Aliyun|Anolis|CentOS|Ubuntu|CoreOS|SUSE|Debian|OpenSUSE|FreeBSD|RedHat|Kylin|UOS|Fedora|Fedora CoreOS|CentOS Stream|AlmaLinux|Rocky Linux|Gentoo|Customized Linux|Others Linux|Windows Server (2022|2019|2016|2012|2008|2003))$/.test(
      v,
    ),
};

/** Whether the spec accepts a value of an argument; `required` ones must be set. */
export function specAccepts(spec: string, value: unknown, required = false): boolean {
  if (value === undefined || value === null) return !required;
  return SPEC[spec](value);
}
