/**
 * The policy pack as a consumer gets it: the packed tarball's `policy/` folder, extracted as
 * node_modules/essd-snapshots, run by the real engine with `pulumi preview --policy-pack
 * node_modules/essd-snapshots/policy` (scripts/pulumi-sim) on the fixture stack. The pack's
 * dependencies (@pulumi/policy, @pulumi/pulumi, @pulumi/alicloud) resolve from the enclosing
 * node_modules, as in a consumer's project.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

import { ROOT } from "./sim";

const FIXTURE = path.join(ROOT, "policy", "fixtures", "stack");
const COPY = path.join(ROOT, "policy", "fixtures", ".engine-package");
const HOME = path.join(ROOT, ".pulumi-sim", "engine-tests", "policy-package");
const INSTALLED = path.join(COPY, "node_modules", "essd-snapshots");
const ACCOUNT =
  "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\ninstances:\n  - { id: i-bp1policy01 }\ndisks:\n  - { id: d-bp1policyfixture01, instanceId: i-bp1policy01 }\n";

function sim(args: string[]) {
  const r = spawnSync(
    path.join(ROOT, "scripts", "pulumi-sim"),
    ["--cwd", COPY, ...args, "--non-interactive", "--color", "never"],
    { env: { ...process.env, ESSD_SIM_HOME: HOME }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return { code: r.status, output: `${r.stdout}\n${r.stderr}` };
}

beforeAll(() => {
  rmSync(COPY, { recursive: true, force: true });
  rmSync(HOME, { recursive: true, force: true });
  cpSync(FIXTURE, COPY, { recursive: true });
  // The tarball as npm pack makes it (prepack builds dist/), extracted where npm install puts it.
  mkdirSync(INSTALLED, { recursive: true });
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", COPY], { cwd: ROOT, encoding: "utf8" }),
  ) as { filename: string }[];
  execFileSync("tar", ["-xzf", path.join(COPY, packed[0].filename), "--strip-components=1", "-C", INSTALLED]);
  // The simulated account, beside the stack file (the fixture has no stackConfigDir).
  writeFileSync(path.join(COPY, "violations.account.yaml"), ACCOUNT);
  const init = sim(["stack", "init", "violations"]);
  if (init.code !== 0) throw new Error(init.output);
}, 300000);
afterAll(() => rmSync(COPY, { recursive: true, force: true }));

test("pulumi preview --policy-pack node_modules/essd-snapshots/policy runs the packed pack: its violations, mandatory ones failing", () => {
  // No TypeScript of the pack is shipped: main.js runs the compiled dist/policy.
  expect(readdirSync(path.join(INSTALLED, "policy")).sort()).toEqual(["PulumiPolicy.yaml", "main.js", "package.json"]);
  const run = sim([
    "preview",
    "--stack",
    "violations",
    "--policy-pack",
    path.join("node_modules", "essd-snapshots", "policy"),
  ]);
  expect(run.code).not.toBe(0);
  const found = [...run.output.matchAll(/- \[(mandatory|advisory)\]\s+(\S+)\s+\((\S+): ([^)]+)\)/g)].map(
    ([, level, policy, , name]) => `${level} ${policy} ${name}`,
  );
  expect(found).toContain("mandatory essd-snapshot-retention no-retention");
  expect(found).toContain("mandatory essd-snapshot-retention too-long");
  expect(found).toContain("advisory essd-restore-protected restored-unprotected");
  expect(run.output).toMatch(/ecs\.EcsSnapshot "too-long": retentionDays is 400, above the 365 days this stack allows/);
});
