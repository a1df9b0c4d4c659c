/**
 * The component's overhead as `pulumi preview` measures it: the wall time of the real CLI
 * (scripts/pulumi-sim: engine, language host, program, stand-in provider) previewing N
 * EssdLocalSnapshot components against N raw `ecs.EcsSnapshot`, alternated, median of each.
 * Everything a user waits for in a real preview is in it, but the cloud's own latency: the
 * stand-in answers getEcsDisks at once.
 */
import { performance } from "node:perf_hooks";
import * as path from "node:path";

import { ROOT, SimProject } from "../engine/project";
import { fixed, median, ratio, type Section } from "./report";

export interface EnginePlan {
  n: number;
  runs: number;
}

/** A fleet account: N ESSD disks over N/10 running instances, the IDs bench/programs.ts uses. */
export function fleetAccount(n: number): string {
  const instances = Math.max(1, Math.ceil(n / 10));
  const id = (prefix: string, i: number, width: number) => `${prefix}${String(i + 1).padStart(width, "0")}`;
  return [
    "regionId: cn-hangzhou",
    "zoneId: cn-hangzhou-i",
    "instances:",
    ...Array.from({ length: instances }, (_, i) => `  - { id: ${id("i-fleet", i, 6)} }`),
    "disks:",
    ...Array.from(
      { length: n },
      (_, i) => `  - { id: ${id("d-fleet", i, 7)}, instanceId: ${id("i-fleet", i % instances, 6)} }`,
    ),
    "",
  ].join("\n");
}

function program(kind: "component" | "raw", n: number): string {
  return `
import { ${kind}Program } from ${JSON.stringify(path.join(ROOT, "bench", "programs"))};
const diskIds = Array.from({ length: ${n} }, (_, i) => "d-fleet" + String(i + 1).padStart(7, "0"));
export const snapshots = ${kind}Program(diskIds).length;
`;
}

/** One section: median wall time of `pulumi preview` per program, and their ratio. */
export function engineOverhead(plan: EnginePlan, log: (line: string) => void): Section {
  const stackConfig = "config:\n  alicloud:region: cn-hangzhou\n";
  const account = fleetAccount(plan.n);
  const projects = {
    component: SimProject.create(
      `component-${plan.n}`,
      { account, stackConfig, program: program("component", plan.n) },
      "bench",
    ),
    raw: SimProject.create(`raw-${plan.n}`, { account, stackConfig, program: program("raw", plan.n) }, "bench"),
  };
  const times: Record<"component" | "raw", number[]> = { component: [], raw: [] };
  for (let round = 0; round < plan.runs; round++) {
    const order: ("component" | "raw")[] = round % 2 === 0 ? ["component", "raw"] : ["raw", "component"];
    for (const kind of order) {
      const started = performance.now();
      const run = projects[kind].preview();
      const ms = performance.now() - started;
      if (run.code !== 0) throw new Error(`pulumi preview of the ${kind} program failed:\n${run.output.slice(-4000)}`);
      times[kind].push(ms);
      log(`[engine] N=${plan.n} ${kind} round ${round + 1}: ${fixed(ms / 1000, 1)} s`);
    }
  }
  const component = median(times.component);
  const raw = median(times.raw);
  return {
    title: `Overhead through the real engine: pulumi preview, N = ${plan.n}`,
    head: ["program", "runs", "median wall time (s)", "ratio to raw"],
    numeric: [1, 2, 3],
    rows: [
      ["EssdLocalSnapshot", String(times.component.length), fixed(component / 1000, 1), ratio(component / raw)],
      ["raw ecs.EcsSnapshot", String(times.raw.length), fixed(raw / 1000, 1), ratio(1)],
    ],
    notes: [
      "Wall time of `scripts/pulumi-sim preview` (the Pulumi CLI v3.248.0 built from Go modules, its engine, the Node language host, the program as Pulumi.yaml runs it, the stand-in alicloud provider), alternated, median per program.",
      "It includes the engine's start-up and every registration's round trip through gRPC, which the mock figures above leave out; the stand-in answers getEcsDisks at once, where the real provider pages through the region (about N/100 DescribeDisks).",
    ],
  };
}
