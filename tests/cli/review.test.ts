/**
 * The reviewer's view (cli/review.ts) and the tool's door (cli/main.ts), on hand-made
 * `pulumi preview --json` documents in the engine's shape (pulumi/pulumi
 * sdk/go/common/display/json.go: PreviewDigest, PreviewStep, PreviewDiagnostic). The same
 * table from the real engine's output is checked by tests/engine/review.test.ts.
 */
import { classify, review, TYPES, type PreviewDigest, type PreviewStep } from "../../cli/review";
import { main, type Io } from "../../cli/main";

const STACK = "urn:pulumi:dev::essd-snapshots::pulumi:pulumi:Stack::essd-snapshots-dev";
const component = (name: string) => `urn:pulumi:dev::essd-snapshots::${TYPES.component}::${name}`;
const child = (type: string, name: string) => `urn:pulumi:dev::essd-snapshots::${TYPES.component}$${type}::${name}`;

function componentStep(op: string, name: string): PreviewStep {
  const state = { urn: component(name), type: TYPES.component, parent: STACK, inputs: {}, outputs: {} };
  return { op, urn: component(name), ...(op === "delete" ? { oldState: state } : { newState: state }) };
}

interface SnapshotSpec {
  op: string;
  name: string;
  diskId: string;
  retentionDays?: number;
  generation?: [string | undefined, string | undefined];
  retain?: boolean;
  oldRetention?: number;
  createTime?: string;
}

function snapshotStep(s: SnapshotSpec): PreviewStep {
  const urn = child(TYPES.snapshot, `${s.name}-snapshot`);
  const state = (generation: string | undefined, retentionDays: number | undefined) => ({
    urn,
    type: TYPES.snapshot,
    parent: component(s.name),
    retainOnDelete: s.retain ?? true,
    inputs: {
      diskId: s.diskId,
      retentionDays,
      tags: generation ? { "essd-snapshots:generation": generation } : {},
    },
    outputs: s.createTime ? { createTime: s.createTime } : {},
  });
  const step: PreviewStep = { op: s.op, urn };
  if (s.op !== "create") step.oldState = state(s.generation?.[0], s.oldRetention ?? s.retentionDays);
  if (s.op !== "delete") step.newState = state(s.generation?.[1], s.retentionDays);
  if (s.op === "replace") step.replaceReasons = ['tags["essd-snapshots:generation"]'];
  if (s.op === "update") step.diffReasons = ["retentionDays"];
  return step;
}

function restoreStep(op: string, parent: string, kind: "disk" | "image", name: string, retain = true): PreviewStep {
  const type = kind === "disk" ? TYPES.disk : TYPES.image;
  const urn = child(type, `${parent}-${name}`);
  const state = {
    urn,
    type,
    parent: component(parent),
    retainOnDelete: retain,
    inputs: kind === "image" ? { imageName: `${parent}-${name}-g2` } : {},
  };
  return { op, urn, ...(op !== "create" ? { oldState: state } : {}), ...(op !== "delete" ? { newState: state } : {}) };
}

/** A preview of every kind of change at once. */
const DIGEST: PreviewDigest = {
  steps: [
    {
      op: "same",
      urn: STACK,
      oldState: {
        urn: STACK,
        type: "pulumi:pulumi:Stack",
        outputs: {
          summaries: {
            steady: {
              disk: "d-bp1steady01",
              retentionDays: 30,
              expiry: "released by ECS 30 days after it is created",
              restoredDisks: ["steady-scratch"],
              restoredImages: [],
              restoresDeletedOnDelete: ["steady-scratch"],
            },
            rotating: { disk: "d-bp1rotating01", retentionDays: 7, expiry: "…", restoredDisks: [], restoredImages: [] },
          },
        },
      },
      newState: { urn: STACK, type: "pulumi:pulumi:Stack" },
    },
    componentStep("create", "fresh"),
    snapshotStep({ op: "create", name: "fresh", diskId: "d-bp1fresh01", retentionDays: 5 }),
    restoreStep("create", "fresh", "disk", "copy"),
    snapshotStep({
      op: "replace",
      name: "rotating",
      diskId: "d-bp1rotating01",
      retentionDays: 7,
      generation: ["g1", "g2"],
    }),
    restoreStep("replace", "rotating", "disk", "standby"),
    restoreStep("replace", "rotating", "image", "golden", false),
    componentStep("create", "bad"),
    snapshotStep({ op: "update", name: "longer", diskId: "d-bp1longer01", retentionDays: 14, oldRetention: 7 }),
    componentStep("delete", "gone"),
    snapshotStep({ op: "delete", name: "gone", diskId: "d-bp1gone01", retentionDays: 3 }),
    componentStep("same", "listed"),
    snapshotStep({
      op: "same",
      name: "listed",
      diskId: "d-bp1listed01",
      retentionDays: 10,
      createTime: "2026-12-01T08:00:00Z",
    }),
    // A raw snapshot of the program, not the component's: not a row.
    {
      op: "create",
      urn: "urn:pulumi:dev::essd-snapshots::alicloud:ecs/ecsSnapshot:EcsSnapshot::raw",
      newState: { type: TYPES.snapshot, parent: STACK, inputs: { diskId: "d-raw" } },
    },
  ],
  diagnostics: [
    {
      urn: component("bad"),
      message:
        'error: Disk d-bp1bad01 cannot be snapshotted by "bad":\n  - category is "cloud_efficiency": a fast snapshot needs an ESSD-series disk.\n',
      severity: "error",
    },
    {
      urn: component("rotating"),
      message: "warning: Disk d-bp1rotating01 | is stopping\n",
      severity: "warning",
    },
    {
      urn: component("fresh"),
      message: "No snapshot of disk … is alive, so this update makes one.\n",
      severity: "info",
    },
    { message: "error: The stack's config has 1 problem\n", severity: "error" },
  ],
  changeSummary: { create: 4, replace: 3, update: 1, delete: 2, same: 3 },
};

describe("classify: one row per EssdLocalSnapshot, by what the preview does to it", () => {
  const rows = classify(DIGEST).rows;
  const row = (name: string) => rows.find((r) => r.snapshot === name);

  it("a snapshot to be created is made, with its disk, retention and restores", () => {
    expect(row("fresh")).toMatchObject({
      change: "made",
      disk: "d-bp1fresh01",
      retentionDays: 5,
      expiry: "released by ECS 5 days after it is created",
      restores: [{ kind: "disk", name: "fresh-copy", fate: "made" }],
    });
  });

  it("a replaced snapshot is rotated, naming both generations; each restore says what becomes of the old one", () => {
    expect(row("rotating")).toMatchObject({ change: "rotated", disk: "d-bp1rotating01", retentionDays: 7 });
    expect(row("rotating")?.detail).toContain("generation g1 → g2; the old snapshot is kept until its retention ends");
    expect(row("rotating")?.restores).toEqual([
      {
        kind: "disk",
        name: "rotating-standby",
        fate: "replaced by a new one from the new snapshot; the old disk is detached and kept",
      },
      {
        kind: "image",
        name: "rotating-golden-g2",
        fate: "replaced by a new one from the new snapshot; the old image is deleted",
      },
    ]);
    expect(row("rotating")?.warnings).toEqual(["Disk d-bp1rotating01 | is stopping"]);
  });

  it("a component with an error is refused, its disk read from the error, nothing created", () => {
    expect(row("bad")).toMatchObject({ change: "refused", disk: "d-bp1bad01", detail: "nothing of it is created" });
    expect(row("bad")?.errors[0]).toMatch(/^Disk d-bp1bad01 cannot be snapshotted by "bad":/);
  });

  it("an updated retention, a removed entry, an unchanged one (listed, or from the last summaries)", () => {
    expect(row("longer")).toMatchObject({ change: "updated", detail: "retention 7 → 14 days" });
    expect(row("gone")).toMatchObject({
      change: "removed",
      detail: "gone from the program; kept in the cloud until its retention ends",
    });
    expect(row("listed")).toMatchObject({
      change: "kept",
      expiry: "released by ECS on 2026-12-11 (10 days after 2026-12-01)",
    });
    expect(row("steady")).toMatchObject({
      change: "kept",
      disk: "d-bp1steady01",
      restores: [{ kind: "disk", name: "steady-scratch", fate: "unchanged (deleted when rotated)" }],
    });
  });

  it("lists refused first, then rotated, made, updated, removed, kept; skips raw snapshots; keeps unbound errors", () => {
    expect(rows.map((r) => `${r.change} ${r.snapshot}`)).toEqual([
      "refused bad",
      "rotated rotating",
      "made fresh",
      "updated longer",
      "removed gone",
      "kept listed",
      "kept steady",
    ]);
    expect(classify(DIGEST).other).toEqual([{ severity: "error", message: "The stack's config has 1 problem" }]);
  });

  it("a snapshot deleted with deleteOnDestroy says so", () => {
    const digest: PreviewDigest = {
      steps: [
        componentStep("delete", "x"),
        snapshotStep({ op: "delete", name: "x", diskId: "d-1", retentionDays: 3, retain: false }),
      ],
    };
    expect(classify(digest).rows[0]).toMatchObject({
      change: "removed",
      detail: "gone from the program; deleted (deleteOnDestroy)",
    });
  });
});

describe("review: the Markdown table", () => {
  const markdown = review(DIGEST);

  it("has a header, the counts, and one table row per snapshot", () => {
    expect(markdown).toContain("### ESSD snapshots in this preview");
    expect(markdown).toContain("1 made, 1 rotated, 1 updated, 2 kept, 1 removed, 1 refused.");
    const tableRows = markdown.split("\n").filter((l) => l.startsWith("| `"));
    expect(tableRows).toHaveLength(7);
    expect(tableRows[0]).toMatch(/^\| `bad` \| \*\*refused\*\*: nothing of it is created \| d-bp1bad01 \|/);
    expect(tableRows[1]).toContain("| `rotating` | **rotated**: generation g1 → g2");
  });

  it("keeps each row one line: pipes escaped, line breaks as <br>", () => {
    expect(markdown).toContain("warning: Disk d-bp1rotating01 \\| is stopping");
    expect(markdown).toContain('**error:** Disk d-bp1bad01 cannot be snapshotted by "bad":<br>- category');
    for (const line of markdown.split("\n").filter((l) => l.startsWith("| `")))
      expect(line.split(/(?<!\\)\|/).length).toBe(8);
  });

  it("says so when the preview holds no snapshot", () => {
    expect(review({ steps: [], changeSummary: { same: 1 } })).toContain("No `EssdLocalSnapshot` in this preview.");
  });
});

describe("essd-snapshots (cli/main.ts)", () => {
  function run(argv: string[], stdin = JSON.stringify(DIGEST)) {
    let out = "";
    let err = "";
    const io: Io = { read: () => stdin, out: (t) => void (out += t), err: (t) => void (err += t) };
    return { code: main(argv, io), out, err };
  }

  it("review prints the Markdown; --json prints the rows", () => {
    expect(run(["review"])).toMatchObject({ code: 0, out: review(DIGEST), err: "" });
    const json = run(["review", "--json"]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as { rows: unknown[] }).rows).toHaveLength(7);
  });

  it("an unknown command or option prints the usage, exit 2; with --json as JSON on stdout", () => {
    const plain = run(["preveiw"]);
    expect(plain).toMatchObject({ code: 2, out: "" });
    expect(plain.err).toMatch(/^Unknown command "preveiw"\.\n\nUsage: essd-snapshots <command>/);
    const json = run(["preveiw", "--json"]);
    expect(json.code).toBe(2);
    const printed = JSON.parse(json.out) as { error: { kind: string; message: string }; usage: string };
    expect(printed.error).toEqual({ kind: "usage", message: 'Unknown command "preveiw".' });
    expect(printed.usage).toContain("essd-snapshots review");
    expect(run(["review", "--frob", "--json"])).toMatchObject({ code: 2 });
    expect(run([])).toMatchObject({ code: 2 });
    const help = run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("Commands:");
  });

  it("input that is not a preview's JSON: exit 1 with a sentence (JSON with --json)", () => {
    const empty = run(["review"], "");
    expect(empty.code).toBe(1);
    expect(empty.err).toContain("it is empty");
    const notAnObject = run(["review", "--json"], "[1]");
    expect(notAnObject.code).toBe(1);
    const error = (JSON.parse(notAnObject.out) as { error: { kind: string; message: string } }).error;
    expect(error.kind).toBe("input");
    expect(error.message).toContain("expected one JSON object");
  });
});
