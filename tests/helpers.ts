import * as pulumi from "@pulumi/pulumi";

import { SimulatedAccount, type AccountSpec } from "../simulator";

export type Settled<T> =
  | { state: "resolved"; known: boolean; value: T | undefined }
  | { state: "rejected"; error: Error }
  | { state: "pending" };

interface OutputInternals<T> {
  promise(withUnknowns?: boolean): Promise<T>;
  isKnown: Promise<boolean>;
}

/**
 * How an output settles: resolved (known or not), rejected, or still pending after `ms`
 * (the ID of a child whose inputs were refused never resolves). Reads the SDK's internal
 * promise so that rejections and unknowns are both observable.
 */
export async function settle<T>(output: pulumi.Output<T>, ms = 2000): Promise<Settled<T>> {
  const internals = output as unknown as OutputInternals<T>;
  const outcome = internals.promise(true).then(
    async (value): Promise<Settled<T>> => {
      const known = await internals.isKnown;
      return { state: "resolved", known, value: known ? value : undefined };
    },
    (error: Error): Settled<T> => ({ state: "rejected", error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ state: "pending" }), ms);
  });
  const result = await Promise.race([outcome, timeout]);
  clearTimeout(timer);
  return result;
}

/** The value of an output that must resolve, known. */
export async function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  const s = await settle(output);
  if (s.state === "rejected") throw s.error;
  if (s.state === "pending") throw new Error("output is still pending");
  if (!s.known) throw new Error("output is unknown");
  return s.value as T;
}

/** The message an output rejects with; fails the test when it does not reject. */
export async function rejectionOf(output: pulumi.Output<unknown>): Promise<string> {
  const s = await settle(output);
  if (s.state !== "rejected") throw new Error(`expected a rejection, got ${JSON.stringify(s)}`);
  return s.error.message;
}

/** A fresh simulated account installed as Pulumi's mocks. */
export async function useAccount(spec: Partial<AccountSpec>, preview: boolean): Promise<SimulatedAccount> {
  // Registrations still in flight from the previous test finish against its own mocks.
  await drain();
  const account = new SimulatedAccount({ regionId: "cn-hangzhou", disks: [], instances: [], ...spec });
  await account.install({ preview });
  return account;
}

/** Lets every pending lookup batch flush and every registration reach the mocks. */
export async function drain(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

/**
 * The ResourceErrors the Pulumi runtime would log for this test file so far: those that
 * rejected a resource's registration with nobody awaiting them (see environment.js).
 * Call `drain()` first so pending rejections have been reported.
 */
export function reportedErrors(): string[] {
  const reported = (globalThis as { __pulumiResourceErrors?: Set<Error> }).__pulumiResourceErrors;
  return [...(reported ?? [])].map((e) => e.message);
}

/** Forgets the errors reported so far, so a test sees only its own. */
export function clearReportedErrors(): void {
  (globalThis as { __pulumiResourceErrors?: Set<Error> }).__pulumiResourceErrors?.clear();
}
