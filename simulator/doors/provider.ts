/**
 * The provider-plugin door: the stand-in `alicloud` provider plugin, the served resources of
 * simulator/registry.ts behind the provider protocol, hosted with `@pulumi/pulumi/provider`, for
 * the real Pulumi engine. `scripts/pulumi-sim` puts it on the engine's PATH as
 * `pulumi-resource-alicloud` (engine/bin); nothing a user's real `pulumi up` reads ever names it.
 *
 * The cloud lives in a JSON file (simulator/doors/stateFile.ts), read before and written after
 * every operation. The clock is ESSD_SIM_NOW (ISO 8601) or the real one.
 *
 * Diffs leave `changes` unset, so the engine computes the detailed diff from the old and new
 * inputs itself (property paths such as `tags["essd-snapshots:generation"]`, which
 * `replaceOnChanges` matches, as with the bridged provider), and return the inputs that force a
 * replacement (each served resource's `forceNew`).
 */
import * as provider from "@pulumi/pulumi/provider";

import {
  SERVED_RESOURCES,
  answerInvoke,
  checkResource,
  createResource,
  deleteResource,
  readResource,
  replacedBy,
  updateResource,
} from "../registry";
import type { SimulatedCloud } from "../model";
import type { Props } from "../served";
import { withCloudFile, type CloudFileOptions } from "./stateFile";

/** The plugin's version: the @pulumi/alicloud version this project pins, which the SDK asks for. */
export const STAND_IN_VERSION = "3.108.0";

/** How the engine marks a value not known yet in a provider's inputs (sdk/nodejs/runtime/rpc.ts unknownValue). */
const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const isUnknown = (v: unknown): boolean => v === ENGINE_UNKNOWN;

/** The stand-in provider over the cloud in `options.stateFile`. */
export class SimulatedProvider implements provider.Provider {
  readonly version = STAND_IN_VERSION;

  constructor(private readonly options: CloudFileOptions) {}

  /** Runs one operation against the cloud in its file: its result, or its failure, as a promise. */
  private withCloud<T>(op: (cloud: SimulatedCloud) => T): Promise<T> {
    try {
      return Promise.resolve(withCloudFile(this.options, op));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  check(urn: string, _olds: Props, news: Props): Promise<provider.CheckResult> {
    const type = typeOf(urn);
    const failures = checkResource(type, news);
    if (!failures) return Promise.reject(new Error(notServedResource(type)));
    return Promise.resolve({ inputs: news, failures });
  }

  diff(_id: string, urn: string, olds: Props, news: Props): Promise<provider.DiffResult> {
    // `changes` left unset: the engine diffs old and new inputs itself, with property paths.
    return Promise.resolve({ replaces: replacedBy(typeOf(urn), olds, news, isUnknown), deleteBeforeReplace: false });
  }

  async create(urn: string, inputs: Props): Promise<provider.CreateResult> {
    const { id, state } = await this.withCloud((cloud) => createResource(cloud, typeOf(urn), inputs));
    return { id, outs: definedOnly(state) };
  }

  async read(id: string, urn: string, props?: Props): Promise<provider.ReadResult> {
    const state = await this.withCloud((cloud) => readResource(cloud, typeOf(urn), id, props ?? {}));
    // Gone from the cloud: an empty ID, and the engine drops the resource from the state.
    return state === undefined ? { id: "", props: {} } : { id, props: definedOnly(state) };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
    return { outs: definedOnly(await this.withCloud((cloud) => updateResource(cloud, typeOf(urn), id, olds, news))) };
  }

  delete(id: string, urn: string, props: Props): Promise<void> {
    return this.withCloud((cloud) => deleteResource(cloud, typeOf(urn), id, props));
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
  return provider.main(
    new SimulatedProvider({ stateFile, accountFile: process.env.ESSD_SIM_ACCOUNT, now: process.env.ESSD_SIM_NOW }),
    args,
  );
}
