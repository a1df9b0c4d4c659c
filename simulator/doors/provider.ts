/**
 * The provider-plugin door: the stand-in `alicloud` provider plugin, the served resources of
 * simulator/registry.ts behind the provider protocol, hosted with `@pulumi/pulumi/provider`, for
 * the real Pulumi engine. `scripts/pulumi-sim` puts it on the engine's PATH as
 * `pulumi-resource-alicloud` (engine/bin); nothing a user's real `pulumi up` reads ever names it.
 *
 * The cloud lives in a JSON file (simulator/doors/stateFile.ts), read before and written after
 * every operation. The cloud keeps its own time; ESSD_SIM_NOW (ISO 8601, or the real clock)
 * moves it forward when later, and the provider's waits advance it.
 *
 * Diffs leave `changes` unset, so the engine computes the detailed diff from the old and new
 * inputs itself (property paths such as `tags["essd-snapshots:generation"]`, which
 * `replaceOnChanges` matches, as with the bridged provider), and return the inputs that force a
 * replacement (each served resource's `forceNew`). Only when an input that updates in place
 * differs from the state, not from the old inputs (a disk made larger than asked), `changes` is
 * true: the bridge diffs the state against the program.
 *
 * Timeouts: the engine sends each Create/Update/Delete its `customTimeouts` (seconds) in the
 * request's `timeout` field (pulumi/pulumi v3.248.0 `pkg/resource/deploy/step.go` Timeout:
 * s.new.CustomTimeouts.Create; `sdk/go/common/resource/plugin/provider_plugin.go` Timeout:
 * req.Timeout), but @pulumi/pulumi/provider's server does not hand it to `create`/`update`/
 * `delete`: {@link keepRequestTimeouts} keeps it for them. Without one, each resource's default.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { writeFileSync } from "node:fs";

import * as provider from "@pulumi/pulumi/provider";

import {
  INPUT_NAMES,
  SERVED_RESOURCES,
  answerInvoke,
  checkResource,
  createResource,
  deleteResource,
  driftedBy,
  readResource,
  replacedBy,
  updateResource,
} from "../registry";
import type { SimulatedCloud } from "../model";
import type { Props } from "../served";
import { isHangFault } from "../faults";
import { ResourceInitFailed } from "../waits";
import { hangMarker, withCloudFile, type CloudFileOptions } from "./stateFile";
import { encodeInvokeResponse } from "./structWire";

/** The plugin's version: the @pulumi/alicloud version this project pins, which the SDK asks for. */
export const STAND_IN_VERSION = "3.108.0";

/** How the engine marks a value not known yet in a provider's inputs (sdk/nodejs/runtime/rpc.ts unknownValue). */
const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const isUnknown = (v: unknown): boolean => v === ENGINE_UNKNOWN;

/** The `timeout` (seconds) of the Create/Update/Delete request being served; 0 when none was set. */
const requestTimeout = new AsyncLocalStorage<number>();

/** The timeout of the operation being served, seconds (0: the resource's default). */
export function currentTimeoutSeconds(): number {
  return requestTimeout.getStore() ?? 0;
}

/**
 * THE ONE PLACE the engine's per-request timeout is read: wraps the gRPC handlers of Create,
 * Update and Delete of the provider service @pulumi/pulumi/provider registers, so that each runs
 * with its request's `timeout` in {@link requestTimeout}. @pulumi/pulumi/provider's server reads
 * `call.request` but passes `create(urn, props)` only (node_modules/@pulumi/pulumi/provider/server.js).
 * Its Invoke answers in bytes ({@link invokeAnsweredInBytes}).
 */
export function keepRequestTimeouts(): void {
  // The gRPC module the provider server itself uses (a dependency of @pulumi/pulumi, not ours).
  const grpcPath = require.resolve("@grpc/grpc-js", { paths: [require.resolve("@pulumi/pulumi/provider")] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const grpc = require(grpcPath) as { Server: { prototype: { addService: AddService } } };
  const structPath = require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [require.resolve("@pulumi/pulumi/provider")],
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Struct } = require(structPath) as { Struct: { fromJavaScript(value: object): unknown } };
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (this: unknown, service: unknown, implementation: object) {
    const wrapped = Object.create(implementation) as Record<string, unknown>;
    for (const method of ["create", "update", "delete"]) {
      const handler = (implementation as Record<string, unknown>)[method];
      if (typeof handler !== "function") continue;
      const serve = handler as (this: object, call: unknown, callback: unknown) => unknown;
      wrapped[method] = (call: { request: { getTimeout?: () => number } }, callback: unknown): unknown =>
        requestTimeout.run(call.request.getTimeout?.() ?? 0, () => serve.call(implementation, call, callback));
    }
    // Read of an import (`pulumi import`, the `import` option, --import-pending-creates): the
    // engine sends no properties, and @pulumi/pulumi/provider's server reads them unguarded
    // (provider/server.js read: `req.getProperties().toJavaScript()`). Empty ones: "nothing known
    // but the ID", which SimulatedProvider.read answers as an import.
    const read = (implementation as Record<string, unknown>).read;
    if (typeof read === "function") {
      const serveRead = read as (this: object, call: unknown, callback: unknown) => unknown;
      wrapped.read = (call: { request: ReadRequest }, callback: unknown): unknown => {
        const req = call.request;
        if (req.getProperties && req.setProperties && !req.getProperties())
          req.setProperties(Struct.fromJavaScript({}));
        return serveRead.call(implementation, call, callback);
      };
    }
    const answerInBytes = invokeAnsweredInBytes(service, implementation);
    if (answerInBytes) wrapped.invoke = answerInBytes.invoke;
    return addService.call(this, answerInBytes?.service ?? service, wrapped);
  };
}

interface MethodDefinition {
  responseSerialize: (answer: unknown) => Buffer;
}
interface InvokeCall {
  request: { getTok(): string; getArgs(): { toJavaScript(): Props } | undefined };
}
type Answer = (err: unknown, answer?: unknown) => void;

/**
 * Invoke answers encoded by structWire.ts, not built as google-protobuf objects (why: there): the
 * same handler as @pulumi/pulumi/provider's server (provider/server.js `invoke`: the provider's
 * outputs and failures, an error logged and returned), and the service's Invoke sends the bytes
 * as they are. Undefined for anything that is not the provider service.
 */
function invokeAnsweredInBytes(
  service: unknown,
  implementation: object,
): { service: object; invoke: (call: InvokeCall, answer: Answer) => void } | undefined {
  const method = (service as { invoke?: MethodDefinition }).invoke;
  const served = (implementation as { provider?: Partial<provider.Provider> }).provider;
  if (typeof method?.responseSerialize !== "function" || typeof served?.invoke !== "function") return undefined;
  const invoke = served.invoke.bind(served);
  const serialize = method.responseSerialize;
  return {
    service: {
      ...(service as object),
      invoke: { ...method, responseSerialize: (a: unknown) => (Buffer.isBuffer(a) ? a : serialize(a)) },
    },
    invoke: (call, answer) => {
      const req = call.request;
      // A failure anywhere, the encoding's included, is the invoke's answer, never a crash.
      Promise.resolve()
        .then(() => invoke(req.getTok(), req.getArgs()?.toJavaScript() ?? {}))
        .then((result) => encodeInvokeResponse(result.outputs as WireOutputs, result.failures ?? []))
        .then(
          (bytes) => answer(undefined, bytes),
          (err: unknown) => {
            console.error(`${String(err)}: ${(err as Error | undefined)?.stack}`);
            answer(err, undefined);
          },
        );
    },
  };
}
type WireOutputs = Parameters<typeof encodeInvokeResponse>[0];

type AddService = (this: unknown, service: unknown, implementation: object) => unknown;
interface ReadRequest {
  getProperties?: () => unknown;
  setProperties?: (value: unknown) => void;
}

/** The stand-in provider over the cloud in `options.stateFile`. */
export class SimulatedProvider implements provider.Provider {
  readonly version = STAND_IN_VERSION;

  constructor(private readonly options: CloudFileOptions) {}

  /** Runs one operation against the cloud in its file: its result, or its failure, as a promise. */
  private withCloud<T>(op: (cloud: SimulatedCloud) => T): Promise<T> {
    try {
      return Promise.resolve(withCloudFile(this.options, op));
    } catch (err) {
      // A `hang` fault: the cloud has done the action (and kept it in its file), the answer never
      // comes. The marker tells a test where the engine now waits (simulator/faults.ts).
      if (isHangFault(err)) {
        writeFileSync(
          hangMarker(this.options.stateFile),
          `${JSON.stringify({ pid: process.pid, fault: (err as Error).message })}\n`,
        );
        return new Promise<T>(() => undefined);
      }
      // Created but not finished (a wait timed out): `id`, `properties` and `reasons` are what
      // @pulumi/pulumi/provider's server turns into ErrorResourceInitFailed, so that the engine
      // keeps the object in the state, as it does with the bridge.
      if (err instanceof ResourceInitFailed)
        return Promise.reject(
          Object.assign(new Error(err.message), {
            id: err.id,
            properties: definedOnly(err.properties),
            reasons: err.reasons,
          }),
        );
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /**
   * Check as the bridge's: value lists for known values and the schema's defaults, so that a bad
   * value fails the preview naming its property.
   */
  check(urn: string, _olds: Props, news: Props): Promise<provider.CheckResult> {
    const type = typeOf(urn);
    const checked = checkResource(type, news, isUnknown);
    if (!checked) return Promise.reject(new Error(notServedResource(type)));
    return Promise.resolve(checked);
  }

  diff(_id: string, urn: string, olds: Props, news: Props): Promise<provider.DiffResult> {
    const type = typeOf(urn);
    const replaces = replacedBy(type, olds, news, isUnknown);
    // `changes` left unset: the engine diffs old and new inputs itself, with property paths;
    // true only when the state has drifted from an input that updates in place.
    const drifted = replaces.length === 0 && driftedBy(type, olds, news, isUnknown).length > 0;
    return Promise.resolve({ ...(drifted ? { changes: true } : {}), replaces, deleteBeforeReplace: false });
  }

  async create(urn: string, inputs: Props): Promise<provider.CreateResult> {
    const timeoutSeconds = currentTimeoutSeconds();
    const { id, state } = await this.withCloud((cloud) =>
      createResource(cloud, typeOf(urn), inputs, { timeoutSeconds }),
    );
    return { id, outs: definedOnly(state) };
  }

  async read(id: string, urn: string, props?: Props): Promise<provider.ReadResult> {
    const type = typeOf(urn);
    const given = props ?? {};
    const state = await this.withCloud((cloud) => readResource(cloud, type, id, given));
    // Gone from the cloud: an empty ID, and the engine drops the resource from the state.
    if (state === undefined) return { id: "", props: {} };
    // An import (nothing known but the ID): the inputs are taken from what was read, as the bridge does.
    const importing = Object.keys(given).length === 0;
    const inputs = importing
      ? Object.fromEntries(Object.entries(state).filter(([k]) => (INPUT_NAMES[type] ?? []).includes(k)))
      : undefined;
    return { id, props: definedOnly(state), ...(inputs ? { inputs: definedOnly(inputs) } : {}) };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
    const timeoutSeconds = currentTimeoutSeconds();
    const outs = await this.withCloud((cloud) =>
      updateResource(cloud, typeOf(urn), id, olds, news, { timeoutSeconds }),
    );
    return { outs: definedOnly(outs) };
  }

  delete(id: string, urn: string, props: Props): Promise<void> {
    const timeoutSeconds = currentTimeoutSeconds();
    return this.withCloud((cloud) => deleteResource(cloud, typeOf(urn), id, props, { timeoutSeconds }));
  }

  async invoke(token: string, inputs: Props): Promise<provider.InvokeResult> {
    return { outputs: definedOnly(await this.withCloud((cloud) => answerInvoke(cloud, token, inputs))) };
  }
}

/**
 * Outputs without `undefined` (an output the provider does not report, such as the retention of
 * a snapshot kept until deleted): the protocol's Struct has no way to carry it.
 */
export function definedOnly(props: Props): Props {
  return JSON.parse(JSON.stringify(props)) as Props;
}

/** The resource type in a URN: `urn:pulumi:stack::project::parent$type::name`. */
function typeOf(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

function notServedResource(type: string): string {
  return `The simulated alicloud provider does not serve the resource ${type}; it serves ${SERVED_RESOURCES.join(", ")}.`;
}

/** The plugin's entry point: the engine starts it with its own address as the argument. */
export function main(args: string[]): Promise<void> {
  const stateFile = process.env.ESSD_SIM_STATE;
  if (!stateFile) {
    process.stderr.write(
      "pulumi-resource-alicloud (simulated) needs ESSD_SIM_STATE, the simulated cloud's state file; run it through scripts/pulumi-sim.\n",
    );
    process.exit(1);
  }
  keepRequestTimeouts();
  return provider.main(
    new SimulatedProvider({ stateFile, accountFile: process.env.ESSD_SIM_ACCOUNT, now: process.env.ESSD_SIM_NOW }),
    args,
  );
}
