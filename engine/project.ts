/**
 * Drives the real Pulumi CLI through scripts/pulumi-sim from Node, for the engine tests and the
 * engine benchmark: one throwaway Pulumi project per scenario, under .pulumi-sim/<group>/ in the
 * repository (so that it resolves this repository's node_modules), with its own local backend
 * and simulated cloud.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

import type { CloudState } from "../simulator";
import { readProjectFile } from "../stack/files";

export const ROOT = path.resolve(__dirname, "..");
const PULUMI_SIM = path.join(ROOT, "scripts", "pulumi-sim");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for messages that may land on either. */
  output: string;
}

/** One resource of `pulumi stack export`. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  retainOnDelete?: boolean;
}

/** What `pulumi-sim cloud` prints. */
export type CloudView = Pick<CloudState, "disks" | "snapshots" | "images" | "attachments" | "released"> & {
  now: string;
  recovery: NonNullable<CloudState["recovery"]>;
};

export interface ProjectSpec {
  /** The stack file's YAML (Pulumi.<stack>.yaml); the stack is `test`. */
  stackConfig: string;
  /** The simulated account's YAML. */
  account: string;
  /** The program's TypeScript; default: this repository's stack program (index.ts). */
  program?: string;
}

export const STACK = "test";

export class SimProject {
  /** The simulated cloud's clock for the next commands (ESSD_SIM_NOW); undefined: the real clock. */
  now: string | undefined;

  private constructor(readonly dir: string) {}

  /** A fresh project named `name` (under .pulumi-sim/<group>/), with its stack initialised. */
  static create(name: string, spec: ProjectSpec, group = "engine-tests"): SimProject {
    const dir = path.join(ROOT, ".pulumi-sim", group, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, "stacks"), { recursive: true });
    writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      [
        "name: essd-snapshots",
        // Without it, the SDK would take `main` from the nearest package.json: this repository's.
        "main: index.ts",
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: false",
        `    nodeargs: ${repositoryNodeargs()}`,
        "stackConfigDir: stacks",
        "",
      ].join("\n"),
    );
    writeFileSync(
      path.join(dir, "index.ts"),
      spec.program ?? `module.exports = require(${JSON.stringify(path.join(ROOT, "index.ts"))});\n`,
    );
    writeFileSync(path.join(dir, "stacks", `${STACK}.account.yaml`), spec.account);
    const project = new SimProject(dir);
    project.setStackConfig(spec.stackConfig);
    const init = project.cli(["stack", "init", STACK]);
    if (init.code !== 0) throw new Error(`stack init failed:\n${init.output}`);
    return project;
  }

  /** Replaces the stack file (a change the next preview or up sees). */
  setStackConfig(yaml: string): void {
    writeFileSync(path.join(this.dir, "stacks", `Pulumi.${STACK}.yaml`), yaml);
  }

  /** Replaces the program. */
  setProgram(source: string): void {
    writeFileSync(path.join(this.dir, "index.ts"), source);
  }

  /** Runs `pulumi <args>` through scripts/pulumi-sim in this project. */
  cli(args: string[], env: Record<string, string> = {}): CliRun {
    const result = spawnSync(PULUMI_SIM, ["--cwd", this.dir, ...args, "--non-interactive", "--color", "never"], {
      env: { ...process.env, ...(this.now ? { ESSD_SIM_NOW: this.now } : {}), ...env },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const stdout = result.stdout ?? "";
    const stderr = result.stderr ?? "";
    return { code: result.status ?? -1, stdout, stderr, output: `${stdout}\n${stderr}` };
  }

  preview(...extra: string[]): CliRun {
    return this.cli(["preview", "--stack", STACK, ...extra]);
  }

  up(...extra: string[]): CliRun {
    return this.cli(["up", "--stack", STACK, "--yes", "--skip-preview", ...extra]);
  }

  refresh(...extra: string[]): CliRun {
    return this.cli(["refresh", "--stack", STACK, "--yes", "--skip-preview", ...extra]);
  }

  destroy(...extra: string[]): CliRun {
    return this.cli(["destroy", "--stack", STACK, "--yes", "--skip-preview", ...extra]);
  }

  /** `up`, failing the test with the engine's output when it does not succeed. */
  upOk(...extra: string[]): CliRun {
    const run = this.up(...extra);
    if (run.code !== 0) throw new Error(`pulumi up failed (exit ${run.code}):\n${run.output}`);
    return run;
  }

  /** The resources in the stack's state (`pulumi stack export`). */
  state(): StateResource[] {
    const run = this.cli(["stack", "export", "--stack", STACK]);
    if (run.code !== 0) throw new Error(`stack export failed:\n${run.output}`);
    const exported = JSON.parse(run.stdout) as { deployment: { resources?: StateResource[] } };
    return exported.deployment.resources ?? [];
  }

  /**
   * Changes the simulated cloud the way someone outside Pulumi would (a disk released in the
   * console, an instance stopping): `change` edits the cloud's state file.
   */
  editCloud(change: (state: CloudState) => void): void {
    this.cloud(); // makes the state file from the account on first use, at the clock's now
    const file = path.join(this.dir, ".pulumi-sim", `cloud-${STACK}.json`);
    const state = JSON.parse(readFileSync(file, "utf8")) as CloudState;
    change(state);
    writeFileSync(file, JSON.stringify(state, null, 2));
  }

  /** The simulated cloud (`pulumi-sim cloud`). */
  cloud(): CloudView {
    const run = this.cli(["cloud", "--stack", STACK]);
    if (run.code !== 0) throw new Error(`pulumi-sim cloud failed:\n${run.output}`);
    return JSON.parse(run.stdout) as CloudView;
  }
}

/** The resource of a type and logical name in the state. */
export function stateOf(resources: StateResource[], type: string, name: string): StateResource | undefined {
  return resources.find((r) => r.type === type && r.urn.endsWith(`::${name}`));
}

/** The `pulumi preview --json` steps: operation by URN's logical name and type. */
export function stepsOf(previewJson: string): { op: string; type: string; name: string }[] {
  const parsed = JSON.parse(previewJson) as { steps?: { op: string; urn: string }[] };
  return (parsed.steps ?? []).map((s) => {
    const parts = s.urn.split("::");
    return { op: s.op, type: (parts[2] ?? "").split("$").pop() ?? "", name: parts[3] ?? "" };
  });
}

/**
 * The `nodeargs` of this repository's Pulumi.yaml, its relative paths made absolute: the
 * programs run here as a user's `pulumi preview` runs the stack program.
 */
function repositoryNodeargs(): string {
  return readProjectFile(ROOT)
    .nodeArgs.map((arg) => (arg.startsWith("./") ? path.join(ROOT, arg) : arg))
    .join(" ");
}
