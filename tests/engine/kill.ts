/**
 * Killing `pulumi` at a chosen step, for the fault tests: an `up` started in the background with
 * a `hang` fault (simulator/faults.ts), SIGKILLed once the stand-in provider says it hangs; and
 * the processes of ours still alive afterwards, found in /proc.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import * as path from "node:path";

import { ROOT, STACK, type SimProject } from "./sim";

const PULUMI_SIM = path.join(ROOT, "scripts", "pulumi-sim");

/** What a killed `up` left: how long it ran, and its output so far. */
export interface KilledRun {
  /** Whether the hang was reached (false: pulumi ended by itself first). */
  hung: boolean;
  output: string;
  code: number | null;
}

/**
 * `pulumi up` with ESSD_SIM_FAULTS=`faults`, SIGKILLed (the `pulumi` process itself: pulumi-sim
 * execs it) as soon as the provider writes its hang marker, after `whileHung`; resolves once
 * pulumi is gone.
 */
export function upKilledAtHang(
  project: SimProject,
  faults: string,
  options: { whileHung?: () => void; timeoutMs?: number } = {},
): Promise<KilledRun> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const marker = path.join(project.dir, ".pulumi-sim", `cloud-${STACK}.json.hang`);
  const child = spawn(
    PULUMI_SIM,
    ["--cwd", project.dir, "up", "--stack", STACK, "--yes", "--skip-preview", "--non-interactive", "--color", "never"],
    {
      env: { ...process.env, ...(project.now ? { ESSD_SIM_NOW: project.now } : {}), ESSD_SIM_FAULTS: faults },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => {
    let hung = false;
    const started = Date.now();
    const poll = setInterval(() => {
      if (!hung && existsSync(marker)) {
        hung = true;
        clearInterval(poll);
        // While the provider hangs, the up holds the stack's lock (a second up, say).
        try {
          options.whileHung?.();
        } finally {
          child.kill("SIGKILL");
        }
      } else if (Date.now() - started > timeoutMs) child.kill("SIGKILL");
    }, 100);
    child.on("exit", (code) => {
      clearInterval(poll);
      resolve({ hung, output, code });
    });
  });
}

/** A process of ours: its ID and command line. */
export interface OurProcess {
  pid: number;
  cmdline: string;
}

/**
 * The processes that work in the project's folder (the language host, the program, the stand-in
 * provider, pulumi: their working directory or command line names it), other than this one.
 */
export function processesOf(dir: string): OurProcess[] {
  const found: OurProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      if (cmdline === "") continue; // a zombie
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`) || cmdline.includes(dir)) found.push({ pid, cmdline });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Waits until no process of ours works in `dir`, up to `ms`; what is left then. */
export async function settled(dir: string, ms: number): Promise<{ left: OurProcess[]; afterMs: number }> {
  const started = Date.now();
  for (;;) {
    const left = processesOf(dir);
    if (left.length === 0 || Date.now() - started > ms) return { left, afterMs: Date.now() - started };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The lock files of the project's stacks in the local backend (`.pulumi/locks/…`). */
export function stackLocks(dir: string): string[] {
  const root = path.join(dir, ".pulumi-sim", "backend", ".pulumi", "locks");
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of existsSync(d) ? readdirSync(d, { withFileTypes: true }) : []) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      // gocloud's fileblob keeps each object's attributes beside it, in `<key>.attrs`.
      else if (!e.name.endsWith(".attrs")) found.push(path.relative(root, path.join(d, e.name)));
    }
  };
  walk(root);
  return found;
}

/** What `pulumi cancel` did: its exit code, a first failure if it was run again, the locks left. */
export interface Cancelled {
  code: number;
  output: string;
  /** The output of a first run that failed (then it was run once more), for the test to print. */
  firstFailure?: string;
  locks: string[];
}

/**
 * `pulumi cancel --yes` for the stack, run once more if it fails: the diy backend's cancel only
 * deletes the stack's lock files (pulumi/pulumi v3.248.0 `pkg/backend/diy/backend.go`
 * `CancelCurrentUpdate`), so running it again is what a user does and is harmless. What counts
 * is the outcome: exit 0 and no lock left.
 */
export function cancelUpdate(project: SimProject): Cancelled {
  const first = project.cli(["cancel", "--stack", STACK, "--yes"]);
  if (first.code === 0) return { code: 0, output: first.output, locks: stackLocks(project.dir) };
  const again = project.cli(["cancel", "--stack", STACK, "--yes"]);
  return { code: again.code, output: again.output, firstFailure: first.output, locks: stackLocks(project.dir) };
}
