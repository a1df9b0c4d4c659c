/**
 * A reviewer's view of a preview: the parsed JSON of `pulumi preview --json` in, one Markdown
 * table of the ESSD snapshots out (made, rotated, updated, kept, removed, refused), with each
 * one's disk, retention and expiry, what happens to what was restored from it, and its warnings.
 * Pure: no I/O, no Pulumi import.
 *
 * The input's shape is the engine's preview digest (pulumi/pulumi
 * `sdk/go/common/display/json.go`: `PreviewDigest` with `steps`, `diagnostics`,
 * `changeSummary`; each `PreviewStep` with `op`, `urn`, `oldState`/`newState`, which are
 * `apitype.ResourceV3`: `type`, `inputs`, `outputs`, `parent`, `retainOnDelete`;
 * `PreviewDiagnostic` with `urn`, `message` (prefixed `error: `, `warning: `), `severity`),
 * written by `ShowPreviewDigest` in `pkg/backend/display/json.go`. Unchanged resources are
 * left out of the steps unless the preview runs with `--show-sames`; without it, a snapshot kept
 * as it is is read from the stack's previous `summaries` output when the program exports one
 * (this repository's stack program does).
 */

/** The component's type token, and its children's (the provider's). */
export const TYPES = {
  component: "essd-snapshots:index:EssdLocalSnapshot",
  snapshot: "alicloud:ecs/ecsSnapshot:EcsSnapshot",
  disk: "alicloud:ecs/ecsDisk:EcsDisk",
  image: "alicloud:ecs/image:Image",
} as const;

const GENERATION_TAG = "essd-snapshots:generation";
const DAY_MS = 86_400_000;

/** The part of `apitype.ResourceV3` read here. */
export interface ResourceState {
  urn?: string;
  type?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  retainOnDelete?: boolean;
}

export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: ResourceState;
  newState?: ResourceState;
  diffReasons?: string[];
  replaceReasons?: string[];
}

export interface PreviewDiagnostic {
  urn?: string;
  message?: string;
  severity?: string;
}

/** `pulumi preview --json`, as far as it is read here. */
export interface PreviewDigest {
  steps?: PreviewStep[];
  diagnostics?: PreviewDiagnostic[];
  changeSummary?: Record<string, number>;
}

export type Change = "made" | "rotated" | "updated" | "kept" | "removed" | "refused";

export interface Restore {
  kind: "disk" | "image";
  name: string;
  /** What this preview does to it, in a few words. */
  fate: string;
}

export interface ReviewRow {
  snapshot: string;
  change: Change;
  /** The change in a few more words ("generation g1 → g2; …"); empty when the change says it all. */
  detail: string;
  disk: string;
  retentionDays: number | null;
  expiry: string;
  restores: Restore[];
  warnings: string[];
  errors: string[];
}

export interface Review {
  rows: ReviewRow[];
  /** Warnings and errors bound to no snapshot (a config error, the engine's own). */
  other: { severity: string; message: string }[];
  changeSummary: Record<string, number>;
}

/** The last part of a URN: the resource's logical name. */
export function nameOf(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** The resource's own type: the URN's type part after the parents' types (`a$b$c` → `c`). */
function typeOf(step: PreviewStep): string {
  return step.newState?.type ?? step.oldState?.type ?? (step.urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

function parentOf(step: PreviewStep): string | undefined {
  return step.newState?.parent ?? step.oldState?.parent;
}

/** A replacement shows as `replace`, or as `create-replacement` + `delete-replaced` with --show-replacement-steps. */
function normalOp(op: string): string {
  if (op === "create-replacement") return "replace";
  return op;
}

const text = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const tagsOf = (state: ResourceState | undefined) => (state?.inputs?.tags ?? {}) as Record<string, unknown>;

/** The diagnostic's text without the engine's `error: `/`warning: ` prefix and trailing newlines. */
function messageOf(d: PreviewDiagnostic): string {
  return (d.message ?? "").replace(/^(error|warning|info): /, "").trimEnd();
}

function expiryText(days: number | null, createTime: string | undefined): string {
  if (days === null) return "kept until deleted (no retention)";
  const created = createTime ? Date.parse(createTime) : NaN;
  if (Number.isNaN(created)) return `released by ECS ${days} days after it is created`;
  return `released by ECS on ${new Date(created + days * DAY_MS).toISOString().slice(0, 10)} (${days} days after ${createTime?.slice(0, 10)})`;
}

/** What happens to a restored disk or image, by its step. */
function restoreFate(step: PreviewStep, kind: "disk" | "image"): string {
  const keptOld = (step.oldState?.retainOnDelete ?? step.newState?.retainOnDelete) === true;
  const old =
    kind === "disk"
      ? keptOld
        ? "the old disk is detached and kept"
        : "the old disk is detached and deleted"
      : keptOld
        ? "the old image is kept"
        : "the old image is deleted";
  switch (normalOp(step.op)) {
    case "create":
      return "made";
    case "replace":
      return `replaced by a new one from the new snapshot; ${old}`;
    case "update":
      return `updated in place (${(step.diffReasons ?? []).join(", ") || "see the diff"})`;
    case "delete":
      return keptOld ? "removed from the stack, kept in the cloud" : "deleted";
    case "same":
      return "unchanged";
    default:
      return step.op;
  }
}

interface Group {
  component?: PreviewStep;
  snapshot?: PreviewStep;
  restores: PreviewStep[];
}

/** Classifies the steps and diagnostics of one preview, snapshot by snapshot. */
export function classify(digest: PreviewDigest): Review {
  const steps = (digest.steps ?? []).filter((s) => s.op !== "delete-replaced" && s.op !== "read" && s.op !== "refresh");
  const groups = new Map<string, Group>();
  const group = (urn: string) => {
    let g = groups.get(urn);
    if (!g) groups.set(urn, (g = { restores: [] }));
    return g;
  };
  for (const step of steps) {
    const type = typeOf(step);
    if (type === TYPES.component) group(step.urn).component = step;
    else if (type === TYPES.snapshot || type === TYPES.disk || type === TYPES.image) {
      // Only the component's children: a raw EcsSnapshot of the program is not one of ours.
      const parent = parentOf(step);
      if (!parent?.split("::")[2]?.endsWith(TYPES.component)) continue;
      if (type === TYPES.snapshot) group(parent).snapshot = step;
      else group(parent).restores.push(step);
    }
  }

  const diagnostics = digest.diagnostics ?? [];
  const byUrn = (urns: string[], severity: string) =>
    diagnostics.filter((d) => d.severity === severity && d.urn !== undefined && urns.includes(d.urn)).map(messageOf);
  const claimed = new Set<string>();

  const rows: ReviewRow[] = [];
  for (const [urn, g] of groups) {
    const childUrns = [g.snapshot, ...g.restores].flatMap((s) => (s ? [s.urn] : []));
    const urns = [urn, ...childUrns];
    urns.forEach((u) => claimed.add(u));
    const errors = byUrn(urns, "error");
    const warnings = byUrn(urns, "warning");
    const snap = g.snapshot;
    const state = snap?.newState ?? snap?.oldState;
    const inputs = state?.inputs ?? {};
    const retention = num(inputs.retentionDays) ?? null;
    const restores: Restore[] = g.restores.map((r) => ({
      kind: typeOf(r) === TYPES.disk ? "disk" : "image",
      name: text((r.newState ?? r.oldState)?.inputs?.imageName) ?? nameOf(r.urn),
      fate: restoreFate(r, typeOf(r) === TYPES.disk ? "disk" : "image"),
    }));
    const name = nameOf(urn);
    const diskFromError = errors.map((e) => /Disk (d-[A-Za-z0-9]+)/.exec(e)?.[1]).find(Boolean);
    const base = {
      snapshot: name,
      disk: text(inputs.diskId) ?? diskFromError ?? "—",
      retentionDays: retention,
      restores,
      warnings,
      errors,
    };
    const componentOp = g.component ? normalOp(g.component.op) : undefined;
    const snapOp = snap ? normalOp(snap.op) : undefined;
    if (errors.length > 0 || (componentOp === "create" && !snap)) {
      rows.push({
        ...base,
        change: "refused",
        detail: "nothing of it is created",
        expiry: "—",
        restores: restores.map((r) => ({ ...r, fate: "not created" })),
      });
      continue;
    }
    if (componentOp === "delete" || snapOp === "delete") {
      const kept = (snap?.oldState?.retainOnDelete ?? true) === true;
      rows.push({
        ...base,
        change: "removed",
        detail: kept
          ? "gone from the program; kept in the cloud until its retention ends"
          : "gone from the program; deleted (deleteOnDestroy)",
        expiry: expiryText(retention, text(snap?.oldState?.outputs?.createTime)),
      });
      continue;
    }
    if (snapOp === "replace") {
      const before = text(tagsOf(snap?.oldState)[GENERATION_TAG]);
      const after = text(tagsOf(snap?.newState)[GENERATION_TAG]);
      const reasons = snap?.replaceReasons?.length ? ` (${snap.replaceReasons.join(", ")})` : "";
      const kept = snap?.oldState?.retainOnDelete === true;
      rows.push({
        ...base,
        change: "rotated",
        detail: `${before !== after ? `generation ${before ?? "none"} → ${after ?? "none"}` : `replaced${reasons}`}; the old snapshot is ${kept ? "kept until its retention ends" : "deleted"}`,
        expiry: expiryText(retention, undefined),
      });
      continue;
    }
    if (snapOp === "create") {
      rows.push({ ...base, change: "made", detail: "", expiry: expiryText(retention, undefined) });
      continue;
    }
    if (snapOp === "update") {
      const oldRetention = num(snap?.oldState?.inputs?.retentionDays);
      const what = (snap?.diffReasons ?? []).join(", ") || "in place";
      rows.push({
        ...base,
        change: "updated",
        detail:
          oldRetention !== undefined && retention !== null && oldRetention !== retention
            ? `retention ${oldRetention} → ${retention} days`
            : what,
        expiry: expiryText(retention, text(snap?.oldState?.outputs?.createTime)),
      });
      continue;
    }
    rows.push({
      ...base,
      change: "kept",
      detail: "",
      expiry: expiryText(retention, text(state?.outputs?.createTime)),
    });
  }

  // Snapshots left out of the steps (unchanged, no --show-sames): from the stack's last summaries.
  const stack = (digest.steps ?? []).find((s) => typeOf(s) === "pulumi:pulumi:Stack");
  const summaries = (stack?.oldState?.outputs?.summaries ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, summary] of Object.entries(summaries)) {
    if (rows.some((r) => r.snapshot === name) || typeof summary !== "object" || summary === null) continue;
    const deletedOnDelete = (summary.restoresDeletedOnDelete ?? []) as string[];
    const restores: Restore[] = [
      ...((summary.restoredDisks ?? []) as string[]).map((n) => ({
        kind: "disk" as const,
        name: n,
        fate: "unchanged",
      })),
      ...((summary.restoredImages ?? []) as string[]).map((n) => ({
        kind: "image" as const,
        name: n,
        fate: "unchanged",
      })),
    ].map((r) => ({ ...r, fate: deletedOnDelete.includes(r.name) ? "unchanged (deleted when rotated)" : r.fate }));
    rows.push({
      snapshot: name,
      change: "kept",
      detail: "",
      disk: text(summary.disk) ?? "—",
      retentionDays: num(summary.retentionDays) ?? null,
      expiry: text(summary.expiry) ?? "—",
      restores,
      warnings: [],
      errors: [],
    });
  }

  const order: Change[] = ["refused", "rotated", "made", "updated", "removed", "kept"];
  rows.sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change) || a.snapshot.localeCompare(b.snapshot));
  const other = diagnostics
    .filter((d) => (d.severity === "error" || d.severity === "warning") && !(d.urn && claimed.has(d.urn)))
    .map((d) => ({ severity: d.severity as string, message: messageOf(d) }));
  return { rows, other, changeSummary: digest.changeSummary ?? {} };
}

/** A Markdown table cell: no pipes, no line breaks. */
function cell(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n\s*/g, "<br>");
}

/** The Markdown a CI job posts on the pull request. */
export function renderReview(review: Review): string {
  const counts = (["made", "rotated", "updated", "kept", "removed", "refused"] as Change[])
    .map((c) => [c, review.rows.filter((r) => r.change === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${c}`);
  const lines = ["### ESSD snapshots in this preview", ""];
  if (review.rows.length === 0) lines.push("No `EssdLocalSnapshot` in this preview.");
  else {
    lines.push(`${counts.join(", ")}.`, "");
    lines.push("| snapshot | change | disk | retention and expiry | restored from it | warnings and errors |");
    lines.push("| --- | --- | --- | --- | --- | --- |");
    for (const r of review.rows) {
      const restores = r.restores.map((x) => `${x.kind} ${x.name}: ${x.fate}`).join("\n") || "—";
      const notes = [...r.errors.map((e) => `**error:** ${e}`), ...r.warnings.map((w) => `warning: ${w}`)].join("\n");
      const retention = r.retentionDays === null ? "" : `${r.retentionDays} days; `;
      lines.push(
        `| ${[
          `\`${r.snapshot}\``,
          `**${r.change}**${r.detail ? `: ${r.detail}` : ""}`,
          r.disk,
          `${retention}${r.expiry}`,
          restores,
          notes || "—",
        ]
          .map(cell)
          .join(" | ")} |`,
      );
    }
  }
  if (review.other.length > 0) {
    lines.push("", "Not bound to a snapshot:", "");
    for (const d of review.other) lines.push(`- ${d.severity}: ${d.message.replace(/\r?\n\s*/g, " ")}`);
  }
  const summary = Object.entries(review.changeSummary)
    .map(([op, n]) => `${op} ${n}`)
    .join(", ");
  if (summary) lines.push("", `<sub>Engine: ${summary} (every resource, not only snapshots).</sub>`);
  return `${lines.join("\n")}\n`;
}

/** `pulumi preview --json` in, Markdown out. */
export function review(digest: PreviewDigest): string {
  return renderReview(classify(digest));
}
