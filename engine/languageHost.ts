/**
 * A Node.js language host for the Pulumi CLI that scripts/pulumi-sim runs: the engine starts
 * it as `pulumi-language-nodejs <engine address>` and asks it to run the program (Run) or a
 * policy pack (RunPlugin).
 *
 * Why it exists: Pulumi's own host is the Go module
 * `github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3`, which the Go module proxy
 * here does not serve (403 for every version), while the CLI itself builds from
 * `github.com/pulumi/pulumi/pkg/v3` (scripts/build-engine). This host starts programs the way
 * Pulumi's does in v3.248.0 (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, execRuntime and
 * RunPlugin): `node <nodeargs> <program's @pulumi/pulumi/cmd/run> --monitor … --engine …
 * --project … --stack … --pwd … [--dry-run] --parallel N <entry point>`, with PULUMI_CONFIG,
 * PULUMI_CONFIG_SECRET_KEYS and PULUMI_NODEJS_TYPESCRIPT in the environment, and exit code 32
 * meaning "the program already told the user" (Bail). The program itself, the SDK and the
 * engine are the real ones; only this launcher is ours. It reports no required plugins, so the
 * engine loads `alicloud` where pulumi-sim put it: on PATH.
 */
import { spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as langproto from "@pulumi/pulumi/proto/language_pb";

import { StandInHost, runResponder, startHost, type Server } from "./hostBase";
import { installDependencies } from "./pluginDependencies";

interface NodeOptions {
  typescript: boolean;
  nodeargs: string[];
  tsconfig?: string;
}

/** Pulumi.yaml runtime options, as the Go host reads them (typescript defaults to true). */
export function parseOptions(options: Record<string, unknown>): NodeOptions {
  const { typescript = true, nodeargs = "", tsconfig } = options;
  if (typeof typescript !== "boolean") throw new Error("typescript option must be a boolean");
  if (typeof nodeargs !== "string") throw new Error("nodeargs option must be a string");
  if (tsconfig !== undefined && typeof tsconfig !== "string") throw new Error("tsconfig option must be a string");
  return { typescript, nodeargs: splitShellWords(nodeargs), tsconfig };
}

/** Splits like a shell: spaces separate words, quotes group them, a backslash escapes. */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= "";
    } else if (ch === "\\" && i + 1 < text.length) {
      word = (word ?? "") + text[++i];
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? "") + ch;
  }
  if (quote) throw new Error(`nodeargs ${JSON.stringify(text)} has an unclosed ${quote} quote`);
  if (word !== undefined) words.push(word);
  return words;
}

/** `ns:key` becomes `ns:config:key`, the form every @pulumi/pulumi version reads. */
export function configForProgram(config: Map<string, string> | [string, string][]): string {
  const out: Record<string, string> = {};
  for (const [key, value] of config) {
    const at = key.indexOf(":");
    out[at < 0 ? key : `${key.slice(0, at)}:config:${key.slice(at + 1)}`] = value;
  }
  return JSON.stringify(out);
}

function resolveFrom(dir: string, mod: string): string {
  try {
    return require.resolve(mod, { paths: [dir] });
  } catch {
    throw new Error(
      `It looks like the Pulumi SDK has not been installed in ${dir}: ${mod} cannot be found. Run npm install there.`,
    );
  }
}

function optionsOf(info: langproto.ProgramInfo | undefined): NodeOptions {
  return parseOptions((info?.getOptions()?.toJavaScript() as Record<string, unknown> | undefined) ?? {});
}

function typescriptEnv(opts: NodeOptions): Record<string, string> {
  const env: Record<string, string> = {};
  if (opts.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (opts.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = opts.tsconfig;
  return env;
}

class NodeLanguageHost extends StandInHost {
  run: Server["run"] = (call, callback) => {
    const req = call.request;
    const respond = runResponder(callback);
    let args: string[];
    let env: NodeJS.ProcessEnv;
    let programDir: string;
    try {
      const info = req.getInfo();
      programDir = info?.getProgramDirectory() || req.getPwd();
      const opts = optionsOf(info);
      const runPath = resolveFrom(programDir, "@pulumi/pulumi/cmd/run");
      const flag = (name: string, value: string) => (value ? [`--${name}`, value] : []);
      args = [
        ...opts.nodeargs,
        runPath,
        ...flag("monitor", req.getMonitorAddress()),
        ...flag("engine", this.engineAddress),
        ...flag("organization", req.getOrganization()),
        ...flag("project", req.getProject()),
        ...flag("root-directory", info?.getRootDirectory() ?? ""),
        ...flag("stack", req.getStack()),
        ...flag("pwd", programDir),
        ...(req.getDryrun() ? ["--dry-run"] : []),
        ...flag("parallel", String(req.getParallel())),
        info?.getEntryPoint() || ".",
        ...req.getArgsList(),
      ];
      env = {
        ...process.env,
        PULUMI_CONFIG: configForProgram(req.getConfigMap().toArray()),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
        ...typescriptEnv(opts),
      };
    } catch (err) {
      return respond(err instanceof Error ? err.message : String(err));
    }
    this.runProgram(process.execPath, args, { cwd: programDir, env }, respond);
  };

  /** Policy packs (kind "analyzer") start through @pulumi/pulumi/cmd/run-policy-pack, other plugins through run-plugin. */
  runPlugin: Server["runPlugin"] = (call) => {
    const req = call.request;
    const write = (set: (r: langproto.RunPluginResponse) => void) => {
      const resp = new langproto.RunPluginResponse();
      set(resp);
      call.write(resp);
    };
    try {
      const info = req.getInfo();
      const programDir = info?.getProgramDirectory() || req.getPwd();
      const opts = optionsOf(info);
      const analyzer = req.getKind() === "analyzer";
      const runPath = resolveFrom(
        programDir,
        analyzer ? "@pulumi/pulumi/cmd/run-policy-pack" : "@pulumi/pulumi/cmd/run-plugin",
      );
      // A policy pack takes its directory last, any other plugin first.
      const rest = analyzer ? [...req.getArgsList(), programDir] : [programDir, ...req.getArgsList()];
      const given = req.getEnvList();
      const baseEnv: NodeJS.ProcessEnv =
        given.length > 0
          ? Object.fromEntries(given.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]))
          : process.env;
      const child = spawn(process.execPath, [...opts.nodeargs, runPath, ...rest], {
        cwd: analyzer ? programDir : req.getPwd() || programDir,
        env: { ...baseEnv, ...typescriptEnv(opts) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      this.children.add(child);
      child.stdout?.on("data", (chunk: Buffer) => write((r) => r.setStdout(chunk)));
      child.stderr?.on("data", (chunk: Buffer) => write((r) => r.setStderr(chunk)));
      child.on("close", (code) => {
        this.children.delete(child);
        write((r) => r.setExitcode(code ?? 1));
        call.end();
      });
      call.on("cancelled", () => child.kill());
    } catch (err) {
      call.emit("error", {
        code: grpc.status.FAILED_PRECONDITION,
        details: err instanceof Error ? err.message : String(err),
      });
    }
  };

  installDependencies = installDependencies;
}

if (require.main === module)
  startHost("pulumi-language-nodejs", (engineAddress) => new NodeLanguageHost(engineAddress));
