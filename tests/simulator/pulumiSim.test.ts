/**
 * scripts/build-engine and scripts/pulumi-sim on bad input: a one-sentence error, a non-zero
 * exit, and nothing half-written in the engine cache. (The engine itself runs in
 * `npm run test:engine`.)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { CREDENTIAL_VARIABLES } from "../../components/ecs";

const ROOT = path.resolve(__dirname, "../..");
const BUILD = path.join(ROOT, "scripts", "build-engine");
const SIM = path.join(ROOT, "scripts", "pulumi-sim");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "essd-engine-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("build-engine without Go says what to install, exits 1 and writes nothing", () => {
  const cache = path.join(dir, "cache");
  const r = run(BUILD, [], { PATH: "/usr/bin:/bin", HOME: dir, ESSD_ENGINE_CACHE: cache });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^scripts\/build-engine: Go is not on PATH; install Go 1\.25 or later/);
  expect(r.stdout).toBe("");
});

test("a failed build says so, exits 1 and leaves no half-written build in the cache", () => {
  const cache = path.join(dir, "cache");
  // No module cache and no proxy: the build cannot fetch a single module.
  const r = run(BUILD, [], {
    ...process.env,
    ESSD_ENGINE_CACHE: cache,
    GOMODCACHE: path.join(dir, "modcache"),
    GOPROXY: "off",
    GOFLAGS: "-mod=mod",
  });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/building the Pulumi CLI v3\.248\.0 failed .* nothing was written to/);
  expect(readdirSync(cache).filter((f) => f !== ".lock")).toEqual([]);
});

test("pulumi-sim outside a Pulumi project, or with an account file that does not parse, says what to do", () => {
  const outside = run(SIM, ["--cwd", dir, "preview"], { ...process.env });
  expect(outside.code).toBe(2);
  expect(outside.stderr).toMatch(/has no Pulumi\.yaml; run it in a Pulumi project or pass --cwd DIR/);

  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  const noAccount = run(SIM, ["--cwd", dir, "cloud", "--stack", "dev"], {
    ...process.env,
    ESSD_SIM_HOME: path.join(dir, "sim"),
  });
  expect(noAccount.code).toBe(2);
  expect(noAccount.stderr).toMatch(/no account file for stack dev: .*[^.]\/dev\.account\.yaml does not exist/);

  const account = path.join(dir, "bad.account.yaml");
  writeFileSync(account, "regionId: cn-hangzhou\ndisks: [ { id: 42 } ]\n");
  const bad = run(SIM, ["--cwd", dir, "cloud", "--stack", "dev"], {
    ...process.env,
    ESSD_SIM_HOME: path.join(dir, "sim"),
    ESSD_SIM_ACCOUNT: account,
  });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/^pulumi-sim cloud: The simulated account .*bad\.account\.yaml cannot be used:/);
});

test("pulumi-sim finds the account file beside the stack file: in Pulumi.yaml's stackConfigDir, else the project folder", () => {
  const env = { ...process.env, ESSD_SIM_HOME: path.join(dir, "sim") };
  const account = "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\ndisks: [ { id: d-beside01 } ]\n";
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  writeFileSync(path.join(dir, "ci.account.yaml"), account);
  const root = run(SIM, ["--cwd", dir, "cloud", "--stack", "ci"], env);
  expect(root.code).toBe(0);
  expect(root.stdout).toContain("d-beside01");

  mkdirSync(path.join(dir, "config"));
  writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    'name: p\nruntime: nodejs\nstackConfigDir: "config" # the stack files\n',
  );
  writeFileSync(path.join(dir, "config", "qa.account.yaml"), account.replace("d-beside01", "d-inconfig01"));
  const configured = run(SIM, ["--cwd", dir, "cloud", "--stack", "qa"], env);
  expect(configured.code).toBe(0);
  expect(configured.stdout).toContain("d-inconfig01");
});

test("pulumi-sim clears every credential variable the ECS client and the provider read", () => {
  // The `unset` that starts with the access key, continued over backslash-ended lines.
  const script = readFileSync(SIM, "utf8").replace(/\\\n/g, " ");
  const line = script.split("\n").find((l) => l.startsWith("unset ALICLOUD_ACCESS_KEY "));
  expect(new Set(line?.split(/\s+/).slice(1).filter(Boolean))).toEqual(new Set(CREDENTIAL_VARIABLES));
});
