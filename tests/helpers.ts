/**
 * The component tests' harness, on the testing kit the way a user's tests use it
 * (essd-snapshots/testing): a simulated account installed as Pulumi's mocks, refusals
 * collected by the kit, outputs read with its settle/valueOf/rejectionOf.
 */
import { settled, simulate, type AccountSpec, type SimulatedAccount, type Simulation } from "../testing";

export { rejectionOf, settle, valueOf, type Settled } from "../testing";

let simulation: Simulation | undefined;

/** A fresh simulated account installed as Pulumi's mocks; refusals are collected from here on. */
export async function useAccount(spec: Partial<AccountSpec>, preview: boolean): Promise<SimulatedAccount> {
  simulation = await simulate({ account: spec, preview, project: "essd-snapshots", stack: "dev" });
  return simulation.account;
}

/** Lets every pending lookup batch flush and every registration reach the mocks. */
export const drain = (): Promise<void> => settled();

/**
 * The ResourceErrors the Pulumi runtime would log since the account was installed: those that
 * rejected a resource's registration with nobody awaiting them. Call `drain()` first.
 */
export function reportedErrors(): string[] {
  return (simulation?.refusals ?? []).map((d) => d.message);
}

/** Forgets the errors reported so far, so a test sees only its own. */
export function clearReportedErrors(): void {
  simulation?.clear();
}
