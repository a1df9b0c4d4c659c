/**
 * The state-store door: the simulated cloud kept in a JSON file (ESSD_SIM_STATE), read before
 * and written after each operation, so that consecutive processes (the provider plugin of one
 * CLI run after another, `pulumi-sim cloud`) see one cloud. A missing file starts from the
 * account file (ESSD_SIM_ACCOUNT).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

import { loadAccountSpec } from "../accounts/load";
import { parseFaults } from "../faults";
import { SimulatedCloud, clockOf, type CloudState } from "../model";
import { withFileLock } from "./fileLock";

export interface CloudFileOptions {
  /** The state file. */
  stateFile: string;
  /** The account file that seeds a new cloud. */
  accountFile?: string;
  /** The cloud's clock, ISO 8601; default the real clock. */
  now?: string;
}

/** Loads the cloud from its file (or the account file when there is none yet). */
export function loadCloud(options: CloudFileOptions): SimulatedCloud {
  const clock = clockOf(options.now);
  if (existsSync(options.stateFile)) {
    return new SimulatedCloud(JSON.parse(readFileSync(options.stateFile, "utf8")) as CloudState, clock);
  }
  if (!options.accountFile)
    throw new Error(
      `The simulated cloud has no state file at ${options.stateFile} and no account file to start from; set ESSD_SIM_ACCOUNT.`,
    );
  return SimulatedCloud.fromAccount(loadAccountSpec(options.accountFile), clock);
}

/** Writes the cloud to its file, whole or not at all. */
export function saveCloud(cloud: SimulatedCloud, stateFile: string): void {
  const tmp = `${stateFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(cloud.state, null, 2)}\n`);
  renameSync(tmp, stateFile);
}

/** Runs one operation against the cloud as it is in its file, and writes it back. */
export function withCloudFile<T>(options: CloudFileOptions, op: (cloud: SimulatedCloud) => T): T {
  // Locked: the stand-in provider and the local ECS API may serve the same file at once.
  return withFileLock(options.stateFile, () => {
    const cloud = loadCloud(options);
    try {
      return op(cloud);
    } finally {
      // Even a refused request may have released expired snapshots: keep what the cloud did.
      saveCloud(cloud, options.stateFile);
    }
  });
}

/** Where the stand-in provider says it hangs (a `hang` fault): `<state file>.hang`. */
export function hangMarker(stateFile: string): string {
  return `${stateFile}.hang`;
}

/**
 * `scripts/pulumi-sim` with ESSD_SIM_FAULTS set: its faults (simulator/faults.ts) replace those
 * still pending in the cloud (an empty value clears them), before pulumi starts.
 */
export function setFaultsFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  const stateFile = env.ESSD_SIM_STATE;
  if (!stateFile) throw new Error("ESSD_SIM_STATE is not set; run this through scripts/pulumi-sim.");
  const faults = parseFaults(env.ESSD_SIM_FAULTS ?? "");
  rmSync(hangMarker(stateFile), { force: true });
  withCloudFile({ stateFile, accountFile: env.ESSD_SIM_ACCOUNT, now: env.ESSD_SIM_NOW }, (cloud) => {
    cloud.state.faults = [];
    for (const fault of faults) cloud.injectFault(fault);
  });
}
