/**
 * The offline preview's output, laid out like `pulumi preview`: the resource tree with each
 * resource's key inputs, the diagnostics grouped by resource, the stack outputs and a totals
 * line. `toJson` gives the same for CI.
 */
import Table from "cli-table3";
import { createColors } from "picocolors";

import { FAILED, PENDING, UNKNOWN } from "../testing/harness/outputs";
import type { PlannedResource, PreviewDiagnostic, PreviewResult } from "./run";

/** The inputs worth reading in a plan, per resource type; other types show every scalar input. */
const KEY_INPUTS: Record<string, string[]> = {
  "alicloud:ecs/ecsSnapshot:EcsSnapshot": ["diskId", "snapshotName", "category", "retentionDays", "tags"],
  "alicloud:ecs/ecsDisk:EcsDisk": [
    "snapshotId",
    "category",
    "performanceLevel",
    "size",
    "zoneId",
    "encrypted",
    "kmsKeyId",
    "tags",
  ],
  "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment": ["diskId", "instanceId"],
  "alicloud:ecs/image:Image": ["imageName", "diskDeviceMappings", "architecture", "platform", "tags"],
};

/** A value on one line: `{app: mysql, env: dev}`, unknowns as `output<unknown>`. */
function inline(value: unknown): string {
  if (value === UNKNOWN) return "output<unknown>";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.length === 1 ? inline(value[0]) : `[${value.map(inline).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${inline(v)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value) ?? String(value);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** The lines of a resource's key inputs, each at most `width` characters. */
function keyInputs(resource: PlannedResource, width = 60): string[] {
  const keys =
    KEY_INPUTS[resource.type] ??
    Object.keys(resource.inputs).filter((k) => typeof resource.inputs[k] !== "object" || resource.inputs[k] === null);
  return keys
    .filter((k) => resource.inputs[k] !== undefined)
    .map((k) => truncate(`${k}: ${inline(resource.inputs[k])}`, width));
}

/** Tree prefixes (`├─ `, `│  └─ `) for resources listed parents first. */
function treePrefixes(resources: PlannedResource[]): string[] {
  const children = new Map<string, PlannedResource[]>();
  const keyOf = (type: string | null, name: string | null) => `${type}::${name}`;
  for (const r of resources) {
    if (r.parent === null) continue;
    const key = keyOf(r.parentType, r.parent);
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const prefixes = new Map<PlannedResource, string>();
  const walk = (r: PlannedResource, indent: string, last: boolean, root: boolean) => {
    prefixes.set(r, root ? "" : `${indent}${last ? "└─ " : "├─ "}`);
    const kids = children.get(keyOf(r.type, r.name)) ?? [];
    const next = root ? "" : `${indent}${last ? "   " : "│  "}`;
    kids.forEach((kid, i) => walk(kid, next, i === kids.length - 1, false));
  };
  resources.filter((r) => r.parent === null).forEach((r) => walk(r, "", true, true));
  return resources.map((r) => prefixes.get(r) ?? "");
}

/** Resources in tree order: each parent followed by its children. */
function treeOrder(resources: PlannedResource[]): PlannedResource[] {
  const ordered: PlannedResource[] = [];
  const visit = (r: PlannedResource) => {
    ordered.push(r);
    resources.filter((c) => c.parent === r.name && c.parentType === r.type).forEach(visit);
  };
  resources.filter((r) => r.parent === null).forEach(visit);
  return ordered;
}

const NO_BORDERS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export interface RenderOptions {
  color?: boolean;
  /** The terminal's width: key inputs are cut to fit. Default: 160. */
  width?: number;
}

/** The text `npm start` prints. */
export function renderText(result: PreviewResult, options: RenderOptions = {}): string {
  const c = createColors(options.color ?? false);
  const width = options.width ?? 160;
  const acct = result.account;
  const out: string[] = [
    c.bold(`Previewing stack ${result.project}/${result.stack}`) +
      c.dim(" (offline: simulated account, no changes made)"),
    c.yellow(result.notice),
    c.dim(`  program ${result.program}`),
    c.dim(`  config  ${result.configFile}`),
    c.dim(
      `  account ${result.accountFile}${acct ? ` (region ${acct.regionId}: ${plural(acct.disks, "disk")}, ${plural(acct.instances, "instance")})` : ""}`,
    ),
    "",
  ];

  if (result.resources.length > 0) out.push(resourceTable(result, c, width), "");
  if (result.diagnostics.length > 0) out.push(...diagnostics(result.diagnostics, c));
  if (Object.keys(result.outputs).length > 0) {
    out.push(c.bold("Outputs:"), ...outputLines(result.outputs, "    "), "");
  }

  const t = result.totals;
  out.push(
    c.bold("Resources:"),
    `    ${c.green(`+ ${t.toCreate} to create`)}${t.blocked ? c.red(`, ✗ ${t.blocked} blocked by errors`) : ""}`,
    "",
  );
  const totals = [
    plural(t.resources, "resource"),
    t.errors ? c.red(plural(t.errors, "error")) : plural(t.errors, "error"),
    t.warnings ? c.yellow(plural(t.warnings, "warning")) : plural(t.warnings, "warning"),
    t.lookups === 0
      ? "0 lookups"
      : `${plural(t.lookups, "lookup")} (${t.api.getEcsDisks} getEcsDisks → ${plural(t.api.describeDisks, "DescribeDisks request")}, ${t.api.getInstances} getInstances → ${plural(t.api.describeInstances, "DescribeInstances request")}, ${t.api.getEcsSnapshots} getEcsSnapshots → ${plural(t.api.describeSnapshots, "DescribeSnapshots request")})`,
  ];
  out.push(`${c.bold("Totals:")} ${totals.join(", ")}  ${c.dim(`[${(result.durationMs / 1000).toFixed(1)}s]`)}`);
  return `${out.join("\n")}\n`;
}

type Colors = ReturnType<typeof createColors>;

/** The resource tree: plan, type, name, key inputs, and how many diagnostics each resource has. */
function resourceTable(result: PreviewResult, c: Colors, width: number): string {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const d of result.diagnostics) {
    const key = `${d.resource.type}::${d.resource.name}`;
    const n = counts.get(key) ?? { errors: 0, warnings: 0 };
    if (d.severity === "error") n.errors++;
    else if (d.severity === "warning") n.warnings++;
    counts.set(key, n);
  }
  const ordered = treeOrder(result.resources);
  const prefixes = treePrefixes(ordered);
  const types = ordered.map((r, i) => `${prefixes[i]}${r.type}`);
  const plans = ordered.map((r) => {
    const n = counts.get(`${r.type}::${r.name}`);
    const notes = [
      n?.errors ? c.red(plural(n.errors, "error")) : "",
      n?.warnings ? c.yellow(plural(n.warnings, "warning")) : "",
    ].filter(Boolean);
    const plan = r.plan === "blocked" ? c.red("blocked") : c.green("create");
    return [plan, ...notes].join("\n");
  });
  // Key inputs get what the other columns leave of the terminal's width.
  const longest = (xs: string[]) => Math.max(...xs.map((x) => x.length));
  const used = 1 + longest(types) + longest(ordered.map((r) => r.name)) + "blocked".length + 4 * 2;
  const inputWidth = Math.max(24, width - used - 2);

  const table = new Table({
    head: ["", "Type", "Name", "Plan", "Key inputs"].map((h) => c.bold(h)),
    chars: NO_BORDERS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  ordered.forEach((r, i) => {
    const blocked = r.plan === "blocked";
    table.push([
      blocked ? c.red("✗") : c.green("+"),
      `${c.dim(prefixes[i])}${r.type}`,
      r.name,
      plans[i],
      keyInputs(r, inputWidth).join("\n"),
    ]);
  });
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}

/** Diagnostics grouped by resource, as `pulumi preview` lists them. */
function diagnostics(list: PreviewDiagnostic[], c: Colors): string[] {
  const out = [c.bold("Diagnostics:")];
  const groups = new Map<string, PreviewDiagnostic[]>();
  for (const d of list) {
    const key = `${d.resource.type} (${d.resource.name})`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [resource, items] of groups) {
    out.push(`  ${resource}:`);
    for (const d of items) {
      const label =
        d.severity === "error" ? c.red("error:") : d.severity === "warning" ? c.yellow("warning:") : "info:";
      const [first, ...rest] = d.message.split("\n");
      out.push(`    ${label} ${first}`, ...rest.map((line) => `      ${line}`));
      if (d.at) out.push(`      at ${d.at}${d.stack ? "" : " (--verbose for the stack)"}`);
      if (d.stack) out.push(...d.stack.split("\n").map((line) => `      ${line.trim()}`));
    }
    out.push("");
  }
  return out;
}

/** Stack outputs, keys aligned; a summary shows as its sentence (`--json` has every field). */
function outputLines(value: Record<string, unknown>, indent: string): string[] {
  const keys = Object.keys(value);
  const pad = Math.max(...keys.map((k) => k.length));
  return keys.flatMap((key) => {
    const v = value[key];
    const label = `${indent}${key.padEnd(pad)}:`;
    if (
      typeof v === "object" &&
      v !== null &&
      !Array.isArray(v) &&
      typeof (v as { text?: unknown }).text !== "string"
    ) {
      const nested = v as Record<string, unknown>;
      return Object.keys(nested).length === 0 ? [`${label} {}`] : [label, ...outputLines(nested, `${indent}    `)];
    }
    return [`${label} ${scalar(v)}`];
  });
}

function scalar(value: unknown): string {
  if (value === UNKNOWN) return "output<unknown> (known after create)";
  if (value === PENDING || value === FAILED) return value;
  if (typeof value === "object" && value !== null && typeof (value as { text?: unknown }).text === "string") {
    return (value as { text: string }).text;
  }
  return inline(value);
}

/** The JSON `npm start -- --json` prints. */
export function toJson(result: PreviewResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
