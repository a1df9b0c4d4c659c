/**
 * The reviewer's view on the real engine's output: `pulumi preview --json` through pulumi-sim
 * on a throwaway project after a first `up`, then `essd-snapshots review` (cli/main.ts, as a
 * process, the preview's JSON on stdin). One preview holds every row a reviewer meets: a
 * snapshot made, one rotated with its restored disk, one kept with its image, one refused.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

import { classify, type PreviewDigest } from "../../cli/review";
import { ROOT, SimProject } from "./sim";
import { ACCOUNT, T0, restoresStack } from "./fixtures";

/** The shared account, with one more eligible disk for a snapshot made by the second update. */
const REVIEW_ACCOUNT = `${ACCOUNT}  - { id: d-bp1fresh01, instanceId: i-bp1app01, size: 50 }\n`;

/** app-data rotated to g2, app-system kept at g1, a refused disk, a new snapshot. */
const NEXT_STACK = `
config:
  alicloud:region: cn-hangzhou
  essd-snapshots:snapshots:
    - name: app-data
      diskId: d-bp1appdata01
      retentionDays: 7
      generation: "g2"
      restore:
        disks:
          - name: standby
            instanceId: i-bp1standby01
    - name: app-system
      diskId: d-bp1appsys01
      retentionDays: 7
      generation: "g1"
      restore:
        images:
          - name: golden
    - name: efficiency
      diskId: d-bp1efficiency01
      retentionDays: 3
    - name: fresh
      diskId: d-bp1fresh01
      retentionDays: 5
`;

test("review turns the engine's preview JSON into the table: made, rotated (with its restore), kept, refused", () => {
  const project = SimProject.create("review", { account: REVIEW_ACCOUNT, stackConfig: restoresStack("g1") });
  project.now = T0;
  project.upOk();
  project.now = "2026-12-02T00:00:00Z";
  project.setStackConfig(NEXT_STACK);
  const preview = project.preview("--json");
  // The refused disk fails the preview; the JSON is still printed whole.
  expect(preview.code).toBe(1);
  const digest = JSON.parse(preview.stdout) as PreviewDigest;
  expect(Object.keys(digest.changeSummary ?? {})).toEqual(expect.arrayContaining(["create", "replace", "same"]));

  const rows = classify(digest).rows.map((r) => ({ snapshot: r.snapshot, change: r.change, disk: r.disk }));
  expect(rows).toEqual([
    { snapshot: "efficiency", change: "refused", disk: "d-bp1efficiency01" },
    { snapshot: "app-data", change: "rotated", disk: "d-bp1appdata01" },
    { snapshot: "fresh", change: "made", disk: "d-bp1fresh01" },
    { snapshot: "app-system", change: "kept", disk: "d-bp1appsys01" },
  ]);

  const cli = spawnSync(
    process.execPath,
    ["--require", path.join(ROOT, "register.js"), path.join(ROOT, "cli/main.ts"), "review"],
    {
      input: preview.stdout,
      encoding: "utf8",
    },
  );
  expect(cli.stderr).toBe("");
  expect(cli.status).toBe(0);
  const table = cli.stdout.split("\n").filter((l) => l.startsWith("| `"));
  expect(table).toHaveLength(4);
  expect(table[0]).toMatch(
    /^\| `efficiency` \| \*\*refused\*\*: nothing of it is created \| d-bp1efficiency01 \|.*\*\*error:\*\* Disk d-bp1efficiency01 cannot be snapshotted by "efficiency":<br>- category is "cloud_efficiency"/,
  );
  expect(table[1]).toMatch(
    /^\| `app-data` \| \*\*rotated\*\*: generation g1 → g2; the old snapshot is kept until its retention ends \| d-bp1appdata01 \| 7 days; released by ECS 7 days after it is created \| disk app-data-standby: replaced by a new one from the new snapshot; the old disk is detached and kept \|/,
  );
  expect(table[2]).toMatch(
    /^\| `fresh` \| \*\*made\*\* \| d-bp1fresh01 \| 5 days; released by ECS 5 days after it is created \| — \|/,
  );
  expect(table[3]).toMatch(
    /^\| `app-system` \| \*\*kept\*\* \| d-bp1appsys01 \| 7 days; .* \| image app-system-golden-g1: unchanged \|/,
  );
  expect(cli.stdout).toContain("1 made, 1 rotated, 1 kept, 1 refused.");

  // With --show-sames the kept snapshot is a step of its own, read from its state, not the summaries.
  const withSames = JSON.parse(project.preview("--json", "--show-sames").stdout) as PreviewDigest;
  expect(withSames.steps?.some((s) => s.op === "same" && s.urn.endsWith("::app-system-snapshot"))).toBe(true);
  const sames = classify(withSames).rows;
  expect(sames.map((r) => `${r.change} ${r.snapshot}`)).toEqual([
    "refused efficiency",
    "rotated app-data",
    "made fresh",
    "kept app-system",
  ]);
  expect(sames.find((r) => r.snapshot === "app-system")).toMatchObject({
    disk: "d-bp1appsys01",
    retentionDays: 7,
    restores: [{ kind: "image", name: "app-system-golden-g1", fate: "unchanged" }],
  });
});
