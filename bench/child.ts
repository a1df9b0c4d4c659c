/**
 * One measurement in a fresh process: `node --expose-gc -r ts-node/register/transpile-only
 * bench/child.ts '<ChildRequest as JSON>'`. Writes one `BENCH_RESULT {…}` line.
 *
 * Modules are loaded with dynamic imports so that their cost is measured apart from the
 * program body's.
 */
import { performance } from "node:perf_hooks";

import {
  RESULT_PREFIX,
  type ChildRequest,
  type ChildResult,
  type LookupRequest,
  type OverheadRequest,
} from "./protocol";
import type { LookupResult, OverheadResult } from "./protocol";

const MiB = 1024 * 1024;
const PROJECT = "essd-snapshots";
const STACK = "bench";

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run the child with --expose-gc");
  gc();
  gc();
}

/** Lets pending lookup batches flush and registrations reach the mocks. */
async function drainEventLoop(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function lookups(req: LookupRequest): Promise<LookupResult> {
  const pulumi = await import("@pulumi/pulumi");
  const { PROGRAMS, settled } = await import("./programs");
  const { SimulatedAccount, TOKENS, REGION } = await import("../simulator/mocks");

  const { scaleAccount } = await import("./accounts");
  const f = scaleAccount(req.n, req.instances, req.accountSnapshots ?? 0);
  const account = new SimulatedAccount({
    regionId: REGION,
    disks: f.disks,
    instances: f.instances,
    snapshots: f.snapshots,
    otherDisksInRegion: Math.max(0, req.regionDisks - f.disks.length),
  });
  await account.install({ preview: req.preview, project: PROJECT, stack: STACK });
  // The ECS API the default lookup reads through (auto, with credentials): the local one, over
  // the same simulated cloud. `auto` is set, since unset is `region` under Pulumi's mocks.
  if (req.snapshotLookup) process.env.ESSD_SNAPSHOT_LOOKUP = req.snapshotLookup;
  const ecsApi =
    req.snapshotLookup === "auto"
      ? await (await import("../simulator")).startEcsApi({ cloud: account.cloud })
      : undefined;
  if (ecsApi) {
    const { TEST_ACCESS_KEY } = await import("../simulator");
    process.env.ESSD_ECS_ENDPOINT = ecsApi.endpoint;
    process.env.ALICLOUD_ACCESS_KEY = TEST_ACCESS_KEY.accessKeyId;
    process.env.ALICLOUD_SECRET_KEY = TEST_ACCESS_KEY.accessKeySecret;
    pulumi.runtime.setAllConfig({ "alicloud:region": REGION });
  }

  const start = performance.now();
  const ids = PROGRAMS[req.kind](f.disks.map((d) => d.id));
  await Promise.all(ids.map((id) => settled(id)));
  const wallMs = performance.now() - start;
  await pulumi.runtime.disconnect();
  await drainEventLoop();
  await ecsApi?.close();
  const served = (action: string) => ecsApi?.actions.filter((a) => a === action).length ?? 0;
  const counts = account.counts();
  const allDescribeSnapshots = account.cloud.calls.filter((c) => c === "DescribeSnapshots").length;
  return {
    task: "lookups",
    counts,
    ecsApiDescribeSnapshots: allDescribeSnapshots - counts.describeSnapshots,
    ecsApiDescribeDisks: served("DescribeDisks"),
    ecsApiDescribeInstances: served("DescribeInstances"),
    snapshots: account.registered(TOKENS.snapshot).length,
    wallMs,
  };
}

async function overhead(req: OverheadRequest): Promise<OverheadResult> {
  collectGarbage();
  const t0 = performance.now();
  const pulumi = await import("@pulumi/pulumi");
  const t1 = performance.now();
  const { PROGRAMS, settled } = await import("./programs");
  const { SimulatedAccount, fleet, REGION } = await import("../simulator/mocks");
  const t2 = performance.now();

  const f = fleet(req.n, req.instances);
  const account = new SimulatedAccount({ regionId: REGION, ...f });
  await account.install({ preview: false, project: PROJECT, stack: STACK });
  const diskIds = f.disks.map((d) => d.id);

  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;

  // The program body: from here until every snapshot ID has resolved.
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const ids = PROGRAMS[req.kind](diskIds);
  const values = await Promise.all(ids.map((id) => settled(id)));
  const outputsAt = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  await pulumi.runtime.disconnect();
  const drainedAt = performance.now();

  const prefix = req.kind === "lookup" ? "d-" : "s-";
  if (values.some((v) => typeof v !== "string" || !v.startsWith(prefix))) {
    throw new Error(
      `not every ${req.kind === "lookup" ? "disk" : "snapshot"} ID resolved: ${JSON.stringify(values.slice(0, 3))}…`,
    );
  }
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  const result: OverheadResult = {
    task: "overhead",
    loadPulumiMs: t1 - t0,
    loadRestMs: t2 - t1,
    outputsMs: outputsAt - start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    drainedMs: drainedAt - start,
    maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
    rssBeforeMiB: rssBefore / MiB,
    heapBeforeMiB: heapBefore / MiB,
    heapAfterMiB: heapAfter / MiB,
    registrations: account.resources.length,
  };
  // Keep the outputs alive until the heap was measured.
  if (ids.length < 0) console.log(ids);
  return result;
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? "{}") as ChildRequest;
  let result: ChildResult;
  if (req.task === "lookups") result = await lookups(req);
  else if (req.task === "overhead") result = await overhead(req);
  else throw new Error(`unknown request ${process.argv[2]}`);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
