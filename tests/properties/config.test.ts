/**
 * The stack config's schema applies the component's rules: for any value of any setting that is
 * a component argument, the config is accepted exactly when the rule accepts the value, and a
 * refusal names the setting's path; parsing never throws. And the two doors agree: on a shared
 * corpus of values, the config accepts a value exactly when the component does.
 */
import fc from "fast-check";

import {
  EssdLocalSnapshot,
  RESTORE_DISK_ARGUMENTS,
  RESTORE_IMAGE_ARGUMENTS,
  SNAPSHOT_ARGUMENTS,
  checkArgument,
  isUnset,
  type ArgumentRule,
} from "../../components";
import { parseStackConfig } from "../../stack/config";
import { attached, instance } from "../../simulator";
import { useAccount } from "../helpers";
import { RUNS, likely, specAccepts } from "./values";

const PROJECT = "essd-snapshots";
type Where = "snapshot" | "defaults" | "disk" | "image";

/** A valid config with `value` at one setting (left out when undefined, as JSON does). */
function configWith(where: Where, input: string, value: unknown): Record<string, string> {
  const entry: Record<string, unknown> = { name: "a", diskId: "d-bp1test1", retentionDays: 7 };
  const defaults: Record<string, unknown> = {};
  const target: Record<string, unknown> = {
    snapshot: entry,
    defaults,
    disk: { name: "copy" },
    image: { name: "gold" },
  }[where];
  target[input] = value;
  if (where === "disk") entry.restore = { disks: [target] };
  if (where === "image") entry.restore = { images: [target] };
  return {
    "alicloud:region": "cn-hangzhou",
    [`${PROJECT}:defaults`]: JSON.stringify(defaults),
    [`${PROJECT}:snapshots`]: JSON.stringify([entry]),
  };
}

// An entry is named by its index and its name (the entry here is named "a").
const PATHS: Record<Where, string> = {
  snapshot: "snapshots[0] (a).",
  defaults: "defaults.",
  disk: "snapshots[0] (a).restore.disks[0].",
  image: "snapshots[0] (a).restore.images[0].",
};

/** Whether the config must accept the value: the argument's rule, as the config file has it. */
function configAccepts(where: Where, input: string, rule: ArgumentRule, value: unknown): boolean {
  // The file must have a disk ID, and a retention (here or in defaults; this config has none in defaults).
  if (where === "snapshot" && (input === "diskId" || input === "retentionDays") && isUnset(value)) return false;
  // YAML reads `generation: 3` as a number: the config takes a whole number as its text.
  if (input === "generation" && Number.isSafeInteger(value)) value = String(value);
  const byRule = checkArgument({ ...rule, required: false }, value, input).length === 0;
  // The rule says what the spec (tests/properties/values.ts) says.
  expect([input, value, byRule]).toEqual([
    input,
    value,
    specAccepts(where === "disk" && input === "category" ? "restoreCategory" : input, value),
  ]);
  return byRule;
}

const DEFAULTS = [
  "retentionDays",
  "tags",
  "eligibility",
  "waitUntil",
  "category",
  "resourceGroupId",
  "deleteOnDestroy",
  "customTimeouts",
];
const settings: [Where, string, ArgumentRule, fc.Arbitrary<unknown>][] = [
  ...Object.entries(SNAPSHOT_ARGUMENTS).map(
    ([k, r]) => ["snapshot", k, r, likely[k]] as [Where, string, ArgumentRule, fc.Arbitrary<unknown>],
  ),
  ...DEFAULTS.map(
    (k) =>
      ["defaults", k, SNAPSHOT_ARGUMENTS[k as keyof typeof SNAPSHOT_ARGUMENTS], likely[k]] as [
        Where,
        string,
        ArgumentRule,
        fc.Arbitrary<unknown>,
      ],
  ),
  ...Object.entries(RESTORE_DISK_ARGUMENTS).map(
    ([k, r]) =>
      ["disk", k, r, likely[k === "category" ? "restoreCategory" : k]] as [
        Where,
        string,
        ArgumentRule,
        fc.Arbitrary<unknown>,
      ],
  ),
  ...Object.entries(RESTORE_IMAGE_ARGUMENTS).map(
    ([k, r]) => ["image", k, r, likely[k]] as [Where, string, ArgumentRule, fc.Arbitrary<unknown>],
  ),
];

/** JSON-able values: what a config file can hold. */
const jsonOf = (near: fc.Arbitrary<unknown>) =>
  fc
    .oneof(near, fc.jsonValue(), fc.constantFrom(null, "", [], {}, 1e21, -1, "x".repeat(300)))
    .map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown);

describe.each(settings)("config %s.%s", (where, input, rule, near) => {
  test("any value: accepted exactly when the component's rule accepts it, else refused at its path", () => {
    fc.assert(
      fc.property(jsonOf(near), (value) => {
        const result = parseStackConfig(configWith(where, input, value), PROJECT);
        expect(result.ok).toBe(configAccepts(where, input, rule, value));
        if (!result.ok) {
          for (const p of result.problems) expect(typeof p).toBe("string");
          expect(result.problems.some((p) => p.startsWith(`${PATHS[where]}${input}`))).toBe(true);
        }
      }),
      { numRuns: RUNS * 10 },
    );
  });
});

test("any text as a structured setting: parsed or refused, never thrown", () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (defaults, snapshots) => {
      const result = parseStackConfig(
        { "alicloud:region": "cn-hangzhou", [`${PROJECT}:defaults`]: defaults, [`${PROJECT}:snapshots`]: snapshots },
        PROJECT,
      );
      if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    }),
    { numRuns: RUNS * 20 },
  );
});

describe("the component and the config agree", () => {
  /** One corpus for both doors: JSON values (a config file holds nothing else), valid and not. */
  const corpus = (near: fc.Arbitrary<unknown>) => [
    ...fc.sample(jsonOf(near), { seed: 16, numRuns: 12 }),
    null,
    "",
    0,
    true,
    [],
    {},
  ];
  const componentAccepts = (where: Where, input: string, value: unknown, source: EssdLocalSnapshot): boolean => {
    try {
      if (where === "snapshot")
        new EssdLocalSnapshot(`agree${n++}`, { diskId: "d-ok", retentionDays: 7, [input]: value });
      else if (where === "disk") source.createDisk(`agree${n++}`, { [input]: value });
      else source.createImage(`agree${n++}`, { [input]: value });
      return true;
    } catch {
      return false;
    }
  };
  let n = 0;
  let source: EssdLocalSnapshot;
  beforeAll(async () => {
    await useAccount({ disks: [attached("d-ok", "i-1", { size: 20 })], instances: [instance("i-1")] }, true);
    source = new EssdLocalSnapshot("agree-src", { diskId: "d-ok", retentionDays: 7 });
  });

  test.each(settings.filter(([where]) => where !== "defaults"))(
    "on %s.%s, over a shared corpus",
    (where, input, rule, near) => {
      for (const value of corpus(near)) {
        // The one difference by design: a config file's whole-number generation is taken as text.
        if (input === "generation" && Number.isSafeInteger(value)) continue;
        const byConfig = parseStackConfig(configWith(where, input, value), PROJECT).ok;
        expect([value, componentAccepts(where, input, value, source)]).toEqual([value, byConfig]);
        // And both as the rule says.
        expect([value, byConfig]).toEqual([value, configAccepts(where, input, rule, value)]);
      }
    },
  );
});
