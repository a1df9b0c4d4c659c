/**
 * The whole pack configuration is checked when the engine sends it (the analyzer's `configure`
 * call), before any policy runs: an unknown policy name or parameter, a wrong type or a value
 * out of range fails the preview with one message naming every bad key. @pulumi/policy 1.21
 * offers no hook for this, so the pack wraps the `configure` handler its gRPC server registers.
 */
import * as path from "node:path";

import { describeConfigProblems, validatePackConfig } from "./rules/config";

/** What the guard reads of a ConfigureAnalyzerRequest (pulumirpc). */
export interface ConfigureRequest {
  getPolicyconfigMap(): {
    entries(): Iterable<[string, { getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }]>;
  };
}

type Callback = (error: Error | null | undefined, response?: unknown) => void;
export type ConfigureHandler = (call: { request: ConfigureRequest }, callback: Callback) => unknown;

/** gRPC status INVALID_ARGUMENT: the engine shows `details` as the error. */
const INVALID_ARGUMENT = 3;

/** The configuration the engine sent, as `{ policy: { parameter: value } }` (levels are checked by the engine). */
export function configFromRequest(request: ConfigureRequest): Record<string, Record<string, unknown>> {
  const config: Record<string, Record<string, unknown>> = {};
  for (const [policy, policyConfig] of request.getPolicyconfigMap().entries()) {
    config[policy] = policyConfig.getProperties()?.toJavaScript() ?? {};
  }
  return config;
}

/** A configure handler that refuses a bad configuration and passes a good one on. */
export function guardConfigure(configure: ConfigureHandler): ConfigureHandler {
  return (call, callback) => {
    const problems = validatePackConfig(configFromRequest(call.request));
    if (problems.length === 0) return configure(call, callback);
    const message = describeConfigProblems(problems);
    callback(Object.assign(new Error(message), { code: INVALID_ARGUMENT, details: message }));
    return undefined;
  };
}

interface GrpcServerClass {
  prototype: { addService(service: unknown, implementation: Record<string, unknown>): void };
}

/**
 * Runs `construct` (which builds the PolicyPack and so starts its gRPC server) with the
 * server's `configure` handler wrapped by {@link guardConfigure}. Throws when no handler was
 * found, so a @pulumi/policy that registers its service another way is noticed at load.
 */
export function withConfigureGuard<T>(construct: () => T): T {
  // The copy of @grpc/grpc-js that @pulumi/policy itself loads.
  const policyDir = path.dirname(require.resolve("@pulumi/policy"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path resolved at run time
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as { Server: GrpcServerClass };
  const prototype = grpc.Server.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the server as this, below
  const addService = prototype.addService;
  let guarded = false;
  prototype.addService = function (service, implementation) {
    const configure = implementation["configure"];
    if (typeof configure === "function") {
      guarded = true;
      implementation = { ...implementation, configure: guardConfigure(configure as ConfigureHandler) };
    }
    return addService.call(this, service, implementation);
  };
  try {
    const result = construct();
    if (!guarded)
      throw new Error(
        "essd-snapshots policy pack: no analyzer configure handler was registered, so the pack configuration cannot be checked; @pulumi/policy must be 1.21.0.",
      );
    return result;
  } finally {
    prototype.addService = addService;
  }
}
