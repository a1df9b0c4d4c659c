/**
 * The offline preview (`npm start`), in-process: the example stacks plan cleanly, and fixture
 * stacks with refused disks, missing tags or malformed entries fail with the right sentences.
 * One spawned run checks the command itself.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

import { main, renderText, runPreview, type PreviewResult } from "../../preview";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "fixtures");
const ACCOUNT = path.join(FIXTURES, "fixtures.account.yaml");

function fixture(stack: string): Promise<PreviewResult> {
  return runPreview({ stack, configFile: path.join(FIXTURES, `Pulumi.${stack}.yaml`), accountFile: ACCOUNT });
}

const errors = (r: PreviewResult) => r.diagnostics.filter((d) => d.severity === "error");
const warnings = (r: PreviewResult) => r.diagnostics.filter((d) => d.severity === "warning");
const named = (r: PreviewResult, name: string) => r.resources.find((x) => x.name === name);

/** Runs the CLI in this process: its exit status, what it printed on stdout and on stderr. */
async function cli(...args: string[]): Promise<{ status: number; printed: string; errors: string }> {
  let printed = "";
  let errors = "";
  const status = await main(
    ["node", "preview.ts", ...args],
    (text) => (printed += text),
    (text) => (errors += text),
  );
  return { status, printed, errors };
}

describe("the example stacks", () => {
  test("dev plans every snapshot and restore, with no diagnostic, in one lookup batch", async () => {
    const result = await runPreview({ stack: "dev" });
    // No error, no warning; an info line for each snapshot with restores that this update makes.
    expect(result.diagnostics.map((d) => [d.severity, d.resource?.name])).toEqual([
      ["info", "mysql-data"],
      ["info", "web-system"],
    ]);
    expect(result.resources.every((r) => r.plan === "create")).toBe(true);
    expect(result.resources[0]).toMatchObject({
      type: "pulumi:pulumi:Stack",
      name: "essd-snapshots-dev",
      parent: null,
    });
    expect(named(result, "mysql-data-snapshot")).toMatchObject({
      type: "alicloud:ecs/ecsSnapshot:EcsSnapshot",
      parent: "mysql-data",
      inputs: { diskId: "d-bp1devmysqldata01", retentionDays: 7, snapshotName: "mysql-data-2026-11-25" },
    });
    expect(named(result, "mysql-binlog-snapshot")?.inputs).toMatchObject({ category: "flash", retentionDays: 3 });
    expect(named(result, "mysql-data-restore-test")).toMatchObject({
      type: "alicloud:ecs/ecsDisk:EcsDisk",
      parent: "mysql-data",
      inputs: { snapshotId: "[unknown]", size: 200, performanceLevel: "PL0" },
    });
    expect(named(result, "web-system-golden")?.type).toBe("alicloud:ecs/image:Image");
    expect(result.totals).toMatchObject({
      errors: 0,
      warnings: 0,
      lookups: 3,
      api: { getEcsDisks: 1, getEcsSnapshots: 1 },
    });
    const summaries = result.outputs.summaries as Record<string, { text: string }>;
    expect(Object.keys(summaries)).toEqual(["mysql-data", "mysql-binlog", "web-system", "batch-scratch"]);
    expect(summaries["mysql-data"].text).toBe(
      'Snapshot "mysql-data" of d-bp1devmysqldata01: instant access, 7 days; restores 1 disk; kept on delete.',
    );
    expect(result.outputs.snapshotIds).toEqual({
      "mysql-data": "[unknown]",
      "mysql-binlog": "[unknown]",
      "web-system": "[unknown]",
      "batch-scratch": "[unknown]",
    });
  });

  test("prod plans cleanly in its own region, with its own retention", async () => {
    const { status, printed } = await cli("--stack", "prod", "--no-color");
    expect(status).toBe(0);
    expect(printed).toMatch(/Previewing stack essd-snapshots\/prod/);
    expect(printed).toMatch(/region cn-shanghai/);
    expect(printed).toMatch(/orders-db-data-snapshot +create +diskId: d-uf6prodordersdata1/);
    expect(printed).toMatch(/checks a simulated account, not your real disks/);
    expect(printed).toMatch(/retentionDays: 35/);
    expect(printed).toMatch(/Totals: 14 resources, 0 errors, 0 warnings, 3 lookups \(1 getEcsDisks → 13 DescribeDisks/);
  });
});

describe("stacks that must not pass", () => {
  test("ineligible disks: an error on each refusing component, warnings for warn mode and overdue", async () => {
    const result = await fixture("ineligible");
    const byResource = (list: typeof result.diagnostics) =>
      Object.fromEntries(list.map((d) => [d.resource.name, d.message]));
    const refused = byResource(errors(result));
    expect(Object.keys(refused).sort()).toEqual(["data-as-image", "efficiency", "never-attached"]);
    expect(refused.efficiency).toMatch(
      /Disk d-fixefficiency1 cannot be snapshotted by "efficiency"[\s\S]*cloud_efficiency/,
    );
    expect(refused["never-attached"]).toMatch(/NeverAttached/);
    expect(refused["data-as-image"]).toMatch(/image "data-as-image-golden" cannot be made[\s\S]*data disk/);
    expect(errors(result).every((d) => d.resource.type === "essd-snapshots:index:EssdLocalSnapshot")).toBe(true);

    const warned = byResource(warnings(result));
    expect(warned.starting).toMatch(/Starting[\s\S]*eligibility is "warn"/);
    expect(warned.overdue).toMatch(/overdue/);

    expect(
      result.resources
        .filter((r) => r.plan === "blocked")
        .map((r) => r.name)
        .sort(),
    ).toEqual([
      "data-as-image-golden",
      "efficiency-copy",
      "efficiency-copy-attachment",
      "efficiency-snapshot",
      "never-attached-snapshot",
    ]);
    expect(named(result, "starting-snapshot")?.plan).toBe("create");
    expect(result.totals).toMatchObject({ errors: 3, warnings: 2, blocked: 5, api: { getEcsDisks: 1 } });
    expect(result.outputs.snapshotIds).toMatchObject({ efficiency: "[error]", fine: "[unknown]" });
  });

  test("the CLI exits 1 on errors, and its text lists each under its resource", async () => {
    const { status, printed } = await cli(
      "--config-file",
      path.join(FIXTURES, "Pulumi.ineligible.yaml"),
      "--account-file",
      ACCOUNT,
      "--no-color",
    );
    expect(status).toBe(1);
    expect(printed).toMatch(/Previewing stack essd-snapshots\/ineligible/);
    expect(printed).toMatch(/✗ +│ {2}├─ alicloud:ecs\/ecsSnapshot:EcsSnapshot +efficiency-snapshot +blocked/);
    expect(printed).toMatch(
      /essd-snapshots:index:EssdLocalSnapshot \(efficiency\):\n {4}error: Disk d-fixefficiency1 cannot be snapshotted/,
    );
    expect(printed).toMatch(/Totals: 16 resources, 3 errors, 2 warnings/);
  });

  test("missing required tag keys: one error per snapshot, naming the path and the keys; nothing planned", async () => {
    const result = await fixture("untagged");
    expect(errors(result).map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^snapshots\[1\] \(no-owner\)\.tags \(with defaults\.tags\) is .*lacks the required tag key "owner";/,
      ),
      expect.stringMatching(
        /^snapshots\[2\] \(untagged\)\.tags .*lacks the required tag keys "owner", "costCenter"; expected every key/,
      ),
    ]);
    expect(errors(result).every((d) => d.resource.name === "essd-snapshots-untagged")).toBe(true);
    expect(result.resources.map((r) => r.name)).toEqual(["essd-snapshots-untagged"]);
    expect(result.totals.lookups).toBe(0);
  });

  test("malformed entries: every problem at once, each with its path, its value and what is expected", async () => {
    const messages = errors(await fixture("malformed")).map((d) => d.message);
    expect(messages).toEqual([
      expect.stringMatching(/^essd-snapshots:snapshot is set, .* Did you mean essd-snapshots:snapshots\?$/),
      expect.stringMatching(/^defaults\.retentionDays is "forever"; it must be a whole number of days from 1 to 65536/),
      expect.stringMatching(/^defaults\.eligibility is "strict"; it must be "enforce" or "warn"/),
      expect.stringMatching(
        /^snapshots\[1\] \(typo\)\.retention is 7, but snapshots\[1\] \(typo\) has no setting "retention"; expected only name, diskId, .*Did you mean retentionDays\?$/,
      ),
      expect.stringMatching(/^snapshots\[2\] \(zero\)\.diskId is "disk-123"; a disk ID looks like "d-bp1…"/),
      expect.stringMatching(
        /^snapshots\[2\] \(zero\)\.retentionDays is 0; it must be a whole number of days from 1 to 65536/,
      ),
      expect.stringMatching(/^snapshots\[2\] \(zero\)\.tags key "aliyun:owner" starts with "aliyun"/),
      expect.stringMatching(
        /^snapshots\[2\] \(zero\)\.restore\.disks\[0\]\.size is 0; it must be a whole number of GiB/,
      ),
      expect.stringMatching(
        /^snapshots\[2\] \(zero\)\.restore\.disks\[0\]\.category is "cloudEssd"; .* must be ESSD-series .* the API value is "cloud_essd"/,
      ),
    ]);
  });

  test("an account in another region than the stack's is refused before the program runs", async () => {
    const result = await runPreview({ stack: "prod", accountFile: path.join(ROOT, "stacks", "dev.account.yaml") });
    expect(errors(result).map((d) => d.message)).toEqual([
      expect.stringMatching(
        /alicloud:region is "cn-shanghai" in .*Pulumi\.prod\.yaml, but .*dev\.account\.yaml simulates region "cn-hangzhou"/,
      ),
    ]);
    expect(result.totals).toMatchObject({ resources: 0, lookups: 0 });
  });

  test("a stack that does not exist is a usage mistake (exit 2) that lists the stacks there are", async () => {
    const { status, printed, errors } = await cli("--stack", "staging");
    expect(status).toBe(2);
    expect(printed).toBe("");
    expect(errors).toMatch(
      /There is no stack "staging".*Pulumi\.staging\.yaml does not exist\. The stacks are: dev, prod\./,
    );
  });

  test("an unknown flag is a usage mistake (exit 2), said on stderr", async () => {
    const { status, printed, errors } = await cli("--jsn");
    expect(status).toBe(2);
    expect(printed).toBe("");
    expect(errors).toMatch(/unknown option '--jsn'/);
  });

  test("with --json, a usage mistake is a JSON object on stdout too, exit 2", async () => {
    const unknownFlag = await cli("--json", "--jsn");
    expect(unknownFlag.status).toBe(2);
    expect(JSON.parse(unknownFlag.printed)).toEqual({
      error: { kind: "usage", message: "unknown option '--jsn' (Did you mean --json?)" },
    });
    expect(unknownFlag.errors).toMatch(/unknown option '--jsn'/);

    const noStack = await cli("--stack", "staging", "--json");
    expect(noStack.status).toBe(2);
    const { error } = JSON.parse(noStack.printed) as { error: { kind: string; message: string } };
    expect(error.kind).toBe("usage");
    expect(error.message).toMatch(/^There is no stack "staging".*The stacks are: dev, prod\./);

    const noProgram = await cli("--program", path.join(FIXTURES, "nowhere"), "--json");
    expect(noProgram.status).toBe(2);
    const parsed = JSON.parse(noProgram.printed) as { error: { kind: string; message: string } };
    expect(parsed.error.kind).toBe("usage");
    expect(parsed.error.message).toMatch(/nowhere: no such file or folder/);
  });

  test("a stack file given with --config-file that cannot be read is an error of the plan (exit 1)", async () => {
    const { status, printed } = await cli("--config-file", path.join(FIXTURES, "Pulumi.missing.yaml"), "--json");
    expect(status).toBe(1);
    const json = JSON.parse(printed) as PreviewResult;
    expect(json.diagnostics[0].message).toMatch(/Pulumi\.missing\.yaml cannot be read \(ENOENT\)/);
  });
});

describe("any program (--program)", () => {
  const OWN = path.join(FIXTURES, "own-program");

  test("a project folder: its top-level program, its stack, the account given; the outputs are its exports", async () => {
    const { status, printed } = await cli("--program", OWN, "--stack", "ci", "--account-file", ACCOUNT, "--json");
    expect(status).toBe(0);
    const json = JSON.parse(printed) as PreviewResult;
    expect(json).toMatchObject({ project: "own-stack", stack: "ci" });
    expect(json.program).toMatch(/own-program\/index\.ts$/);
    expect(json.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(json.resources.map((r) => r.name)).toEqual([
      "own-stack-ci",
      "app-data",
      "app-data-snapshot",
      "app-data-copy",
    ]);
    expect((json.outputs.summary as { text: string }).text).toMatch(/Snapshot "app-data" of d-fixessd0001/);
  });

  test("a file: its project is the folder above with a Pulumi.yaml; a refused disk exits 1", async () => {
    const { status, printed } = await cli(
      "--program",
      path.join(OWN, "legacy.ts"),
      "--stack",
      "ci",
      "--account-file",
      ACCOUNT,
      "--json",
    );
    expect(status).toBe(1);
    const json = JSON.parse(printed) as PreviewResult;
    expect(json.diagnostics.map((d) => [d.resource.name, d.message.split("\n")[0]])).toEqual([
      ["legacy", 'Disk d-fixefficiency1 cannot be snapshotted by "legacy":'],
    ]);
    expect(json.program).toMatch(/own-program\/legacy\.ts$/);
    expect(json.outputs).toMatchObject({ legacyId: "[error]", snapshotId: "[unknown]" });
  });

  test("a plain error in the program is a diagnostic of the plan (exit 1), not a crashed preview", async () => {
    const { status, printed } = await cli(
      "--program",
      path.join(OWN, "throwing.ts"),
      "--stack",
      "ci",
      "--account-file",
      ACCOUNT,
      "--json",
    );
    expect(status).toBe(1);
    const json = JSON.parse(printed) as PreviewResult;
    expect(json.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/boom in an apply$/)]);
  });

  test("a bug in the program is reported with its file and line, and its stack with --verbose", async () => {
    const args = ["--program", path.join(OWN, "buggy.ts"), "--stack", "ci", "--account-file", ACCOUNT];
    const plain = await cli(...args, "--json");
    expect(plain.status).toBe(1);
    const [bug] = (JSON.parse(plain.printed) as PreviewResult).diagnostics;
    expect(bug).toMatchObject({
      message: "TypeError: disks is not iterable",
      at: "tests/stack/fixtures/own-program/buggy.ts:6:20",
    });
    expect(bug.stack).toBeUndefined();

    const verbose = await cli(...args, "--verbose", "--no-color");
    expect(verbose.printed).toMatch(
      /error: TypeError: disks is not iterable\n {6}at tests\/stack\/fixtures\/own-program\/buggy\.ts:6:20\n {6}TypeError: disks is not iterable\n {6}at .*buggy\.ts:6:20\)/,
    );
    const text = await cli(...args, "--no-color");
    expect(text.printed).toContain("at tests/stack/fixtures/own-program/buggy.ts:6:20 (--verbose for the stack)");

    // A refusal is bound to its resource and says what to do: no location.
    const refused = await cli(
      "--program",
      path.join(OWN, "legacy.ts"),
      "--stack",
      "ci",
      "--account-file",
      ACCOUNT,
      "--json",
    );
    expect((JSON.parse(refused.printed) as PreviewResult).diagnostics[0].at).toBeUndefined();
  });

  test("the notice says the program is not type-checked where `pulumi preview` would type-check it", async () => {
    const own = await runPreview({ program: OWN, stack: "ci", accountFile: ACCOUNT });
    expect(own.notice).toMatch(/does not type-check the program, while `pulumi preview` does for this project/);
    // This repository's Pulumi.yaml sets typescript: false: Pulumi does not type-check it either.
    expect((await runPreview({ stack: "dev" })).notice).not.toMatch(/type-check/);
  });

  test("a program that does not exist is a usage mistake (exit 2)", async () => {
    const { status, errors } = await cli("--program", path.join(FIXTURES, "nowhere"));
    expect(status).toBe(2);
    expect(errors).toMatch(/--program .*nowhere: no such file or folder/);
  });
});

describe("output", () => {
  test("--json is the result as JSON, types spelled as in the text, with the notice", async () => {
    const { status, printed } = await cli("--json");
    expect(status).toBe(0);
    const json = JSON.parse(printed) as PreviewResult;
    expect(json.notice).toMatch(/checks a simulated account, not your real disks/);
    expect(json.resources.map((r) => r.type)).toContain("alicloud:ecs/ecsSnapshot:EcsSnapshot");
    expect(json).toMatchObject({ project: "essd-snapshots", stack: "dev", totals: { resources: 12, errors: 0 } });
    expect(json.resources.map((r) => [r.name, r.parent])).toContainEqual(["web-system-golden", "web-system"]);
  });

  test("the text is a tree of resources with key inputs, outputs and totals", async () => {
    const text = renderText(await runPreview({ stack: "dev" }), { width: 140 });
    expect(text).toMatch(/^This preview checks a simulated account, not your real disks/m);
    expect(text).toMatch(/^\+ +pulumi:pulumi:Stack +essd-snapshots-dev +create$/m);
    expect(text).toMatch(
      /^\+ +│ {2}├─ alicloud:ecs\/ecsSnapshot:EcsSnapshot +mysql-data-snapshot +create +diskId: d-bp1devmysqldata01$/m,
    );
    expect(text).toMatch(
      /^\+ +│ {2}└─ alicloud:ecs\/ecsDiskAttachment:EcsDiskAttachment +mysql-data-restore-test-attachment +create/m,
    );
    // One spelling of a type, in the text as in --json.
    expect(text).not.toMatch(/alicloud:ecs:/);
    expect(text).toMatch(/^ {4}snapshotIds:\n {8}mysql-data +: output<unknown> \(known after create\)$/m);
    expect(text).toMatch(/^Totals: 12 resources, 0 errors, 0 warnings, 3 lookups/m);
    expect(
      Math.max(
        ...text
          .split("\n")
          .filter((l) => /^[+✗] /.test(l))
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(140);
  });
});

test("end to end: the README's `npm start --silent -- --json > plan.json` is JSON alone on stdout", async () => {
  // Without --silent npm prints its "> essd-snapshots@… start" banner on stdout first.
  expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain("npm start --silent -- --json > plan.json");
  const { stdout } = await promisify(execFile)("npm", ["start", "--silent", "--", "--json"], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
  });
  expect(stdout.startsWith("{")).toBe(true);
  const json = JSON.parse(stdout) as PreviewResult;
  expect(json.totals).toMatchObject({ resources: 12, errors: 0, warnings: 0 });
});

describe("stack and account files that are not what they should be", () => {
  const LAUGHS = [
    "a: &a [x, x, x, x, x, x, x, x, x, x]",
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
  ].join("\n");
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "essd-mutated-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$|ReferenceError|TypeError/m);

  test('a stack file whose aliases expand past the parser\'s limit ("billion laughs") is one sentence naming it, exit 1', async () => {
    const file = write("Pulumi.laughs.yaml", `config:\n${LAUGHS.replace(/^/gm, "  ")}\n`);
    const { status, printed, errors } = await cli("--config-file", file, "--account-file", ACCOUNT, "--json");
    expect(status).toBe(1);
    expect(errors).toBe("");
    const json = JSON.parse(printed) as PreviewResult;
    expect(json.diagnostics.map((d) => d.message)).toEqual([
      `${file}: its YAML aliases (*name) expand to more nodes than the parser allows (a "billion laughs" file), so it was not read; expected a stack file with a config: map, with each value written out or few aliases.`,
    ]);
  });

  test("an account file of the same kind is one sentence naming it, exit 1", async () => {
    const account = write("laughs.account.yaml", `regionId: cn-hangzhou\ninstances: []\ndisks: []\n${LAUGHS}\n`);
    const { status, printed, errors } = await cli("--account-file", account, "--json");
    expect(status).toBe(1);
    expect(errors).toBe("");
    const [diagnostic] = (JSON.parse(printed) as PreviewResult).diagnostics;
    expect(diagnostic.message).toMatch(/laughs\.account\.yaml: its YAML aliases \(\*name\) expand to more nodes/);
  });

  // Mutations of the dev stack's file: each ends in sentences (exit 0 or 1), never a stack trace (exit 2).
  const dev = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), "utf8");
  const mutations: [string, string | Buffer][] = [
    ["empty", ""],
    ["a list, not a map", "- config\n- 1\n"],
    ["config a string", "config: everything\n"],
    ["a tab in the indentation", dev.replace(/\n {2}essd/, "\n\tessd")],
    ["truncated halfway", dev.slice(0, Math.floor(dev.length / 2))],
    ["an unclosed quote", dev.replace('"2026-11-25"', '"2026-11-25')],
    ["a duplicate key", dev.replace("config:\n", "config:\n  alicloud:region: cn-beijing\n")],
    ["binary bytes", Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x0a, 0x5b])],
    ["snapshots a map", "config:\n  alicloud:region: cn-hangzhou\n  essd-snapshots:snapshots: { a: 1 }\n"],
    ["deep nesting", `config:\n  essd-snapshots:snapshots: ${"[".repeat(500)}${"]".repeat(500)}\n`],
    ["an unknown tag", "config: !!binary x\n"],
    ["a huge number", "config:\n  essd-snapshots:defaults: { retentionDays: 1e400 }\n"],
  ];
  test.each(mutations)("a stack file mutated (%s) ends in sentences, exit 0 or 1", async (name, text) => {
    const file = write(`Pulumi.${name.replace(/\W+/g, "-")}.yaml`, text);
    const { status, printed, errors } = await cli("--config-file", file, "--account-file", ACCOUNT, "--json");
    expect([0, 1]).toContain(status);
    expect(errors).toBe("");
    const json = JSON.parse(printed) as PreviewResult;
    for (const d of json.diagnostics.filter((x) => x.severity === "error")) {
      noStackTrace(d.message);
      expect(d.message.trimEnd()).toMatch(/[.)\]:"]$|\n/);
    }
  });
});

describe("no PromiseRejectionHandledWarning", () => {
  const node = (...args: string[]) =>
    promisify(execFile)(process.execPath, ["--require", path.join(ROOT, "register.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    }).catch((err: { stdout: string; stderr: string; code: number }) => err);

  test("a rejection the capture reported and that is handled later prints no warning", async () => {
    const { stdout, stderr } = await node(path.join(FIXTURES, "lateHandled.ts"));
    expect(stdout).toBe("refused\n");
    expect(stderr).not.toMatch(/PromiseRejectionHandledWarning/);
  });

  test("a refused preview, with an exported promise that rejects, prints none on stderr", async () => {
    const run = await node(
      path.join(ROOT, "scripts", "preview.ts"),
      "--program",
      path.join(FIXTURES, "own-program", "exportedPromise.ts"),
      "--stack",
      "ci",
      "--account-file",
      ACCOUNT,
      "--json",
    );
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as PreviewResult;
    expect(json.diagnostics.map((d) => d.message.split("\n")[0]).sort()).toEqual([
      'Disk d-fixefficiency1 cannot be snapshotted by "legacy":',
      "the description failed",
    ]);
  });
});
