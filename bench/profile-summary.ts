/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and
 * the project's own functions (components/, bench/) with the most inclusive time. Positions in
 * JavaScript emitted by tsc are mapped back to the TypeScript source through the `.js.map`
 * beside the file, when there is one.
 *
 *   node -r ts-node/register/transpile-only bench/profile-summary.ts /tmp/x.cpuprofile [top]
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  ms: number;
  share: number;
}

export interface Summary {
  totalMs: number;
  self: Row[];
  ownInclusive: Row[];
  /** Inclusive time of what the frames matching `focus` call, by callee (and their own self time). */
  callees: Row[];
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A source map v3 segment: [generated column, source index, source line] (source columns and names are not needed). */
type Segment = [number, number, number];

interface LoadedMap {
  sources: string[];
  lines: Segment[][];
}

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let sourceLine = 0;
  for (const lineText of mappings.split(";")) {
    const segments: Segment[] = [];
    let column = 0;
    for (const text of lineText.split(",")) {
      if (!text) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of text) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1];
        sourceLine += fields[2];
        segments.push([column, source, sourceLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

const maps = new Map<string, LoadedMap | null>();

function sourceMapOf(file: string): LoadedMap | null {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    let loaded: LoadedMap | null = null;
    if (file.endsWith(".js") && existsSync(mapFile)) {
      const raw = JSON.parse(readFileSync(mapFile, "utf8")) as { sources: string[]; mappings: string };
      loaded = {
        sources: raw.sources.map((s) => path.resolve(path.dirname(file), s)),
        lines: decodeMappings(raw.mappings),
      };
    }
    maps.set(file, loaded);
  }
  return maps.get(file) ?? null;
}

/** The original file and 1-based line of a 0-based generated position, when a source map says. */
function original(file: string, line: number, column: number): { file: string; line: number } | undefined {
  const map = sourceMapOf(file);
  const segments = map?.lines[line];
  if (!map || !segments || segments.length === 0) return undefined;
  let best = segments[0];
  for (const s of segments) if (s[0] <= column) best = s;
  return { file: map.sources[best[1]], line: best[2] + 1 };
}

/** Where project files are shown from: the repository root, or a tsc output folder mirroring it. */
function shortPath(file: string, roots: readonly string[]): string {
  for (const root of roots) if (file.startsWith(`${root}/`)) return file.slice(root.length + 1);
  return file.replace(/^.*\/node_modules\//, "~/");
}

function labeller(roots: readonly string[]): (frame: CallFrame) => string {
  return (frame) => {
    const name = frame.functionName || "(anonymous)";
    if (!frame.url) return `${name} (native)`;
    const file = frame.url.replace(/^file:\/\//, "");
    const mapped = file.includes("/node_modules/") ? undefined : original(file, frame.lineNumber, frame.columnNumber);
    if (mapped) return `${name} ${shortPath(mapped.file, roots)}:${mapped.line}`;
    return `${name} ${shortPath(file, roots)}:${frame.lineNumber + 1}`;
  };
}

function top(map: Map<string, number>, total: number, count: number): Row[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
}

/**
 * Self time per function, inclusive time per project function (components/, bench/), and the
 * inclusive time of the callees of the frames whose label matches `focus` (by default the
 * EssdLocalSnapshot constructor).
 */
export function summarize(
  profile: CpuProfile,
  count = 25,
  roots: readonly string[] = [process.cwd()],
  focus: RegExp = /^EssdLocalSnapshot components\//,
): Summary {
  const label = labeller(roots);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    // Each distinct project frame on the sampled stack gets the sample once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (!frame || frame.url.includes("/node_modules/") || !/\/(components|bench)\//.test(frame.url)) continue;
      const k = label(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  // Inclusive time of every node (its subtree), then the callees of the focused frames.
  const subtree = new Map<number, number>();
  const inclusiveOf = (id: number): number => {
    const known = subtree.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const sum = (selfUs.get(id) ?? 0) + (node?.children ?? []).reduce((a, c) => a + inclusiveOf(c), 0);
    subtree.set(id, sum);
    return sum;
  };
  const callees = new Map<string, number>();
  for (const node of profile.nodes) {
    const key = label(node.callFrame);
    if (!focus.test(key)) continue;
    callees.set(`(self) ${key}`, (callees.get(`(self) ${key}`) ?? 0) + (selfUs.get(node.id) ?? 0));
    for (const c of node.children ?? []) {
      const child = byId.get(c);
      if (!child) continue;
      const k = label(child.callFrame);
      callees.set(k, (callees.get(k) ?? 0) + inclusiveOf(c));
    }
  }
  return {
    totalMs: total / 1000,
    self: top(self, total, count),
    ownInclusive: top(inclusive, total, count),
    callees: top(callees, total, count),
  };
}

export function formatRows(rows: readonly Row[]): string {
  return rows
    .map((r) => `${r.ms.toFixed(0).padStart(8)} ms ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.name}`)
    .join("\n");
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top] [root…]");
  const count = Number(process.argv[3] ?? 25);
  const roots = process.argv.length > 4 ? process.argv.slice(4) : [process.cwd()];
  const s = summarize(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, count, roots);
  console.log(`${file}: ${s.totalMs.toFixed(0)} ms sampled\n\nTop self time:\n${formatRows(s.self)}`);
  console.log(`\nInclusive time of components/ and bench/ frames:\n${formatRows(s.ownInclusive)}`);
  console.log(`\nWhat the EssdLocalSnapshot constructor calls (inclusive):\n${formatRows(s.callees)}`);
}

if (require.main === module) main();
