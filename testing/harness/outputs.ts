/**
 * Outputs as a run reads them: how one settles before a deadline, and a program's return value
 * with every output and promise in it resolved, or shown by a marker.
 */
import * as pulumi from "@pulumi/pulumi";

import { isKnown, sdkPromise } from "./sdk";

/** How values are shown that a preview cannot know, that failed, or that never settled. */
export const UNKNOWN = "[unknown]";
export const FAILED = "[error]";
export const PENDING = "[pending]";

export type Outcome<T> = { state: "resolved"; value: T } | { state: "rejected"; error: unknown } | { state: "pending" };

/** How a promise settles before the deadline (a time in ms, as Date.now()). */
export async function within<T>(promise: Promise<T>, deadline: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome<T>>((done) => {
    timer = setTimeout(() => done({ state: "pending" }), Math.max(0, deadline - Date.now()));
  });
  const outcome = promise.then(
    (value): Outcome<T> => ({ state: "resolved", value }),
    (error: unknown): Outcome<T> => ({ state: "rejected", error }),
  );
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type Settled<T> =
  | { state: "resolved"; known: boolean; value: T | undefined }
  | { state: "rejected"; error: Error }
  | { state: "pending" };

/**
 * How an output settles: resolved (known or not), rejected, or still pending after `ms` (the ID
 * of a resource whose inputs were refused never resolves).
 */
export async function settle<T>(output: pulumi.Output<T>, ms = 2000): Promise<Settled<T>> {
  const outcome = await within(
    sdkPromise(output).then(async (value) => ({ value, known: await isKnown(output) })),
    Date.now() + ms,
  );
  if (outcome.state === "pending") return outcome;
  if (outcome.state === "rejected") return { state: "rejected", error: outcome.error as Error };
  const { value, known } = outcome.value;
  return { state: "resolved", known, value: known ? value : undefined };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A program's return value with its outputs and promises resolved before the deadline: unknown
 * ones as {@link UNKNOWN}, rejected ones as {@link FAILED} (the error goes to `onError`), those
 * still pending as {@link PENDING}. Arrays, plain objects and what a promise resolves to are
 * resolved member by member, as the engine receives stack outputs; resources and other values
 * stay as they are.
 */
export async function resolve(value: unknown, deadline: number, onError: (err: unknown) => void): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    const s = await settle(value, Math.max(0, deadline - Date.now()));
    if (s.state === "pending") return PENDING;
    if (s.state === "rejected") {
      onError(s.error);
      return FAILED;
    }
    return s.known ? resolve(s.value, deadline, onError) : UNKNOWN;
  }
  if (value instanceof Promise) {
    const s = await within(value as Promise<unknown>, deadline);
    if (s.state === "pending") return PENDING;
    if (s.state === "rejected") {
      onError(s.error);
      return FAILED;
    }
    return resolve(s.value, deadline, onError);
  }
  if (pulumi.isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolve(v, deadline, onError)));
  if (isPlainObject(value)) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await resolve(v, deadline, onError)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/** The eventual values (outputs, promises) among a resource's inputs, however deeply nested. */
function eventualValues(value: unknown, depth = 0): Promise<unknown>[] {
  if (pulumi.Output.isInstance(value)) return [sdkPromise(value)];
  if (value instanceof Promise) return [value as Promise<unknown>];
  if (depth > 4 || typeof value !== "object" || value === null || pulumi.Resource.isInstance(value)) return [];
  return Object.values(value).flatMap((v) => eventualValues(v, depth + 1));
}

/** The first error a resource's inputs reject with; undefined when every input settles, or at the deadline. */
export async function firstRejection(props: Record<string, unknown>, deadline: number): Promise<unknown> {
  const inputs = eventualValues(props);
  const rejected = new Promise<unknown>((found) => {
    for (const p of inputs) void p.catch(found);
  });
  const settled = Promise.allSettled(inputs).then(() => undefined);
  const outcome = await within(Promise.race([rejected, settled]), deadline);
  return outcome.state === "resolved" ? outcome.value : undefined;
}
