/**
 * A Python language host for the Pulumi CLI that scripts/pulumi-sim runs (engine/bin/pulumi-language-python):
 * the engine starts it as `pulumi-language-python <engine address>` for a `runtime: python` project.
 *
 * Why it exists: Pulumi's own host is the Go module
 * `github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3`, which the Go module proxy
 * here does not serve, like the Node one (languageHost.ts). What it does, from Pulumi v3.248.0
 * (sdk/python/cmd/pulumi-language-python/main.go and its launcher pulumi-language-python-exec):
 * - Run: `python run.py --monitor … --engine … --project … --root_directory … --stack … --pwd …
 *   --dry_run true|false --parallel N [--organization …] <entry point>` with PULUMI_CONFIG (the
 *   engine's config map as JSON) and PULUMI_CONFIG_SECRET_KEYS; exit code 32 means the program has
 *   told the user already (Bail). python/run.py is our launcher; the interpreter is the venv of
 *   scripts/build-python-venv (the `pulumi` package 3.248.0 from PyPI), not one the project names.
 * - GeneratePackage: the Go code generator `pkg/v3/codegen/python` GeneratePackage, built by
 *   scripts/build-python-gen (python/main.go), with the engine's schema loader.
 * - Link: adds each package's folder to the program's requirements.txt (as Pulumi's pip
 *   toolchain does) and says how to import it. Instead of pip-installing it into the shared venv,
 *   Link and Run install every requirement that is a local folder (`pip install --no-deps
 *   --target`) into a site folder of the program's own (in pulumi-sim's ESSD_SIM_HOME), and Run puts that on
 *   PYTHONPATH: a generated SDK reads its own version from its installed metadata, so a bare
 *   PYTHONPATH to its folder is not enough (pip's build leaves a .egg-info and build/ in the SDK
 *   folder, as Pulumi's pip toolchain does too). Any other requirement must be in the venv already,
 *   and InstallDependencies says so when one is missing.
 * The program, the `pulumi` package, the generated SDK and the engine are the real ones.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as hclproto from "@pulumi/pulumi/proto/codegen/hcl_pb";
import * as langproto from "@pulumi/pulumi/proto/language_pb";

import { StandInHost, runResponder, startHost, type Server } from "./hostBase";

const root = path.resolve(__dirname, "..");

/** The folder printed by one of our build scripts (built on first use, cached after). */
function built(script: string): string {
  return execFileSync(path.join(root, "scripts", script), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/** The requirements.txt lines that name local folders, resolved against the program's folder. */
export function localRequirements(programDir: string, text: string): { folders: string[]; others: string[] } {
  const folders: string[] = [];
  const others: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const target = line.replace(/^-e\s+/, "");
    if (
      /^(\.{1,2}\/|\/)/.test(target) ||
      ["pyproject.toml", "setup.py"].some((f) => fs.existsSync(path.resolve(programDir, target, f)))
    )
      folders.push(path.resolve(programDir, target));
    else others.push(line);
  }
  return { folders, others };
}

function readRequirements(programDir: string): { folders: string[]; others: string[] } {
  const file = path.join(programDir, "requirements.txt");
  return localRequirements(programDir, fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
}

/** The requirement's distribution name (`pulumi>=3,<4` → `pulumi`), lower case with `-` for `_`. */
export function requirementName(line: string): string {
  return (/^[A-Za-z0-9._-]+/.exec(line)?.[0] ?? line).toLowerCase().replace(/_/g, "-");
}

/**
 * Installs the local SDK folders into the program's site folder (without their dependencies, which
 * the venv holds) unless the same folders, unchanged, are installed there already; returns it.
 */
function installLocal(venv: string, programDir: string, folders: string[]): string {
  // Beside the project's simulated state (pulumi-sim's ESSD_SIM_HOME), so it goes with the project;
  // else one folder per program beside the venv.
  const state = process.env.ESSD_SIM_STATE;
  const key = createHash("sha256").update(path.resolve(programDir)).digest("hex").slice(0, 16);
  const site = state
    ? path.join(path.dirname(state), "python-site")
    : path.join(path.dirname(venv), "python-sites", key);
  const stamp = JSON.stringify(
    folders.map((f) => [
      f,
      ...["setup.py", "pyproject.toml"].map(
        (n) => fs.statSync(path.join(f, n), { throwIfNoEntry: false })?.mtimeMs ?? 0,
      ),
    ]),
  );
  const stampFile = path.join(site, ".installed");
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return site;
  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(site, { recursive: true });
  if (folders.length > 0) {
    const pip = spawnSync(
      path.join(venv, "bin/python"),
      [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--no-build-isolation",
        "--target",
        site,
        ...folders,
      ],
      { encoding: "utf8" },
    );
    if (pip.status !== 0)
      throw new Error(`pip could not install ${folders.join(", ")} into ${site}:\n${pip.stdout}${pip.stderr}`);
  }
  fs.writeFileSync(stampFile, stamp);
  return site;
}

/** Python packages (folders with __init__.py) directly inside a generated SDK's folder. */
function importNames(sdkDir: string): string[] {
  if (!fs.existsSync(sdkDir)) return [];
  return fs
    .readdirSync(sdkDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(sdkDir, e.name, "__init__.py")))
    .map((e) => e.name);
}

class PythonLanguageHost extends StandInHost {
  run: Server["run"] = (call, callback) => {
    const req = call.request;
    const respond = runResponder(callback);
    let python: string;
    let args: string[];
    let env: NodeJS.ProcessEnv;
    let programDir: string;
    try {
      const info = req.getInfo();
      programDir = info?.getProgramDirectory() || req.getPwd();
      const venv = built("build-python-venv");
      python = path.join(venv, "bin", "python");
      const flag = (name: string, value: string) => (value ? [`--${name}`, value] : []);
      args = [
        path.join(root, "engine/python/run.py"),
        ...flag("monitor", req.getMonitorAddress()),
        ...flag("engine", this.engineAddress),
        ...flag("project", req.getProject()),
        ...flag("root_directory", info?.getRootDirectory() ?? ""),
        ...flag("stack", req.getStack()),
        ...flag("pwd", req.getPwd()),
        ...flag("dry_run", String(req.getDryrun())),
        ...flag("parallel", String(req.getParallel())),
        ...flag("organization", req.getOrganization()),
        info?.getEntryPoint() || ".",
        ...req.getArgsList(),
      ];
      const { folders } = readRequirements(programDir);
      env = {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(Object.fromEntries(req.getConfigMap().toArray())),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
        PYTHONPATH: [installLocal(venv, programDir, folders), process.env.PYTHONPATH]
          .filter(Boolean)
          .join(path.delimiter),
        PYTHONUNBUFFERED: "1",
      };
    } catch (err) {
      return respond(err instanceof Error ? err.message : String(err));
    }
    this.runProgram(python, args, { cwd: programDir, env }, respond);
  };

  generatePackage: Server["generatePackage"] = (call, callback) => {
    const req = call.request;
    try {
      const extraFiles: Record<string, string> = {};
      for (const [name, data] of req.getExtraFilesMap().toArray())
        extraFiles[name] = Buffer.from(data).toString("base64");
      const gen = path.join(built("build-python-gen"), "essd-python-gen");
      const r = spawnSync(gen, [], {
        input: JSON.stringify({
          schema: req.getSchema(),
          directory: req.getDirectory(),
          loaderTarget: req.getLoaderTarget(),
          extraFiles,
        }),
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(r.stderr || `essd-python-gen exited with code ${r.status}`);
      const resp = new langproto.GeneratePackageResponse();
      const diags = JSON.parse(r.stdout) as { severity: number; summary: string; detail: string }[];
      resp.setDiagnosticsList(
        diags.map((d) => {
          const diag = new hclproto.Diagnostic();
          diag.setSeverity(d.severity);
          diag.setSummary(d.summary);
          diag.setDetail(d.detail);
          return diag;
        }),
      );
      callback(null, resp);
    } catch (err) {
      callback({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) }, null);
    }
  };

  link: Server["link"] = (call, callback) => {
    const req = call.request;
    try {
      const programDir = req.getInfo()?.getProgramDirectory() ?? "";
      const file = path.join(programDir, "requirements.txt");
      if (!fs.existsSync(file)) throw new Error(`no requirements.txt found in ${programDir}`);
      const text = fs.readFileSync(file, "utf8");
      const have = new Set(localRequirements(programDir, text).folders);
      const added: string[] = [];
      const imports: string[] = [];
      for (const dep of req.getPackagesList()) {
        if (dep.getPackage()?.getName() === "pulumi") continue;
        const dir = path.resolve(programDir, dep.getPath());
        if (!have.has(dir)) added.push(path.relative(programDir, dir) || ".");
        for (const name of importNames(dir)) imports.push(`  import ${name}`);
      }
      if (added.length > 0)
        fs.writeFileSync(
          file,
          `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${added.map((a) => (a.startsWith(".") ? a : `./${a}`)).join("\n")}\n`,
        );
      installLocal(built("build-python-venv"), programDir, readRequirements(programDir).folders);
      const resp = new langproto.LinkResponse();
      resp.setImportInstructions(`You can import the SDK in your Python code with:\n\n${imports.join("\n")}\n`);
      callback(null, resp);
    } catch (err) {
      callback({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) }, null);
    }
  };

  /** Makes the venv if needed; a requirement that is neither a local folder nor in the venv is an error. */
  installDependencies: Server["installDependencies"] = (call) => {
    const req = call.request;
    const dir = req.getInfo()?.getProgramDirectory() || req.getDirectory();
    try {
      const venv = built("build-python-venv");
      const listed = spawnSync(path.join(venv, "bin/python"), ["-m", "pip", "list", "--format=json"], {
        encoding: "utf8",
      });
      const installed = new Set(
        (JSON.parse(listed.stdout || "[]") as { name: string }[]).map((p) => requirementName(p.name)),
      );
      const missing = readRequirements(dir).others.filter((line) => !installed.has(requirementName(line)));
      if (missing.length > 0)
        throw new Error(
          `requirements.txt in ${dir} asks for ${missing.join(", ")}, which the venv ${venv} of pulumi-sim does not hold; it serves only the pulumi package and local SDK folders.`,
        );
      call.end();
    } catch (err) {
      call.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  };
}

if (require.main === module)
  startHost("pulumi-language-python", (engineAddress) => new PythonLanguageHost(engineAddress));
