/** The stack config schema, called with config values as the Pulumi CLI hands them over. */
import { parseStackConfig } from "../../stack/config";

const PROJECT = "essd-snapshots";

/** Config values as strings, structured ones as JSON, like PULUMI_CONFIG. */
function values(config: { region?: string; defaults?: unknown; snapshots?: unknown; [key: string]: unknown }) {
  const { region = "cn-hangzhou", defaults, snapshots, ...rest } = config;
  const out: Record<string, string> = { "alicloud:region": region };
  if (defaults !== undefined) out[`${PROJECT}:defaults`] = JSON.stringify(defaults);
  if (snapshots !== undefined) out[`${PROJECT}:snapshots`] = JSON.stringify(snapshots);
  for (const [k, v] of Object.entries(rest)) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
}

function problems(config: Parameters<typeof values>[0]): string[] {
  const result = parseStackConfig(values(config), PROJECT);
  return result.ok ? [] : result.problems;
}

const disk = (i: number) => `d-bp1test${i}`;

test("a valid config: defaults kept apart, entries as written, generation as text", () => {
  const result = parseStackConfig(
    values({
      defaults: { retentionDays: 7, tags: { env: "dev" }, requiredTagKeys: ["env"] },
      snapshots: [{ name: "db", diskId: disk(1), generation: 3, restore: { disks: [{ name: "copy", size: 200 }] } }],
    }),
    PROJECT,
  );
  expect(result).toEqual({
    ok: true,
    config: {
      region: "cn-hangzhou",
      defaults: { retentionDays: 7, tags: { env: "dev" }, requiredTagKeys: ["env"] },
      snapshots: [{ name: "db", diskId: disk(1), generation: "3", restore: { disks: [{ name: "copy", size: 200 }] } }],
    },
  });
});

test("missing settings are named with the config key to set", () => {
  expect(parseStackConfig({}, PROJECT)).toEqual({
    ok: false,
    problems: [
      expect.stringMatching(/^alicloud:region is missing; expected the region of the disks, such as "cn-hangzhou"/),
      expect.stringMatching(
        /^snapshots is missing; expected a list of at least one snapshot .*essd-snapshots:snapshots/,
      ),
    ],
  });
});

test("a scalar where a list belongs, and an empty list", () => {
  expect(problems({ snapshots: "d-bp1test1" })).toEqual([
    expect.stringMatching(/^snapshots is "d-bp1test1"; expected a list of at least one snapshot/),
  ]);
  expect(problems({ snapshots: [] })).toEqual([expect.stringMatching(/^snapshots is \[\]; expected a list/)]);
});

test("retention comes from the entry or from defaults", () => {
  expect(problems({ snapshots: [{ name: "a", diskId: disk(1) }] })).toEqual([
    "snapshots[0] (a).retentionDays is missing, and so is defaults.retentionDays; expected a whole number of days from 1 to 65536, here or in defaults.",
  ]);
  expect(problems({ defaults: { retentionDays: 3 }, snapshots: [{ name: "a", diskId: disk(1) }] })).toEqual([]);
  expect(problems({ snapshots: [{ name: "a", diskId: disk(1), retentionDays: 1.5 }] })).toEqual([
    expect.stringMatching(/^snapshots\[0\] \(a\)\.retentionDays is 1\.5; it must be a whole number of days/),
  ]);
});

test("required tag keys may come from defaults.tags or the entry's tags", () => {
  const defaults = { retentionDays: 7, tags: { env: "dev" }, requiredTagKeys: ["env", "owner"] };
  expect(problems({ defaults, snapshots: [{ name: "a", diskId: disk(1), tags: { owner: "dba" } }] })).toEqual([]);
  expect(problems({ defaults, snapshots: [{ name: "a", diskId: disk(1), tags: { env: "prod" } }] })).toEqual([
    'snapshots[0] (a).tags (with defaults.tags) is {"env":"prod"}, which lacks the required tag key "owner"; expected every key of defaults.requiredTagKeys (env, owner), in the snapshot\'s tags or in defaults.tags.',
  ]);
});

test("tags: the components' own rules, with the path", () => {
  const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, "v"]));
  const more = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`x${i}`, "v"]));
  expect(
    problems({ defaults: { retentionDays: 1, tags: many }, snapshots: [{ name: "a", diskId: disk(1), tags: more }] }),
  ).toEqual(["snapshots[0] (a).tags (with defaults.tags) has 24 tags; ECS takes at most 20 per resource."]);
  expect(
    problems({
      defaults: { retentionDays: 1 },
      snapshots: [{ name: "a", diskId: disk(1), tags: { "acs:x": "1", n: 2 } }],
    }),
  ).toEqual([
    'snapshots[0] (a).tags key "acs:x" starts with "aliyun" or "acs:", which Alibaba Cloud keeps for its own tags.',
    'snapshots[0] (a).tags["n"] is 2; a tag value must be a string (quote numbers and dates: "2026").',
  ]);
});

test("names, disks, restore targets and image names must be unique", () => {
  const result = problems({
    defaults: { retentionDays: 1 },
    snapshots: [
      {
        name: "db",
        diskId: disk(1),
        restore: { disks: [{ name: "data-copy" }], images: [{ name: "i", imageName: "img" }] },
      },
      { name: "db", diskId: disk(1) },
      {
        name: "db-data",
        diskId: disk(2),
        restore: { disks: [{ name: "copy" }], images: [{ name: "j", imageName: "img" }] },
      },
    ],
  });
  expect(result).toEqual([
    'snapshots[1] (db).name is "db", the name of snapshots[0] too; expected a name used once in the stack.',
    expect.stringMatching(
      /^snapshots\[1\] \(db\)\.diskId is "d-bp1test1", the disk of snapshots\[0\] \(db\) too; .*CreatingSnapshot/,
    ),
    'snapshots[2] (db-data).restore.disks[0].name is "copy", which names the resource "db-data-copy" that snapshots[0] (db).restore.disks[0] names too; expected names that give every restored disk and image its own resource name.',
    'snapshots[2] (db-data).restore.images[0].imageName is "img", the image name of snapshots[0] (db).restore.images[0] too; expected an image name unique in the region.',
  ]);
});

test("snapshot and image names: the components' validators, with the path", () => {
  expect(
    problems({
      defaults: { retentionDays: 1 },
      snapshots: [
        {
          name: "a",
          diskId: disk(1),
          snapshotName: "auto-1",
          restore: { images: [{ name: "g", imageName: "aliyun-x" }] },
        },
      ],
    }),
  ).toEqual([
    'snapshots[0] (a).snapshotName "auto-1" starts with "auto", which ECS keeps for automatic snapshots.',
    'snapshots[0] (a).restore.images[0].imageName "aliyun-x" starts with "aliyun" or "acs:", which Alibaba Cloud keeps for its own images.',
  ]);
});

test("a project key this stack does not read is named, with the likely one", () => {
  expect(
    problems({
      defaults: { retentionDays: 1 },
      snapshots: [{ name: "a", diskId: disk(1) }],
      [`${PROJECT}:default`]: {},
    }),
  ).toEqual([
    "essd-snapshots:default is set, but this stack reads only essd-snapshots:defaults, essd-snapshots:snapshots and essd-snapshots:groups; expected one of those. Did you mean essd-snapshots:defaults?",
  ]);
});

test("with a generation, the generation tag counts against the 20 tags ECS takes", () => {
  const tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "v"]));
  expect(problems({ defaults: { retentionDays: 7 }, snapshots: [{ name: "db", diskId: disk(1), tags }] })).toEqual([]);
  expect(
    problems({ defaults: { retentionDays: 7 }, snapshots: [{ name: "db", diskId: disk(1), tags, generation: "g1" }] }),
  ).toEqual([
    expect.stringMatching(/^snapshots\[0\] \(db\)\.tags \(with defaults\.tags\) has 20 tags; with a generation/),
  ]);
});

test("an entry is named by its name as well as its index", () => {
  expect(
    problems({
      defaults: { retentionDays: 1 },
      snapshots: [
        { name: "db", diskId: disk(1) },
        { name: "cache", diskId: disk(2) },
        { name: "web-system", diskId: disk(3), retentionDays: 0 },
      ],
    }),
  ).toEqual([
    expect.stringMatching(/^snapshots\[2\] \(web-system\)\.retentionDays is 0; it must be a whole number of days/),
  ]);
});

test("a setting under a misspelt namespace is flagged, not silently ignored", () => {
  expect(
    problems({
      defaults: { retentionDays: 1 },
      snapshots: [{ name: "a", diskId: disk(1) }],
      "essd-snapshot:snapshots": [{ name: "b", diskId: disk(2) }],
      "alicloud:profile": "default",
      "other-tool:setting": "x",
    }),
  ).toEqual([
    'essd-snapshot:snapshots is set, but this project\'s settings are in the namespace "essd-snapshots", so it is never read; expected essd-snapshots:defaults, essd-snapshots:snapshots or essd-snapshots:groups. Did you mean essd-snapshots:snapshots?',
  ]);
});

test("a generation that YAML read as a number with a fraction: asked to be quoted", () => {
  expect(
    problems({ defaults: { retentionDays: 1 }, snapshots: [{ name: "db", diskId: disk(1), generation: 2026.1 }] }),
  ).toEqual([
    expect.stringMatching(
      /^snapshots\[0\] \(db\)\.generation is 2026\.1, which YAML read as a number; expected text: quote it in the stack file.*generation: "2026\.1"/,
    ),
  ]);
});

test("one problem once: 25 tags on an entry are reported once, with one count", () => {
  const tags = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, "v"]));
  expect(
    problems({
      defaults: { retentionDays: 1, tags: { env: "dev" } },
      snapshots: [{ name: "db", diskId: disk(1), tags, generation: "g1" }],
    }),
  ).toEqual(["snapshots[0] (db).tags has 25 tags; ECS takes at most 20 per resource."]);
});
