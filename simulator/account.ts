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
 */
import * as pulumi from "@pulumi/pulumi";
import type * as alicloud from "@pulumi/alicloud";

import { GENERATION_TAG } from "../components/rules/inputs";
import { disk as buildDisk } from "./fixtures";

export type SimDisk = alicloud.types.output.ecs.GetEcsDisksDisk;
export type SimInstance = alicloud.types.output.ecs.GetInstancesInstance;

export const TOKENS = {
  getEcsDisks: "alicloud:ecs/getEcsDisks:getEcsDisks",
  getInstances: "alicloud:ecs/getInstances:getInstances",
  snapshot: "alicloud:ecs/ecsSnapshot:EcsSnapshot",
  disk: "alicloud:ecs/ecsDisk:EcsDisk",
  diskAttachment: "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment",
  image: "alicloud:ecs/image:Image",
  provider: "pulumi:providers:alicloud",
} as const;

/** DescribeDisks and DescribeInstances return at most this many items a page. */
export const PAGE_SIZE = 100;
export const MAX_INSTANCE_IDS = 100;
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
}

/** One invoke the program made. */
export interface InvokeRecord {
  token: string;
  inputs: Record<string, unknown>;
  /** The provider reference, `urn::id`, or empty for the default provider. */
  provider: string;
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
}

export class SimulatedAccount {
  readonly regionId: string;
  readonly invokes: InvokeRecord[] = [];
  readonly resources: ResourceRecord[] = [];
  private readonly disks: Map<string, SimDisk>;
  private readonly instances: Map<string, SimInstance>;
  private readonly regionDiskCount: number;

  constructor(spec: AccountSpec) {
    this.regionId = spec.regionId;
    this.disks = new Map(spec.disks.map((d) => [d.id, d]));
    this.instances = new Map(spec.instances.map((i) => [i.id, i]));
    this.regionDiskCount = spec.disks.length + (spec.otherDisksInRegion ?? 0);
  }

  /** DescribeDisks requests for one scan of the region. */
  get pagesPerDiskScan(): number {
    return Math.max(1, Math.ceil(this.regionDiskCount / PAGE_SIZE));
  }

  counts(): ApiCounts {
    const counts: ApiCounts = { getEcsDisks: 0, getInstances: 0, describeDisks: 0, describeInstances: 0 };
    for (const call of this.invokes) {
      if (call.token === TOKENS.getEcsDisks) {
        counts.getEcsDisks += 1;
        counts.describeDisks += this.pagesPerDiskScan;
      } else if (call.token === TOKENS.getInstances) {
        counts.getInstances += 1;
        counts.describeInstances += 1;
        if (call.inputs.enableDetails !== false) counts.describeDisks += this.pagesPerDiskScan;
      }
    }
    return counts;
  }

  /** Answers one invoke as the provider would. */
  call(token: string, inputs: Record<string, unknown>, provider: string): Record<string, unknown> {
    this.invokes.push({ token, inputs, provider });
    if (token === TOKENS.getEcsDisks) {
      if (inputs.pageNumber !== undefined)
        throw new Error("the simulator does not answer getEcsDisks with pageNumber (it disables the ids filter)");
      const ids = inputs.ids as string[] | undefined;
      const disks = ids ? ids.flatMap((id) => this.disks.get(id) ?? []) : [...this.disks.values()];
      return {
        id: this.regionId,
        ids: disks.map((d) => d.id),
        names: disks.map((d) => d.diskName),
        disks,
        totalCount: disks.length,
      };
    }
    if (token === TOKENS.getInstances) {
      const ids = inputs.ids as string[] | undefined;
      if (ids && ids.length > MAX_INSTANCE_IDS) {
        throw apiError(
          `InvalidInstanceIds.ValueNotSupported: DescribeInstances takes at most ${MAX_INSTANCE_IDS} instance IDs; got ${ids.length}`,
        );
      }
      const instances = ids ? ids.flatMap((id) => this.instances.get(id) ?? []) : [...this.instances.values()];
      return {
        id: this.regionId,
        ids: instances.map((i) => i.id),
        names: instances.map((i) => i.name),
        instances,
        totalCount: instances.length,
      };
    }
    throw apiError(`the simulated account has no answer for invoke ${token}`);
  }

  /**
   * Registers a resource. During a preview, resources to create have no ID yet (unknown, as
   * with the engine) and echo their inputs; otherwise they get stable IDs and the outputs
   * ECS would report.
   */
  register(args: pulumi.runtime.MockResourceArgs, preview: boolean): MockResult | Promise<MockResult> {
    const inputs = args.inputs as Record<string, unknown>;
    this.resources.push({ type: args.type, name: args.name, inputs, provider: args.provider ?? "" });
    if (!args.custom) return { id: undefined, state: {} };
    // A new generation is a new snapshot in ECS, with a new ID.
    const generation = (inputs.tags as Record<string, string> | undefined)?.[GENERATION_TAG] ?? "";
    const id = preview ? undefined : stableId(args.type, `${args.name}/${generation}`);
    const state: Record<string, unknown> = { ...inputs };
    if (args.type === TOKENS.snapshot && !preview) {
      Object.assign(state, {
        category: inputs.category ?? "standard",
        status: inputs.waitUntil === "accomplished" ? "accomplished" : "progressing",
        available: true,
        regionId: this.regionId,
      });
    }
    if (args.type === TOKENS.disk && id) this.createDisk(id, inputs);
    if (args.type === TOKENS.diskAttachment && !preview) {
      // Attaching takes a while in ECS: the disk is In_use only once the attachment is done.
      return new Promise((resolve) =>
        setTimeout(() => {
          this.attach(inputs);
          resolve({ id, state });
        }, ATTACH_DELAY_MS),
      );
    }
    return { id, state };
  }

  /** A disk made by the program: Available and never attached, as CreateDisk leaves it. */
  private createDisk(id: string, inputs: Record<string, unknown>): void {
    const created = buildDisk(id, {
      category: typeof inputs.category === "string" ? inputs.category : "cloud_efficiency",
      size: typeof inputs.size === "number" ? inputs.size : 20,
      zoneId: typeof inputs.zoneId === "string" ? inputs.zoneId : "",
      encrypted: inputs.encrypted === true ? "on" : "off",
      regionId: this.regionId,
      status: "Available",
      attachedTime: "",
      instanceId: "",
      snapshotId: typeof inputs.snapshotId === "string" ? inputs.snapshotId : "",
    });
    this.disks.set(id, created);
  }

  /** An attachment puts the disk In_use on the instance. */
  private attach(inputs: Record<string, unknown>): void {
    const target = this.disks.get(String(inputs.diskId));
    if (!target) throw new Error(`InvalidDiskId.NotFound: disk ${String(inputs.diskId)} does not exist`);
    const instanceId = String(inputs.instanceId);
    this.disks.set(target.id, {
      ...target,
      status: "In_use",
      instanceId,
      attachedTime: "2026-01-05T09:00:00Z",
      mountInstances: [{ instanceId, device: "/dev/xvdc", attachedTime: "2026-01-05T09:00:00Z" }],
      mountInstanceNum: 1,
    });
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
    return this.disks.get(id);
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

const ID_PREFIX: Record<string, string> = { [TOKENS.snapshot]: "s-", [TOKENS.disk]: "d-", [TOKENS.image]: "m-" };

/** The same name always gets the same ID, so repeated runs compare equal. */
function stableId(type: string, name: string): string {
  let hash = 2166136261;
  for (const ch of `${type}/${name}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `${ID_PREFIX[type] ?? "id-"}sim${hash.toString(36)}`;
}
