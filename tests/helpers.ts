/**
 * The component tests' harness, on the testing kit the way a user's tests use it
 * (essd-snapshots/testing): a simulated account installed as Pulumi's mocks, refusals
 * collected by the kit, outputs read with its settle/valueOf/rejectionOf.
 */
import * as pulumi from "@pulumi/pulumi";

import {
  SimulatedAccount as SimAccount,
  TEST_ACCESS_KEY,
  startEcsApi,
  type AccountSpec as SimAccountSpec,
  type EcsApi,
} from "../simulator";
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

/**
 * An account served by two doors at once, as a real preview with credentials sees the cloud: as
 * Pulumi's mocks (the provider's invokes) and as the local ECS API, with the stack's region set
 * and the environment giving the ECS API client the endpoint and the test key. Close `api` after.
 */
export async function serveBothDoors(spec: SimAccountSpec, now: Date): Promise<{ account: SimAccount; api: EcsApi }> {
  const account = new SimAccount(spec, () => now);
  await account.install({ preview: true });
  pulumi.runtime.setAllConfig({ "alicloud:region": spec.regionId });
  const api = await startEcsApi({ cloud: account.cloud });
  process.env.ESSD_ECS_ENDPOINT = api.endpoint;
  process.env.ALICLOUD_ACCESS_KEY = TEST_ACCESS_KEY.accessKeyId;
  process.env.ALICLOUD_SECRET_KEY = TEST_ACCESS_KEY.accessKeySecret;
  return { account, api };
}
