/**
 * The component served to a Pulumi YAML program through the real engine (scripts/pulumi-sim),
 * the YAML language host built from github.com/pulumi/pulumi-yaml (scripts/build-yaml-host) and
 * the component provider in provider/: the refusal of an ineligible disk in the preview, with
 * the text the rules write; `up`; a rotation; `destroy`. One project, one stack, five CLI runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { checkCategory, describeRefusal } from "../../components/rules/eligibility";

const root = path.resolve(__dirname, "../..");
const sim = path.join(root, "scripts/pulumi-sim");
const yamlBin = execFileSync(path.join(root, "scripts/build-yaml-host"), { encoding: "utf8" }).trim();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essd-yaml-"));
const env = { ...process.env, PATH: `${yamlBin}:${process.env.PATH}` };

function program(diskId: string, generation: string): void {
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: essd-yaml
runtime: yaml
packages:
  essd-snapshots: ${path.join(root, "provider")}
resources:
  nightly:
    type: essd-snapshots:EssdLocalSnapshot
    properties:
      diskId: ${diskId}
      retentionDays: 7
      generation: ${generation}
      eligibility: enforce
      restore:
        disks:
          - name: copy
outputs:
  snapshotId: \${nightly.snapshotId}
  diskIds: \${nightly.restoredDiskIds}
  kept: \${nightly.keptOnDelete}
`,
  );
}

/** The simulated cloud's clock for the next commands (ESSD_SIM_NOW); undefined: the real clock. */
let now: string | undefined;

function pulumi(...args: string[]): { status: number; out: string } {
  const r = spawnSync(sim, ["--cwd", dir, ...args], {
    env: { ...env, ...(now ? { ESSD_SIM_NOW: now } : {}) },
    encoding: "utf8",
    timeout: 5 * 60 * 1000,
  });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function outputs(): { snapshotId: string; diskIds: string[]; kept: boolean } {
  return JSON.parse(pulumi("stack", "output", "--json", "--stack", "dev").out) as never;
}

function cloud(): { snapshots: { id: string }[]; disks: { id: string }[] } {
  return JSON.parse(pulumi("cloud", "--stack", "dev").out) as never;
}

beforeAll(() => {
  fs.writeFileSync(
    path.join(dir, "dev.account.yaml"),
    `regionId: cn-hangzhou
zoneId: cn-hangzhou-i
instances:
  - { id: i-bp1yamldb01 }
disks:
  - { id: d-bp1yamldata01, instanceId: i-bp1yamldb01, size: 200 }
  - { id: d-bp1yamlold01, category: cloud_efficiency, size: 20 }
`,
  );
  program("d-bp1yamlold01", "g1");
  expect(pulumi("stack", "init", "dev").status).toBe(0);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the preview refuses an ineligible disk with the rules' text, and nothing is created", () => {
  const { status, out } = pulumi("preview", "--stack", "dev");
  expect(status).not.toBe(0);
  const [violation] = checkCategory("cloud_efficiency", "instant-access");
  expect(out).toContain(`${violation.found}: ${violation.required}`);
  expect(out).toContain(describeRefusal("d-bp1yamlold01", "nightly", [violation]).split("\n")[0]);
});

test("up snapshots an eligible disk and restores the declared disk; a rotation replaces both; destroy keeps them", () => {
  program("d-bp1yamldata01", "g1");
  const up = pulumi("up", "--yes", "--stack", "dev");
  expect(up.out).toContain("created");
  expect(up.status).toBe(0);
  const first = outputs();
  expect(first.snapshotId).toMatch(/^s-/);
  expect(first.diskIds).toHaveLength(1);
  expect(first.kept).toBe(true);
  // Unchanged, the stack previews without a change: the component finds its snapshot in the
  // cloud, and the stack transform that would adopt it (registered in the component provider's
  // process) leaves the snapshot the state holds alone.
  const unchanged = pulumi("preview", "--stack", "dev", "--expect-no-changes");
  expect({ status: unchanged.status, out: unchanged.status === 0 ? "" : unchanged.out }).toEqual({
    status: 0,
    out: "",
  });

  // A day later, when the first snapshot's upload has finished (ECS takes one of a disk at a time).
  now = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
  program("d-bp1yamldata01", "g2");
  const rotated = pulumi("up", "--yes", "--stack", "dev");
  expect(rotated.out).not.toContain("cannot be snapshotted");
  expect(rotated.status).toBe(0);
  expect(rotated.out).toMatch(/replaced/);
  const second = outputs();
  expect(second.snapshotId).not.toBe(first.snapshotId);
  expect(second.diskIds[0]).not.toBe(first.diskIds[0]);

  expect(pulumi("destroy", "--yes", "--stack", "dev").status).toBe(0);
  // Kept on delete by default: both generations' snapshots and disks are still in the cloud.
  const left = cloud();
  const ids = JSON.stringify(left);
  for (const id of [first.snapshotId, second.snapshotId, ...first.diskIds, ...second.diskIds])
    expect(ids).toContain(id);
});
