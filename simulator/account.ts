/**
 * A simulated Alibaba Cloud account: the disks and instances of one region, answering the
 * provider's invokes the way the provider does, and counting the ECS API requests they imply.
 * It serves the tests, the offline preview and the benchmarks through Pulumi's mocks.
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
import type * as alicloud from "@pulumi/alicloud";

import { GENERATION_TAG } from "../components/rules/inputs";
import { SimulatedCloud, type SimSnapshot } from "./cloud";
import { SERVED_RESOURCES, TOKENS, answerInvoke, createResource, pagesPerDiskScan, stableId } from "./resources";

export type SimDisk = alicloud.types.output.ecs.GetEcsDisksDisk;
export type SimInstance = alicloud.types.output.ecs.GetInstancesInstance;

export { TOKENS, PAGE_SIZE, MAX_INSTANCE_IDS, SNAPSHOTS_PAGE_SIZE } from "./resources";
const ATTACH_DELAY_MS = 20;

type MockResult = { id: string | undefined; state: Record<string, unknown> };

export interface AccountSpec {
  regionId: string;
  disks: SimDisk[];
  instances: SimInstance[];
  /**
   * Disks in the region that the program does not touch, counted for DescribeDisks paging
   * only (a region of thousands of disks, without building each one).
   */
  otherDisksInRegion?: number;
  /** Snapshots made outside the program (other tools, earlier deployments), alive or not yet released. */
  snapshots?: SimSnapshot[];
}

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

/** How many invokes were made, and how many ECS API requests they imply. */
export interface ApiCounts {
  getEcsDisks: number;
  getInstances: number;
  describeDisks: number;
  describeInstances: number;
  getEcsSnapshots: number;
  describeSnapshots: number;
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
  /** The model behind this door: ECS's state, rules and refusals (simulator/cloud.ts). */
  readonly cloud: SimulatedCloud;

  constructor(spec: AccountSpec, clock?: () => Date) {
    this.cloud = SimulatedCloud.fromAccount(spec, clock);
  }

  get regionId(): string {
    return this.cloud.regionId;
  }

  /** DescribeDisks requests for one scan of the region. */
  get pagesPerDiskScan(): number {
    return pagesPerDiskScan(this.cloud);
  }

  counts(): ApiCounts {
    const counts: ApiCounts = { ...NO_API_COUNTS };
    for (const call of this.invokes) {
      if (call.token === TOKENS.getEcsDisks) {
        counts.getEcsDisks += 1;
        counts.describeDisks += this.pagesPerDiskScan;
      } else if (call.token === TOKENS.getInstances) {
        counts.getInstances += 1;
        counts.describeInstances += 1;
        if (call.inputs.enableDetails !== false) counts.describeDisks += this.pagesPerDiskScan;
      } else if (call.token === TOKENS.getEcsSnapshots) {
        counts.getEcsSnapshots += 1;
        counts.describeSnapshots += call.pages ?? 0;
      }
    }
    return counts;
  }

  /** Answers one invoke as the provider would. */
  call(token: string, inputs: Record<string, unknown>, provider: string): Record<string, unknown> {
    const record: InvokeRecord = { token, inputs, provider };
    this.invokes.push(record);
    const before = this.cloud.calls.length;
    try {
      return answerInvoke(this.cloud, token, inputs);
    } catch (err) {
      throw apiError(err instanceof Error ? err.message : String(err));
    } finally {
      if (token === TOKENS.getEcsSnapshots)
        record.pages = this.cloud.calls.slice(before).filter((c) => c === "DescribeSnapshots").length;
    }
  }

  /**
   * Registers a resource. During a preview, resources to create have no ID yet (unknown, as
   * with the engine) and echo their inputs; otherwise the simulated cloud creates them, with
   * ECS's refusals, and they get stable IDs and the outputs ECS would report.
   */
  register(args: pulumi.runtime.MockResourceArgs, preview: boolean): MockResult | Promise<MockResult> {
    const inputs = args.inputs as Record<string, unknown>;
    this.resources.push({ type: args.type, name: args.name, inputs, provider: args.provider ?? "" });
    if (!args.custom) return { id: undefined, state: {} };
    if (preview) return { id: undefined, state: { ...inputs } };
    // A new generation is a new snapshot in ECS, with a new ID; the same name, the same ID.
    const generation = (inputs.tags as Record<string, string> | undefined)?.[GENERATION_TAG] ?? "";
    const idFor = () => stableId(args.type, `${args.name}/${generation}`);
    if (args.type === TOKENS.diskAttachment) {
      // Attaching takes a while in ECS: the disk is In_use only once the attachment is done.
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve(createResource(this.cloud, args.type, inputs, idFor));
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        }, ATTACH_DELAY_MS),
      );
    }
    if (SERVED_RESOURCES.includes(args.type)) return createResource(this.cloud, args.type, inputs, idFor);
    return { id: idFor(), state: { ...inputs } };
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
