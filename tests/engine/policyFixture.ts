/**
 * The policy pack's fixture stack (policy/fixtures/stack) as the engine tests run it: a copy of
 * it beside the fixture (so its relative imports resolve; `stack init` writes its stack files),
 * driven by scripts/pulumi-sim with its own backend, against this simulated account.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

import { ROOT } from "./sim";

export const POLICY_FIXTURE = path.join(ROOT, "policy", "fixtures", "stack");

/** One disk of the fixture's program, attached to a running instance. */
export const POLICY_ACCOUNT =
  "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\ninstances:\n  - { id: i-bp1policy01 }\ndisks:\n  - { id: d-bp1policyfixture01, instanceId: i-bp1policy01 }\n";

/** `pulumi-sim` on the copy at `copy`, its backend and cloud under `home`: exit code and all it printed. */
export function simIn(copy: string, home: string): (args: string[]) => { code: number | null; output: string } {
  return (args) => {
    const r = spawnSync(
      path.join(ROOT, "scripts", "pulumi-sim"),
      ["--cwd", copy, ...args, "--non-interactive", "--color", "never"],
      { env: { ...process.env, ESSD_SIM_HOME: home }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: r.status, output: `${r.stdout}\n${r.stderr}` };
  };
}
