/**
 * The mocks door: a simulated Alibaba Cloud account behind Pulumi's mocks
 * (`pulumi.runtime.setMocks`), for the unit tests, the offline preview and the benchmarks. It
 * answers the provider's invokes and creates resources through the served resources of
 * simulator/registry.ts, over the model's cloud, and counts the ECS API requests the invokes imply.
 *
 * Provider behaviours that matter here (pulumi-alicloud 3.108, terraform-provider-alicloud):
 * - getEcsDisks pages through every disk of the region (DescribeDisks, 100 a page) and filters
 *   the IDs client-side: an unknown ID yields an empty list, not an error.
 * - getInstances sends the IDs to DescribeInstances, at most 100 of them; with `enableDetails`
 *   (its default) it also scans every disk of the region.
 * - getEcsSnapshots sends its filters to DescribeSnapshots and pages through what matches (50 a
 *   page); `ids` and `nameRegex` it applies itself.
 */
import * as pulumi from "@pulumi/pulumi";

import { SimulatedCloud, type AccountSpec, type Clock, type SimDisk } from "../model";
import { answerInvoke, checkResource, createResource, invokeFor, resourceFor } from "../registry";
import { fnv, type ApiCounts, type CheckFailure } from "../served";
import { isLibraryResource, registerLibraryResource } from "./library";

export type { AccountSpec, SimDisk, SimInstance } from "../model";
export { MAX_INSTANCE_IDS, PAGE_SIZE } from "../model";
export { SNAPSHOTS_PAGE_SIZE } from "../invokes/getEcsSnapshots";
export { TOKENS } from "../registry";
export type { ApiCounts } from "../served";

/**
 * The component's generation tag (components/rules/inputs.ts GENERATION_TAG), stated here, not
 * imported: the door gives a new generation a new ID, as ECS gives a new snapshot one, and a
 * test pins the two spellings together.
 */
export const GENERATION_TAG = "essd-snapshots:generation";

type MockResult = { id: string | undefined; state: Record<string, unknown> };

/**
 * Mocks are not told `customTimeouts` (@pulumi/pulumi runtime/mocks.js registerResource), so the
 * provider's waits here advance the clock up to 30 days (longer than any upload: 64 TiB at
 * 32 MiB/s is 24 days) instead of the provider's defaults: a timeout shows only through the engine.
 * Finite, so that a wait for a state that never comes (a failed snapshot) ends.
 */
export const MOCKS_TIMEOUT_SECONDS = 30 * 24 * 60 * 60;

/** One invoke the program made. */
export interface InvokeRecord {
  token: string;
  inputs: Record<string, unknown>;
  /** The provider reference, `urn::id`, or empty for the default provider. */
  provider: string;
  /** getEcsSnapshots only: the DescribeSnapshots pages its answer read (they depend on the snapshots alive then). */
  pages?: number;
}

/** One resource the program registered. */
export interface ResourceRecord {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider: string;
}

/** No invokes yet. */
export const NO_API_COUNTS: Readonly<ApiCounts> = {
  getEcsDisks: 0,
  getInstances: 0,
  describeDisks: 0,
  describeInstances: 0,
  getEcsSnapshots: 0,
  describeSnapshots: 0,
};

export class SimulatedAccount {
  readonly invokes: InvokeRecord[] = [];
  readonly resources: ResourceRecord[] = [];
  /** The model behind this door: ECS's state, rules and refusals (simulator/model/cloud.ts). */
  readonly cloud: SimulatedCloud;

  constructor(spec: AccountSpec, clock?: Clock) {
    this.cloud = SimulatedCloud.fromAccount(spec, clock);
  }

  get regionId(): string {
    return this.cloud.regionId;
  }

  /** DescribeDisks requests for one scan of the region. */
  get pagesPerDiskScan(): number {
    return this.cloud.pagesPerDiskScan();
  }

  counts(): ApiCounts {
    const counts: ApiCounts = { ...NO_API_COUNTS };
    for (const record of this.invokes) {
      const requests = invokeFor(record.token)?.requests?.(record, this.pagesPerDiskScan) ?? {};
      for (const [key, n] of Object.entries(requests) as [keyof ApiCounts, number][]) counts[key] += n;
    }
    return counts;
  }

  /**
   * Answers one invoke as the provider would: Pulumi's mocks `call` (not the model's `call`,
   * which notes one ECS request; tests replace both by these names).
   */
  call(token: string, inputs: Record<string, unknown>, provider: string): Record<string, unknown> {
    const record: InvokeRecord = { token, inputs, provider };
    this.invokes.push(record);
    const before = this.cloud.calls.length;
    try {
      return answerInvoke(this.cloud, token, inputs);
    } catch (err) {
      throw apiError(err instanceof Error ? err.message : String(err));
    } finally {
      const paged = invokeFor(token)?.pagedAction;
      if (paged) record.pages = this.cloud.calls.slice(before).filter((c) => c === paged).length;
    }
  }

  /**
   * Registers a resource. During a preview, resources to create have no ID yet (unknown, as
   * with the engine) and echo their inputs; otherwise the simulated cloud creates them, with
   * ECS's refusals, and they get stable IDs and the outputs ECS would report.
   */
  register(args: pulumi.runtime.MockResourceArgs, preview: boolean): MockResult | Promise<MockResult> {
    const given = args.inputs as Record<string, unknown>;
    this.resources.push({ type: args.type, name: args.name, inputs: given, provider: args.provider ?? "" });
    if (!args.custom) return { id: undefined, state: {} };
    if (isLibraryResource(args.type)) return registerLibraryResource(this.cloud, args.type, given, preview);
    // Check, as the engine runs it before anything else: value lists and the schema's defaults.
    // (Mocks get inputs not known yet as undefined, so only known values are checked.)
    const checked = checkResource(args.type, revealed(given) as Record<string, unknown>);
    if (checked && checked.failures.length > 0) throw checkError(args.type, args.name, given, checked.failures);
    const inputs = checked ? { ...checked.inputs, ...given } : given;
    if (preview) return { id: undefined, state: { ...inputs } };
    // A new generation is a new snapshot in ECS, with a new ID; the same name, the same ID.
    const generation = (inputs.tags as Record<string, string> | undefined)?.[GENERATION_TAG] ?? "";
    const idFor = () => stableId(args.type, `${args.name}/${generation}`);
    const resource = resourceFor(args.type);
    if (!resource) return { id: idFor(), state: { ...inputs } };
    if (resource.createDelayMs !== undefined) {
      // ECS finishes it a while after the request: what is read after it sees it done.
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve(createResource(this.cloud, args.type, inputs, { idFor, timeoutSeconds: MOCKS_TIMEOUT_SECONDS }));
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        }, resource.createDelayMs),
      );
    }
    return createResource(this.cloud, args.type, inputs, { idFor, timeoutSeconds: MOCKS_TIMEOUT_SECONDS });
  }

  /** Pulumi mocks backed by this account. */
  mocks(preview: boolean): pulumi.runtime.Mocks {
    return {
      call: (a) => this.call(a.token, a.inputs as Record<string, unknown>, a.provider ?? ""),
      newResource: (a) => this.register(a, preview),
    };
  }

  /** Installs this account as Pulumi's mocks, for a preview or an update. */
  async install(options: { preview: boolean; project?: string; stack?: string }): Promise<void> {
    await pulumi.runtime.setMocks(
      this.mocks(options.preview),
      options.project ?? "essd-snapshots",
      options.stack ?? "dev",
      options.preview,
    );
  }

  /** A disk as the account has it now. */
  diskById(id: string): SimDisk | undefined {
    return this.cloud.disk(id);
  }

  /** The registered resources of one type. */
  registered(type: string): ResourceRecord[] {
    return this.resources.filter((r) => r.type === type);
  }
}

/**
 * An error as the engine hands an invoke's failure to the SDK: a gRPC error, whose `details`
 * the SDK turns into the rejection's message.
 */
export function apiError(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}

/**
 * Check failures as the engine reports them (pulumi/pulumi v3.248.0 step_generator.go
 * issueCheckFailures, diag 2003): one line per property, with its value.
 */
export function checkError(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  failures: CheckFailure[],
): Error {
  const lines = failures.map((f) => {
    const value = inputs[f.property];
    const shown = typeof value === "string" ? value : JSON.stringify(value);
    return `${type} resource '${name}': property ${f.property} value {${shown}} has a problem: ${f.reason}`;
  });
  return apiError(lines.join("\n"));
}

/** The signature of a secret value in deserialized mock inputs (sdk/nodejs/runtime/rpc.ts specialSigKey). */
const SECRET_SIG = ["4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270"] as const;

/** Inputs with secret values replaced by the values themselves: the provider checks what is inside. */
function revealed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revealed);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o[SECRET_SIG[0]] === SECRET_SIG[1]) return revealed(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, revealed(x)]));
  }
  return v;
}

/** The same name always gets the same ID, so repeated mock runs compare equal. */
export function stableId(type: string, name: string): string {
  return `${resourceFor(type)?.idPrefix ?? "id-"}sim${fnv(`${type}/${name}`).toString(36)}`;
}
