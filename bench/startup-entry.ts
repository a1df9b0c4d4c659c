/**
 * The start-up benchmark's entry: installs the simulated account as Pulumi's mocks, then
 * loads the stack program the way Pulumi's Node runtime does (a plain `require`; a program that
 * exports a function is called, and its result awaited). It writes `BENCH_MARK <epoch ms>` when
 * the first resource registration reaches the mocks, and `BENCH_RESULT {"registrations": …}`
 * once the program's registrations have drained.
 *
 *   node [-r ts-node/register[/transpile-only]] bench/startup-entry.ts [program path] [stack]
 *
 * The program defaults to bench/program (the .ts or the compiled .js beside this file), which
 * snapshots five disks of a simulated fleet. With a stack name, the stack's config
 * (`<stackConfigDir>/Pulumi.<stack>.yaml`) is set and its simulated account
 * (`<stack>.account.yaml` beside it) is used instead, as `npm start` does for index.ts.
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";

import * as pulumi from "@pulumi/pulumi";

// The account and fixtures only: simulator/index.ts also loads the YAML account loader (yaml, zod).
import { REGION, SimulatedAccount, fleet } from "../simulator/mocks";
import { MARK_PREFIX, RESULT_PREFIX } from "./protocol";

/** Disks the simulated region has: d-fleet0000001 … d-fleet0000050 on 10 running instances. */
const FLEET_DISKS = 50;
const FLEET_INSTANCES = 10;
/** The project folder (Pulumi.yaml): the working folder, as when Pulumi runs a program. */
const ROOT = process.cwd();

interface Setup {
  account: SimulatedAccount;
  project: string;
  stack: string;
}

/** bench/stack-setup, by a computed path so that type-checking this entry does not load it. */
interface StackSetupModule {
  stackSetup: (root: string, stack: string) => { account: SimulatedAccount; project: string };
}

async function stackSetup(stack: string): Promise<Setup> {
  const modulePath = path.join(__dirname, "stack-setup");
  const { stackSetup: setUp } = (await import(modulePath)) as StackSetupModule;
  return { ...setUp(ROOT, stack), stack };
}

async function main(): Promise<void> {
  const program = path.resolve(process.argv[2] ?? path.join(__dirname, "program"));
  const stack = process.argv[3];
  const setup: Setup = stack
    ? await stackSetup(stack)
    : {
        account: new SimulatedAccount({ regionId: REGION, ...fleet(FLEET_DISKS, FLEET_INSTANCES) }),
        project: "essd-snapshots",
        stack: "bench",
      };
  const mocks = setup.account.mocks(true);
  let marked = false;
  await pulumi.runtime.setMocks(
    {
      call: (args) => mocks.call(args),
      newResource: (args) => {
        if (!marked) {
          marked = true;
          process.stdout.write(`${MARK_PREFIX}${performance.timeOrigin + performance.now()}\n`);
        }
        return mocks.newResource(args);
      },
    },
    setup.project,
    setup.stack,
    true,
  );
  const loaded = (await import(program)) as { default?: unknown };
  // `export = fn` (or a default export) is a program Pulumi calls.
  if (typeof loaded.default === "function") await Promise.resolve((loaded.default as () => unknown)());
  await pulumi.runtime.disconnect();
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ registrations: setup.account.resources.length })}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
