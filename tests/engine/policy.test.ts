/**
 * The policy pack through the real engine: `pulumi preview --policy-pack policy` on the fixture
 * stack (policy/fixtures/stack), run by scripts/pulumi-sim. The pack starts through the
 * language host's RunPlugin, as Pulumi starts Node policy packs.
 */
import { cpSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

import { ROOT } from "./sim";
import { spawnSync } from "node:child_process";

const FIXTURE = path.join(ROOT, "policy", "fixtures", "stack");
// A copy beside the fixture, so that its relative imports resolve; `stack init` writes to its stack files.
const COPY = path.join(ROOT, "policy", "fixtures", ".engine-test");
const HOME = path.join(ROOT, ".pulumi-sim", "engine-tests", "policy");
const PACK = path.join(ROOT, "policy");
const CONFIG = path.join(ROOT, "policy", "fixtures", "config");
const ACCOUNT =
  "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\ninstances:\n  - { id: i-bp1policy01 }\ndisks:\n  - { id: d-bp1policyfixture01, instanceId: i-bp1policy01 }\n";

function sim(args: string[]) {
  const r = spawnSync(
    path.join(ROOT, "scripts", "pulumi-sim"),
    ["--cwd", COPY, ...args, "--non-interactive", "--color", "never"],
    {
      env: { ...process.env, ESSD_SIM_HOME: HOME },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { code: r.status, output: `${r.stdout}\n${r.stderr}` };
}

function preview(stack: string, ...extra: string[]) {
  return sim(["preview", "--stack", stack, "--policy-pack", PACK, ...extra]);
}

beforeAll(() => {
  rmSync(COPY, { recursive: true, force: true });
  rmSync(HOME, { recursive: true, force: true });
  cpSync(FIXTURE, COPY, { recursive: true });
  // Each stack's simulated account, beside its stack file (the fixture has no stackConfigDir).
  for (const stack of ["violations", "compliant", "component"]) {
    writeFileSync(path.join(COPY, `${stack}.account.yaml`), ACCOUNT);
    const init = sim(["stack", "init", stack]);
    if (init.code !== 0) throw new Error(init.output);
  }
});
afterAll(() => rmSync(COPY, { recursive: true, force: true }));

/** `[level] policy (type: name)` lines of the engine's Policies section. */
function violations(output: string): string[] {
  return [...output.matchAll(/- \[(mandatory|advisory)\]\s+(\S+)\s+\((\S+): ([^)]+)\)/g)]
    .map(([, level, policy, type, name]) => `${level} ${policy} ${type.split(":").pop()} ${name}`)
    .sort();
}

test("a stack with violations: mandatory ones fail the preview, advisory ones are listed", () => {
  const run = preview("violations");
  expect(run.code).not.toBe(0);
  expect(violations(run.output)).toEqual(
    [
      "mandatory essd-image-from-snapshot-mappings Image top-level-snapshot",
      "mandatory essd-snapshot-flash-category EcsSnapshot flash-efficiency",
      "mandatory essd-snapshot-flash-category EcsSnapshot flash-encrypted",
      "mandatory essd-snapshot-flash-source-disk EcsSnapshot flash-efficiency",
      "mandatory essd-snapshot-flash-source-disk EcsSnapshot flash-encrypted",
      "mandatory essd-snapshot-retention EcsSnapshot no-retention",
      "mandatory essd-snapshot-retention EcsSnapshot too-long",
      "advisory essd-restore-protected EcsDisk restored-unprotected",
      "advisory essd-restore-protected Image top-level-snapshot",
      "advisory essd-snapshot-name EcsSnapshot no-retention",
      "advisory essd-snapshots-per-disk EcsSnapshot no-retention",
    ].sort(),
  );
  expect(run.output).toMatch(/ecs\.EcsSnapshot "too-long": retentionDays is 400, above the 365 days this stack allows/);
});

test("the pack's configuration: levels and parameters change what is reported", () => {
  const run = preview("violations", "--policy-pack-config", path.join(CONFIG, "strict.json"));
  expect(run.code).not.toBe(0);
  const found = violations(run.output);
  expect(found).toContain("mandatory essd-restore-protected EcsDisk restored-unprotected");
  expect(found).toContain("advisory essd-required-tags EcsSnapshot too-long");
});

test("a compliant stack and the component's stack pass", () => {
  const compliant = preview("compliant", "--policy-pack-config", path.join(CONFIG, "strict.json"));
  expect(compliant.code).toBe(0);
  expect(violations(compliant.output)).toEqual([]);
  // The component's restores ignore a re-created snapshot (ignoreChanges): nothing to report.
  const component = preview("component");
  expect(component.code).toBe(0);
  expect(violations(component.output)).toEqual([]);
});

test("a configuration naming an unknown policy or parameter is refused before any policy runs", () => {
  const run = preview("violations", "--policy-pack-config", path.join(CONFIG, "unknown-keys.json"));
  expect(run.code).not.toBe(0);
  expect(run.output).toMatch(/"essd-snapshot-retension" is not a policy/);
  expect(violations(run.output)).toEqual([]);
});
