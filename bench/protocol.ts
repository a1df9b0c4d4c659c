/** What bench/run.ts asks of a child process, and what the child answers on its last line. */
import type { ApiCounts } from "../simulator/mocks";

/** The line prefix a child writes its result after (one JSON object). */
export const RESULT_PREFIX = "BENCH_RESULT ";
/** The line prefix the start-up entry writes the first registration's time after. */
export const MARK_PREFIX = "BENCH_MARK ";

/** Invokes and ECS requests of one program run, from the simulator. */
export interface LookupRequest {
  task: "lookups";
  kind: "component" | "naive";
  /** Snapshots (one per disk). */
  n: number;
  /** Instances the disks are spread over. */
  instances: number;
  /** Disks in the simulated region, the program's included. */
  regionDisks: number;
  preview: boolean;
  /** Manual snapshots in the region, others' and ours (bench/accounts.ts); default none. */
  accountSnapshots?: number;
  /**
   * The environment variable ESSD_SNAPSHOT_LOOKUP (components/internal/lookupMode.ts): `auto`
   * with the ECS API's credentials (the default of a real preview), or `region`; default unset
   * (`region` under the mocks these children run under).
   */
  snapshotLookup?: "region" | "auto";
}

export interface LookupResult {
  task: "lookups";
  counts: ApiCounts;
  /** Registered `ecs.EcsSnapshot` resources (a sanity check: one per disk). */
  snapshots: number;
  /** Wall time of the program body until every snapshot ID settled, ms (informative). */
  wallMs: number;
  /** DescribeSnapshots requests that reached the cloud other than through the provider's invokes (the official SDK), pages included. */
  ecsApiDescribeSnapshots?: number;
  /** DescribeDisks and DescribeInstances requests sent through the official SDK (the local ECS API's own count). */
  ecsApiDescribeDisks?: number;
  ecsApiDescribeInstances?: number;
}

/** Wall time and memory of one program under mocks, after every module is loaded. */
export interface OverheadRequest {
  task: "overhead";
  kind: "component" | "raw" | "wrapper" | "gated" | "lookup";
  n: number;
  instances: number;
}

export interface OverheadResult {
  task: "overhead";
  /** `import("@pulumi/pulumi")`, ms. */
  loadPulumiMs: number;
  /** The rest: @pulumi/alicloud/ecs, components/, simulator/ (transpiled by ts-node), ms. */
  loadRestMs: number;
  /** Program body start until every snapshot ID resolved, ms. */
  outputsMs: number;
  /** CPU time (user + system, all threads) over the same span, ms: less disturbed by other processes. */
  cpuMs: number;
  /** Program body start until Pulumi's RPC queue drained too (registerOutputs and the like), ms. */
  drainedMs: number;
  /** Peak resident set size of the whole child process, MiB. */
  maxRssMiB: number;
  /** Resident set size just before the program body (modules loaded, after GC), MiB. */
  rssBeforeMiB: number;
  /** V8 heap used before the body and after it (outputs still referenced), both after a full GC, MiB. */
  heapBeforeMiB: number;
  heapAfterMiB: number;
  /** Registrations the mocks received (components and custom resources). */
  registrations: number;
}

export type ChildRequest = LookupRequest | OverheadRequest;
export type ChildResult = LookupResult | OverheadResult;
