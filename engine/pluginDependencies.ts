/**
 * InstallDependencies for the stand-in Node.js language host (languageHost.ts): what the engine
 * asks before it starts a plugin from a folder (`pulumi package add <folder>`, a component
 * provider with `runtime: nodejs`). Pulumi's v3.248.0 host runs the package manager there
 * (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, InstallDependencies). This one does the same
 * unless the folder already resolves @pulumi/pulumi (a folder inside a project whose
 * node_modules serve it, as this repository's provider/ is), when there is nothing to install.
 */
import { spawn } from "node:child_process";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import type * as langrpc from "@pulumi/pulumi/proto/language_grpc_pb";

type Handler = langrpc.ILanguageRuntimeServer["installDependencies"];

/** Whether `dir` resolves `@pulumi/pulumi` already. */
export function resolvesPulumi(dir: string): boolean {
  try {
    require.resolve("@pulumi/pulumi", { paths: [dir] });
    return true;
  } catch {
    return false;
  }
}

export const installDependencies: Handler = (call) => {
  const req = call.request;
  const dir = req.getInfo()?.getProgramDirectory() || req.getDirectory();
  const send = (set: (r: langproto.InstallDependenciesResponse) => void) => {
    const resp = new langproto.InstallDependenciesResponse();
    set(resp);
    call.write(resp);
  };
  if (resolvesPulumi(dir)) {
    call.end();
    return;
  }
  const child = spawn("npm", ["install"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk: Buffer) => send((r) => r.setStdout(chunk)));
  child.stderr.on("data", (chunk: Buffer) => send((r) => r.setStderr(chunk)));
  child.on("error", (err) => call.destroy(err));
  child.on("close", (code) => {
    if (code === 0) call.end();
    else call.destroy(new Error(`npm install in ${dir} exited with code ${code}`));
  });
};
