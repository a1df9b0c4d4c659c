/**
 * `npm run test:consumer` (run by .ci/run after `npm test`): the package as a user gets it.
 * Packs the tarball into a temporary folder, checks that it holds exactly what `files`
 * intends (the built library, testing kit and simulator, package.json, README, LICENSE),
 * installs it into a fresh consumer project with the pinned @pulumi/pulumi and
 * @pulumi/alicloud, checks that exactly one @pulumi/pulumi is installed, type-checks the
 * consumer (strict, no skipLibCheck) and runs its program under the testing kit
 * (tests/consumer/), then starts the policy pack as `pulumi preview --policy-pack` does, from the
 * installed package (node_modules/essd-snapshots/policy) and from a pack folder laid out for
 * `pulumi policy publish` (README), and has each refuse a snapshot without retentionDays. Exit
 * status 0 when every check passes. The environment may override the Node.js binary and the
 * consumer's versions (ESSD_CONSUMER_NODE, ESSD_CONSUMER_PULUMI, ESSD_CONSUMER_ALICLOUD,
 * ESSD_CONSUMER_TYPES_NODE): scripts/compat does.
 */
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
const FIXTURE = path.join(ROOT, "tests", "consumer");
const PINNED = {
  "@pulumi/pulumi": process.env.ESSD_CONSUMER_PULUMI ?? "3.248.0",
  "@pulumi/alicloud": process.env.ESSD_CONSUMER_ALICLOUD ?? "3.108.0",
  "@types/node": process.env.ESSD_CONSUMER_TYPES_NODE ?? "20.19.43",
};
/** The Node.js that type-checks and runs the consumer (scripts/compat passes Node 22 and 24). */
const NODE = process.env.ESSD_CONSUMER_NODE ?? process.execPath;
/** The consumer's TypeScript, which `essd-snapshots preview` transpiles its program with. */
const TYPESCRIPT = "5.9.3";
/** The policy pack's SDK: an optional peer dependency, installed by a consumer that runs the pack. */
const POLICY_SDK = "1.21.0";
/** The pack's files that `files` ships beside dist/ (the pack runs dist/policy). */
const PACK_FILES = ["policy/PulumiPolicy.yaml", "policy/main.js", "policy/package.json"];

const started = Date.now();
const step = (what: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${what}\n`);

/** Runs a command; resolves with its stdout, rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const failure: Error | null = err && Object.assign(err, { stdout, stderr });
      if (failure) reject(failure);
      else resolve(stdout);
    });
  });
}

const NPM_INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"];

/** Every file the build put in dist/ that `files` ships, plus what npm always ships. */
function intendedFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? walk(full) : [path.relative(ROOT, full).split(path.sep).join("/")];
    });
  const built = walk(path.join(ROOT, "dist")).filter((f) => /\.(js|d\.ts)$/.test(f));
  return ["LICENSE", "README.md", "package.json", ...PACK_FILES, ...built].sort();
}

/** The `node_modules/@pulumi/pulumi` folders anywhere under a project. */
function pulumiCopies(dir: string): string[] {
  const found: string[] = [];
  const visit = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      if (entry.startsWith("@")) {
        for (const scoped of fs.readdirSync(path.join(modules, entry))) {
          const pkg = path.join(modules, entry, scoped);
          if (`${entry}/${scoped}` === "@pulumi/pulumi") found.push(pkg);
          visit(path.join(pkg, "node_modules"));
        }
      } else visit(path.join(modules, entry, "node_modules"));
    }
  };
  visit(path.join(dir, "node_modules"));
  return found;
}

/**
 * The installed package's own command previews the consumer's project offline (tests/consumer/
 * preview: a disk that can be snapshotted, one that cannot), as a user runs it in CI: exit 1 for
 * the refusal, the plan as JSON on stdout.
 */
async function previewFromTheBin(consumer: string): Promise<void> {
  step("essd-snapshots preview --program preview --stack ci --json, the installed package's command");
  const bin = path.join(consumer, "node_modules", "essd-snapshots", "dist", "cli", "main.js");
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (done) => {
      execFile(
        NODE,
        [bin, "preview", "--program", "preview", "--stack", "ci", "--json"],
        { cwd: consumer, maxBuffer: 16 * 1024 * 1024 },
        (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    },
  );
  let plan: { resources: { type: string; name: string }[]; diagnostics: { severity: string; message: string }[] };
  try {
    plan = JSON.parse(stdout) as typeof plan;
  } catch {
    throw new Error(`essd-snapshots preview printed no JSON (exit ${code}):\n${stdout}\n${stderr}`);
  }
  const refused = plan.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
  const snapshots = plan.resources.filter((r) => r.type === "alicloud:ecs/ecsSnapshot:EcsSnapshot").map((r) => r.name);
  if (
    code !== 1 ||
    refused.length !== 1 ||
    !refused[0].includes("d-consumerold01") ||
    !snapshots.includes("db-data-snapshot")
  ) {
    throw new Error(
      `essd-snapshots preview: expected exit 1, the db-data snapshot planned and d-consumerold01 refused; got exit ${code}, snapshots [${snapshots.join(", ")}], errors ${JSON.stringify(refused)}\n${stderr}`,
    );
  }
  process.stdout.write("essd-snapshots preview: db-data-snapshot planned, d-consumerold01 refused (exit 1)\n");
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "essd-snapshots-consumer-"));
  try {
    // The consumer's own dependencies install while the package builds.
    const consumer = path.join(tmp, "consumer");
    fs.mkdirSync(consumer);
    for (const file of ["program.ts", "check.ts", "policy.ts", "tsconfig.json"]) {
      fs.copyFileSync(path.join(FIXTURE, file), path.join(consumer, file));
    }
    fs.cpSync(path.join(FIXTURE, "preview"), path.join(consumer, "preview"), { recursive: true });
    const manifest = {
      name: "essd-snapshots-consumer",
      version: "1.0.0",
      private: true,
      dependencies: { "@pulumi/pulumi": PINNED["@pulumi/pulumi"], "@pulumi/alicloud": PINNED["@pulumi/alicloud"] },
      devDependencies: { "@types/node": PINNED["@types/node"], "@pulumi/policy": POLICY_SDK, typescript: TYPESCRIPT },
    };
    fs.writeFileSync(path.join(consumer, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    step(`npm pack (builds dist/) into ${tmp}, while the consumer installs the pinned @pulumi/* from the npm cache`);
    const peersInstalled = run("npm", NPM_INSTALL, consumer);
    const [packed] = JSON.parse(await run("npm", ["pack", "--json", "--pack-destination", tmp], ROOT)) as {
      filename: string;
    }[];
    const tarball = path.join(tmp, packed.filename);
    const shipped = (await run("tar", ["-tzf", tarball], tmp))
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""))
      .sort();
    const intended = intendedFiles();
    const extra = shipped.filter((f) => !intended.includes(f));
    const missing = intended.filter((f) => !shipped.includes(f));
    if (extra.length > 0 || missing.length > 0) {
      throw new Error(
        `The tarball holds ${extra.length} file(s) the files list does not intend (${extra.join(", ")}) and lacks ${missing.length} (${missing.join(", ")}).`,
      );
    }
    step(`tarball: ${shipped.length} files, ${(fs.statSync(tarball).size / 1024).toFixed(1)} kB, as intended`);

    await peersInstalled;
    step("npm install the tarball in the consumer");
    await run("npm", [...NPM_INSTALL, tarball], consumer);

    const copies = pulumiCopies(consumer);
    if (copies.length !== 1) {
      throw new Error(
        `Expected exactly one @pulumi/pulumi in the consumer; found ${copies.length}: ${copies.join(", ")}.`,
      );
    }
    const installed = (JSON.parse(fs.readFileSync(path.join(copies[0], "package.json"), "utf8")) as { version: string })
      .version;
    step(
      `exactly one @pulumi/pulumi installed (${installed}), run by Node.js ${NODE === process.execPath ? process.version : NODE}`,
    );

    // This repository's TypeScript (5.9), on the consumer's own node_modules.
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    // Both at once: the run only transpiles (this repository's register.js), tsc checks the types.
    step("tsc --noEmit (strict, no skipLibCheck), beside the consumer's program under the testing kit");
    const env = { ...process.env, ESSD_SNAPSHOTS_TS_CACHE: path.join(tmp, "ts-cache") };
    const [, printed] = await Promise.all([
      run(NODE, [tsc, "--noEmit", "-p", consumer], consumer),
      run(NODE, ["--require", path.join(ROOT, "register.js"), "check.ts"], consumer, env),
    ]);
    process.stdout.write(printed);

    // A pack folder for `pulumi policy publish`, as the README lays it out: its own package.json
    // with the dependencies, and an entry that loads the pack from the package.
    const publishable = path.join(consumer, "essd-policy");
    fs.mkdirSync(publishable);
    fs.copyFileSync(path.join(ROOT, "policy", "PulumiPolicy.yaml"), path.join(publishable, "PulumiPolicy.yaml"));
    fs.writeFileSync(path.join(publishable, "index.js"), 'require("essd-snapshots/policy");\n');
    fs.writeFileSync(
      path.join(publishable, "package.json"),
      `${JSON.stringify({ name: "essd-policy", version: "0.1.0", main: "index.js" }, null, 2)}\n`,
    );
    step("the policy pack from node_modules/essd-snapshots/policy and from a folder for pulumi policy publish");
    const installedPack = path.join(consumer, "node_modules", "essd-snapshots", "policy");
    process.stdout.write(
      await run(
        NODE,
        ["--require", path.join(ROOT, "register.js"), "policy.ts", installedPack, publishable],
        consumer,
        env,
      ),
    );
    await previewFromTheBin(consumer);
    step("consumer test passed");
  } finally {
    // Removing a node_modules folder takes a while: it runs on after this process ends.
    spawn("rm", ["-rf", tmp], { detached: true, stdio: "ignore" }).unref();
  }
}

main().then(
  () => undefined,
  (err: unknown) => {
    const e = err as Error & { stdout?: string; stderr?: string };
    process.stderr.write(`The consumer test failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    process.exit(1);
  },
);
