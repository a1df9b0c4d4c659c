/**
 * The component's overhead as `pulumi preview` measures it: the wall time of the real CLI
 * (scripts/pulumi-sim: engine, language host, program, stand-in provider) previewing N
 * EssdLocalSnapshot components, N trivial wrapper components and N raw `ecs.EcsSnapshot`, rotated,
 * median of each, the machine's load beside each round.
 * Everything a user waits for in a real preview is in it, but the cloud's own latency: the
 * stand-in answers getEcsDisks at once.
 */
import { performance } from "node:perf_hooks";
import * as os from "node:os";
import * as path from "node:path";

import { ROOT, SimProject } from "../engine/project";
import { fixed, median, ratio, spread, type Section } from "./report";

export interface EnginePlan {
  n: number;
  runs: number;
}

/** The programs' projects of one engine section, made once and kept for the steady state. */
type Projects = Record<EngineKind, SimProject>;

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

type EngineKind = "component" | "wrapper" | "raw";

const LABELS: Record<EngineKind, string> = {
  component: "EssdLocalSnapshot (ours)",
  wrapper: "trivial wrapper component",
  raw: "raw ecs.EcsSnapshot",
};

function program(kind: EngineKind, n: number): string {
  return `
import { ${kind}Program } from ${JSON.stringify(path.join(ROOT, "bench", "programs"))};
const diskIds = Array.from({ length: ${n} }, (_, i) => "d-fleet" + String(i + 1).padStart(7, "0"));
export const snapshots = ${kind}Program(diskIds).length;
`;
}

/** The machine's load averages (1, 5, 15 min) as /proc/loadavg reports them. */
function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

/** A target the engine section checks: ours within 10% of the trivial wrapper. */
export interface EngineTarget {
  target: string;
  measured: string;
  pass: boolean | undefined;
}

/** The most EssdLocalSnapshot may cost over the trivial wrapper through the engine. */
export const ENGINE_TARGET_RATIO = 1.1;

/**
 * One section: median wall time of `pulumi preview` per program (ours, the trivial wrapper, raw),
 * rotated each round so that none always runs first, the load beside each round, and the target.
 */
export function engineOverhead(plan: EnginePlan, log: (line: string) => void, targets: EngineTarget[] = []): Section {
  const kinds: EngineKind[] = ["component", "wrapper", "raw"];
  const projects = projectsFor("", kinds, plan.n);
  warmUp(projects, kinds, plan.n, log);
  const { times, rounds } = previewRounds(projects, kinds, plan, log, "");
  const med = (kind: EngineKind) => median(times[kind]);
  const raw = med("raw");
  const wrapper = med("wrapper");
  const ours = med("component");
  const paired = pairedRatios(times);
  const toWrapper = median(paired);
  targets.push({
    target: `Engine, N=${plan.n}: EssdLocalSnapshot ≤ ${ENGINE_TARGET_RATIO}× the trivial wrapper (pulumi preview, ${plan.runs} round${plan.runs === 1 ? "" : "s"}, median of each round's ours/wrapper)`,
    measured: `${ratio(toWrapper)} (rounds ${paired.map(ratio).join(", ")}); medians ${fixed(ours / 1000, 1)} s vs ${fixed(wrapper / 1000, 1)} s: ${ratio(ours / wrapper)} (raw ${fixed(raw / 1000, 1)} s)`,
    pass: Number.isFinite(toWrapper) ? toWrapper <= ENGINE_TARGET_RATIO : undefined,
  });
  return {
    title: `Overhead through the real engine: pulumi preview, N = ${plan.n}`,
    head: ["program", "runs", "median wall time (s)", "spread (s)", "ratio to raw", "ratio to wrapper"],
    numeric: [1, 2, 3, 4, 5],
    rows: rowsOf(kinds, times),
    notes: [
      "Wall time of `scripts/pulumi-sim preview` (the Pulumi CLI v3.248.0 built from Go modules, its engine, the Node language host, the program as Pulumi.yaml runs it, the stand-in alicloud provider) of a stack with nothing deployed yet, the three programs rotated each round, median per program.",
      "Each program is previewed once before the rounds, uncounted: the first run of a program in a fresh project transpiles the TypeScript into register.js's cache and reads node_modules from disk, which only the first program of round 1 would otherwise pay.",
      "The trivial wrapper is bench/programs.ts's SnapshotWrapper: one component around the same raw snapshot, no lookup and no check. Ours over the wrapper is what is ours; the wrapper over raw is what any component costs through the engine.",
      "The target reads each round's own ours/wrapper (the two run back to back, under about the same load), median of the rounds: the machine's speed drifts between rounds by more than the 10% the target allows (raw alone has moved by 35% within one run), and a ratio of the programs' medians, each taken from whichever round it fell in, carries that drift; the ratio of the medians is printed beside it.",
      "It includes the engine's start-up and every registration's round trip through gRPC; the stand-in answers invokes at once, where the real provider pages through the region.",
      `Load averages (1, 5, 15 min, /proc/loadavg) per round: ${rounds.join("; ")}.`,
    ],
  };
}

/**
 * The same comparison once the stack is deployed (`npm run bench -- --only engine-steady`, and
 * `--full`): ours and the wrapper are each brought up, then previewed again, rotated. What a CI
 * preview of an unchanged stack costs: ours then also lists the N snapshots it finds, and its
 * adoption's stack transform (components/snapshot/adopt.ts adoptSnapshot), registered once one is
 * found, hands the engine each one's ID to import, which it ignores for a resource its state
 * holds. Informational: no target.
 */
export function engineSteadyState(plan: EnginePlan, log: (line: string) => void): Section {
  const kinds: EngineKind[] = ["component", "wrapper"];
  const projects = projectsFor("steady-", kinds, plan.n);
  const ups: string[] = [];
  for (const kind of kinds) {
    const ms = timed(projects, kind, "up");
    ups.push(`${kind} ${fixed(ms / 1000, 0)} s`);
    log(`[engine-steady] N=${plan.n} ${kind} up: ${fixed(ms / 1000, 1)} s (load ${load()})`);
  }
  warmUp(projects, kinds, plan.n, log);
  const { times, rounds } = previewRounds(projects, kinds, plan, log, "-steady");
  return {
    title: `Through the real engine, a deployed stack: pulumi preview, N = ${plan.n}`,
    head: ["program", "runs", "median wall time (s)", "spread (s)", "ratio to wrapper"],
    numeric: [1, 2, 3, 4],
    rows: rowsOf(kinds, times).map((row) => [...row.slice(0, 4), row[5]]),
    notes: [
      `Each stack was brought up first (\`pulumi-sim up\`, ${ups.join(", ")}), then previewed with nothing changed, as a CI preview of an unchanged stack is; one uncounted preview each, then the rounds, rotated.`,
      "Ours lists the N snapshots it now finds (identity and quota), and its adoption's stack transform (components/snapshot/adopt.ts adoptSnapshot), registered once a snapshot is found, is called back for every resource registered after it and answers each snapshot's with the ID found, which the engine ignores since its state holds that resource: the price of never making a snapshot twice after a killed up. A stack with nothing deployed (the section above) registers no transform. Informational: the target reads the section above.",
      `Load averages (1, 5, 15 min, /proc/loadavg) per round: ${rounds.join("; ")}.`,
    ],
  };
}

/** The projects of the programs `kinds`, named `<prefix><kind>-<n>`, over a fleet account of N disks. */
function projectsFor(prefix: string, kinds: readonly EngineKind[], n: number): Projects {
  const stackConfig = "config:\n  alicloud:region: cn-hangzhou\n";
  const account = fleetAccount(n);
  return Object.fromEntries(
    kinds.map((kind) => [
      kind,
      SimProject.create(`${prefix}${kind}-${n}`, { account, stackConfig, program: program(kind, n) }, "bench"),
    ]),
  ) as Projects;
}

/** Milliseconds `pulumi <command>` of the `kind` program took; throws with its output when it fails. */
function timed(projects: Projects, kind: EngineKind, command: "preview" | "up"): number {
  const started = performance.now();
  const run = command === "up" ? projects[kind].up() : projects[kind].preview();
  const ms = performance.now() - started;
  if (run.code !== 0) throw new Error(`pulumi ${command} of the ${kind} program failed:\n${run.output.slice(-4000)}`);
  return ms;
}

/** One uncounted preview of each program (see the section's notes). */
function warmUp(projects: Projects, kinds: readonly EngineKind[], n: number, log: (line: string) => void): void {
  for (const kind of kinds)
    log(`[engine] N=${n} ${kind} warm-up (uncounted): ${fixed(timed(projects, kind, "preview") / 1000, 1)} s`);
}

/** The rounds of previews, each program once a round, rotated so that none always runs first. */
function previewRounds(
  projects: Projects,
  kinds: readonly EngineKind[],
  plan: EnginePlan,
  log: (line: string) => void,
  tag: string,
): { times: Record<EngineKind, number[]>; rounds: string[] } {
  const times: Record<EngineKind, number[]> = { component: [], wrapper: [], raw: [] };
  const rounds: string[] = [];
  for (let round = 0; round < plan.runs; round++) {
    const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]);
    const before = load();
    const cells: string[] = [];
    for (const kind of order) {
      const ms = timed(projects, kind, "preview");
      times[kind].push(ms);
      cells.push(`${kind} ${fixed(ms / 1000, 1)} s`);
      log(`[engine${tag}] N=${plan.n} ${kind} round ${round + 1}: ${fixed(ms / 1000, 1)} s (load ${load()})`);
    }
    const paired = times.component[round] / times.wrapper[round];
    rounds.push(
      `round ${round + 1} (load before ${before}, after ${load()}): ${cells.join(", ")}; ours/wrapper ${ratio(paired)}`,
    );
  }
  return { times, rounds };
}

/** Each round's ours/wrapper, in the order of the rounds. */
function pairedRatios(times: Readonly<Record<EngineKind, readonly number[]>>): number[] {
  return times.component.map((ours, round) => ours / times.wrapper[round]);
}

/** A table row per program: runs, median, spread, ratio to raw (when measured) and to the wrapper. */
function rowsOf(kinds: readonly EngineKind[], times: Record<EngineKind, number[]>): string[][] {
  const med = (kind: EngineKind) => median(times[kind]);
  return kinds.map((kind) => [
    LABELS[kind],
    String(times[kind].length),
    fixed(med(kind) / 1000, 1),
    spread(
      times[kind].map((t) => t / 1000),
      1,
    ),
    times.raw.length > 0 ? ratio(med(kind) / med("raw")) : "",
    ratio(med(kind) / med("wrapper")),
  ]);
}
