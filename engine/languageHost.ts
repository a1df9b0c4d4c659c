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
import { spawn, type ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import * as langrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

import { installDependencies } from "./pluginDependencies";

/** The exit code with which `@pulumi/pulumi/cmd/run` says it has already reported the error. */
const EXITED_AFTER_USER_ACTIONABLE_MESSAGE = 32;
const VERSION = "3.248.0";

type Server = langrpc.ILanguageRuntimeServer;

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

class NodeLanguageHost {
  private readonly children = new Set<ChildProcess>();

  constructor(private engineAddress: string) {}

  handshake: Server["handshake"] = (call, callback) => {
    this.engineAddress = call.request.getEngineAddress() || this.engineAddress;
    callback(null, new langproto.LanguageHandshakeResponse());
  };

  getPluginInfo: Server["getPluginInfo"] = (_call, callback) => {
    const info = new pluginproto.PluginInfo();
    info.setVersion(VERSION);
    callback(null, info);
  };

  // No plugins are declared: the engine finds the providers a program uses when it registers them.
  getRequiredPlugins: Server["getRequiredPlugins"] = (_call, callback) =>
    callback(null, new langproto.GetRequiredPluginsResponse());
  getRequiredPackages: Server["getRequiredPackages"] = (_call, callback) =>
    callback(null, new langproto.GetRequiredPackagesResponse());

  run: Server["run"] = (call, callback) => {
    const req = call.request;
    const respond = (error: string, bail = false) => {
      const resp = new langproto.RunResponse();
      resp.setError(error);
      resp.setBail(bail);
      callback(null, resp);
    };
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
    const child = spawn(process.execPath, args, { cwd: programDir, env, stdio: ["ignore", "inherit", "inherit"] });
    this.children.add(child);
    child.on("error", (err) => respond(`Problem executing program (could not run node): ${err.message}`));
    child.on("exit", (code, signal) => {
      this.children.delete(child);
      if (code === 0) respond("");
      else if (code === EXITED_AFTER_USER_ACTIONABLE_MESSAGE) respond("", true);
      else
        respond(
          code === null ? `Program exited on signal ${signal}` : `Program exited with non-zero exit code: ${code}`,
        );
    });
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

  cancel: Server["cancel"] = (_call, callback) => {
    for (const child of this.children) child.kill("SIGINT");
    callback(null, new Empty());
  };

  /**
   * Ends every program and plugin this host started, at once: when the host exits (the engine
   * gone, engine/bin/exit-with-parent.js), nothing it started may go on without it.
   */
  killChildren(): void {
    for (const child of this.children) child.kill("SIGKILL");
  }
}

export function unimplemented(name: string) {
  return (_call: unknown, callback?: grpc.sendUnaryData<unknown>) => {
    const error = {
      code: grpc.status.UNIMPLEMENTED,
      details: `${name} is not implemented by the pulumi-sim language host`,
    };
    if (callback) callback(error, null);
    else (_call as grpc.ServerWritableStream<unknown, unknown>).emit("error", error);
  };
}

/** Serves on a free loopback port and prints it, as every plugin does. */
export async function main(args: string[]): Promise<void> {
  const engineAddress = args.filter((a) => !a.startsWith("-")).pop() ?? "";
  const host = new NodeLanguageHost(engineAddress);
  process.on("exit", () => host.killChildren());
  // Terminated: the same, and the exit code a shell gives (128 + the signal's number).
  process.on("SIGTERM", () => process.exit(143));
  process.on("SIGHUP", () => process.exit(129));
  const server = new grpc.Server();
  const methods = Object.keys(langrpc.LanguageRuntimeService);
  const impl: Record<string, unknown> = {};
  for (const m of methods) {
    const own = (host as unknown as Record<string, unknown>)[m];
    impl[m] = typeof own === "function" ? own : unimplemented(m);
  }
  server.addService(langrpc.LanguageRuntimeService, impl as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  process.stdout.write(`${port}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`pulumi-language-nodejs (pulumi-sim): ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
