/**
 * What the stand-in language hosts (languageHost.ts for Node.js, pythonHost.ts for Python) share:
 * the handshake and plugin info, no required plugins or packages (the engine finds providers when
 * a program registers them, and packages in Pulumi.yaml's `packages:`), Run's child process and
 * its exit as Pulumi's hosts report it (code 32: the program has told the user already, Bail),
 * Cancel, and serving the gRPC service on a free loopback port. Every child is killed when the
 * host exits (the engine gone: engine/bin/exit-with-parent.js, or SIGTERM/SIGHUP), so nothing a
 * host started outlives the CLI.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import * as langrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

export type Server = langrpc.ILanguageRuntimeServer;

/** The Pulumi version whose hosts these stand in for. */
export const HOST_VERSION = "3.248.0";
/** The exit code with which a program's launcher says it has already reported the error. */
export const EXITED_AFTER_USER_ACTIONABLE_MESSAGE = 32;

/** Run's answer: an error to show, or Bail (the program has reported it). */
export function runResponder(callback: Parameters<Server["run"]>[1]): (error: string, bail?: boolean) => void {
  return (error, bail = false) => {
    const resp = new langproto.RunResponse();
    resp.setError(error);
    resp.setBail(bail);
    callback(null, resp);
  };
}

export abstract class StandInHost {
  protected readonly children = new Set<ChildProcess>();

  constructor(protected engineAddress: string) {}

  handshake: Server["handshake"] = (call, callback) => {
    this.engineAddress = call.request.getEngineAddress() || this.engineAddress;
    callback(null, new langproto.LanguageHandshakeResponse());
  };

  getPluginInfo: Server["getPluginInfo"] = (_call, callback) => {
    const info = new pluginproto.PluginInfo();
    info.setVersion(HOST_VERSION);
    callback(null, info);
  };

  getRequiredPlugins: Server["getRequiredPlugins"] = (_call, callback) =>
    callback(null, new langproto.GetRequiredPluginsResponse());
  getRequiredPackages: Server["getRequiredPackages"] = (_call, callback) =>
    callback(null, new langproto.GetRequiredPackagesResponse());

  cancel: Server["cancel"] = (_call, callback) => {
    for (const child of this.children) child.kill("SIGINT");
    callback(null, new Empty());
  };

  /** Starts a program for Run and answers when it exits, as Pulumi's hosts do. */
  protected runProgram(
    command: string,
    args: string[],
    options: SpawnOptions,
    respond: (error: string, bail?: boolean) => void,
  ): void {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "inherit", "inherit"] });
    this.children.add(child);
    child.on("error", (err) => respond(`Problem executing program (could not run ${command}): ${err.message}`));
    child.on("exit", (code, signal) => {
      this.children.delete(child);
      if (code === 0) respond("");
      else if (code === EXITED_AFTER_USER_ACTIONABLE_MESSAGE) respond("", true);
      else
        respond(
          code === null ? `Program exited on signal ${signal}` : `Program exited with non-zero exit code: ${code}`,
        );
    });
  }

  /** Ends every program and plugin this host started, at once. */
  killChildren(): void {
    for (const child of this.children) child.kill("SIGKILL");
  }
}

/** A method the stand-in does not implement: UNIMPLEMENTED, for a unary or a streaming call. */
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

/** Serves the host on a free loopback port and prints the port, as every plugin does. */
export async function serveHost(host: StandInHost): Promise<void> {
  process.on("exit", () => host.killChildren());
  // Terminated: the same, and the exit code a shell gives (128 + the signal's number).
  process.on("SIGTERM", () => process.exit(143));
  process.on("SIGHUP", () => process.exit(129));
  const server = new grpc.Server();
  const impl: Record<string, unknown> = {};
  for (const m of Object.keys(langrpc.LanguageRuntimeService)) {
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

/**
 * A host's entry point: `<name> [flags] <engine address>` as the engine starts it; serves the
 * host made for that address, or exits 1 with a line naming the host.
 */
export function startHost(name: string, make: (engineAddress: string) => StandInHost): void {
  // The engine's address: the last argument that is not a flag.
  const engineAddress =
    process.argv
      .slice(2)
      .filter((a) => !a.startsWith("-"))
      .pop() ?? "";
  serveHost(make(engineAddress)).catch((err: unknown) => {
    process.stderr.write(`${name} (pulumi-sim): ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
