/**
 * essd-snapshots/testing: unit-test a Pulumi program that uses EssdLocalSnapshot, offline.
 *
 * The simulated account (disks and instances typed with @pulumi/alicloud's own output types,
 * loadable from the account-file format) answers the provider's lookups as Pulumi mocks; a
 * program runs under it, and what a `pulumi preview` would report (refusals bound to their
 * resources, rejected outputs, warnings) comes back as a result to assert on, not as a crashed
 * process or a failed test.
 *
 *   const result = await runProgram(() => myStack(), { account: { disks: [attached("d-1", "i-1")], instances: [instance("i-1")] } });
 *   expect(result.errors).toEqual([]);
 *
 * This checks a simulated account, not your real disks: `pulumi preview` against the cloud
 * remains the proof that your disks can be snapshotted.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";

import { SimulatedAccount, loadAccountSpec, type AccountSpec, type ResourceRecord } from "../simulator";
import { captureRefusals, type Capture } from "./capture";

export {
  SimulatedAccount,
  TOKENS,
  apiError,
  type AccountSpec,
  type ApiCounts,
  type InvokeRecord,
  type ResourceRecord,
  type SimDisk,
  type SimInstance,
} from "../simulator";
export { REGION, ZONE, attached, disk, fleet, instance, snapshot } from "../simulator";
export { AccountFileError, loadAccount, loadAccountSpec, parseAccountSpec } from "../simulator";
export { captureRefusals, JEST_ENVIRONMENT_MARK, REJECTION_SINK, type Capture } from "./capture";

/** How values are shown that a preview cannot know, that failed, or that never settled. */
export const UNKNOWN = "[unknown]";
export const FAILED = "[error]";
export const PENDING = "[pending]";

/** A resource, as a diagnostic names it. */
export interface ResourceRef {
  type: string;
  name: string;
}

/** An error or warning as `pulumi preview` would print it, bound to its resource when it has one. */
export interface Diagnostic {
  message: string;
  /** The resource it is bound to; undefined for the program or the stack. */
  resource?: ResourceRef;
}

export interface SimulationOptions {
  /**
   * The account: a {@link SimulatedAccount}, or a spec (`regionId` defaults to cn-hangzhou,
   * no disks, no instances). Mutually exclusive with `accountFile`.
   */
  account?: SimulatedAccount | Partial<AccountSpec>;
  /** An account file (YAML: regionId, zoneId, instances, disks), as `npm start -- --account-file` reads. */
  accountFile?: string;
  /** A preview (the default: resources to create have no ID yet) or an update. */
  preview?: boolean;
  /** The project and stack the program sees (`pulumi.getProject()`, `getStack()`). Default: "project", "test". */
  project?: string;
  stack?: string;
  /**
   * Stack config, as in a stack file: `{ "alicloud:region": "cn-hangzhou", "myproj:snapshots": [...] }`.
   * Keys without a namespace belong to the project; structured values are passed as JSON.
   */
  config?: Record<string, unknown>;
}

/** A simulated account installed as Pulumi's mocks, collecting refusals until {@link Simulation.stop}. */
export class Simulation {
  /** Errors bound to resources that nobody awaited, each once, in the order they happened. */
  readonly refusals: Diagnostic[] = [];
  /** `pulumi.log.info` messages (what `pulumi preview` prints as `info:`), with their resources. */
  readonly infos: Diagnostic[] = [];
  private readonly seen = new Set<unknown>();

  constructor(
    readonly account: SimulatedAccount,
    private readonly capture: Capture,
  ) {}

  /** Records an error once, however many outputs it rejected. */
  record(error: unknown): void {
    if (this.seen.has(error)) return;
    this.seen.add(error);
    this.refusals.push(diagnosticOf(error));
  }

  /** Forgets the refusals so far. */
  clear(): void {
    this.refusals.length = 0;
    this.seen.clear();
  }

  /** Ends the capture; unhandled rejections and `pulumi.log.info` go where they went before. */
  stop(): void {
    this.capture.stop();
    this.restoreInfo?.();
    this.restoreInfo = undefined;
  }

  /** Collects `pulumi.log.info` into {@link infos} until {@link stop} (without an engine it would print to stdout). */
  collectInfo(): void {
    const log = pulumi.log as unknown as Record<"info", LogFn>;
    const saved = log.info;
    log.info = (message, resource) => {
      this.infos.push({ message, resource: refOf(resource) });
      return Promise.resolve();
    };
    this.restoreInfo = () => {
      log.info = saved;
    };
  }

  private restoreInfo: (() => void) | undefined;
}

let current: Simulation | undefined;

/**
 * Installs a simulated account as Pulumi's mocks and starts collecting refusals; ends the
 * previous simulation. Create resources after it, read `simulation.refusals` after
 * {@link settled}.
 */
export async function simulate(options: SimulationOptions = {}): Promise<Simulation> {
  current?.stop();
  // Registrations still in flight from an earlier program finish against its own mocks.
  await settled();
  const account = accountOf(options);
  const preview = options.preview ?? true;
  const project = options.project ?? "project";
  const stack = options.stack ?? "test";
  const holder: { simulation?: Simulation } = {};
  const capture = captureRefusals((error) => holder.simulation?.record(error));
  holder.simulation = new Simulation(account, capture);
  holder.simulation.collectInfo();
  if (options.config) {
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.config)) {
      if (value === undefined) continue;
      config[key.includes(":") ? key : `${project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    pulumi.runtime.setAllConfig(config);
  }
  await account.install({ preview, project, stack });
  return (current = holder.simulation);
}

function accountOf(options: SimulationOptions): SimulatedAccount {
  if (options.account instanceof SimulatedAccount) return options.account;
  if (options.accountFile !== undefined) {
    if (options.account !== undefined) throw new Error("Pass either account or accountFile, not both.");
    return new SimulatedAccount(loadAccountSpec(options.accountFile));
  }
  return new SimulatedAccount({ regionId: "cn-hangzhou", disks: [], instances: [], ...options.account });
}

/** Lets every pending lookup batch flush and every registration reach the mocks. */
export async function settled(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

/** What a program did under the simulated account. */
export interface ProgramRun<T> {
  /** No error: nothing refused, nothing thrown. */
  ok: boolean;
  /** The program's return value with every output resolved; see {@link UNKNOWN}, {@link FAILED}, {@link PENDING}. */
  outputs: Resolved<T>;
  /** Every error, once each: refusals bound to their resources, errors the program threw, `pulumi.log.error`. */
  errors: Diagnostic[];
  /** `pulumi.log.warn` messages, with their resources. */
  warnings: Diagnostic[];
  /** `pulumi.log.info` messages, with their resources. */
  infos: Diagnostic[];
  /** The resources the engine received (a refused one never registers). */
  resources: ResourceRecord[];
  account: SimulatedAccount;
}

/** An output's value as the run shows it: resolved, or one of the markers. */
export type Resolved<T> =
  T extends pulumi.Output<infer U>
    ? Resolved<U> | string
    : T extends Promise<infer U>
      ? Resolved<U> | string
      : T extends (infer U)[]
        ? Resolved<U>[]
        : T extends object
          ? { [K in keyof T]: Resolved<T[K]> }
          : T;

export interface RunOptions extends SimulationOptions {
  /** How long outputs may take to settle before they are shown as {@link PENDING}. Default: 3000 ms. */
  settleMs?: number;
}

/**
 * Runs a program (a function that builds resources and returns its stack outputs, as a Pulumi
 * program module exports) under a simulated account, and reports what happened. A refusal is
 * in `errors`, never a crashed process or a failed test. Under Jest it needs the test
 * environment `essd-snapshots/testing/jest-environment`.
 */
export async function runProgram<T>(program: () => T | Promise<T>, options: RunOptions = {}): Promise<ProgramRun<T>> {
  const simulation = await simulate(options);
  const deadline = Date.now() + (options.settleMs ?? 3000);
  const warnings: Diagnostic[] = [];
  const log = pulumi.log as unknown as Record<"warn" | "error", LogFn>;
  const saved = { warn: log.warn, error: log.error };
  log.warn = (message, resource) => {
    warnings.push({ message, resource: refOf(resource) });
    return Promise.resolve();
  };
  log.error = (message, resource) => {
    simulation.record(Object.assign(new Error(message), { resource }));
    return Promise.resolve();
  };
  let outputs: unknown;
  try {
    let returned: unknown;
    try {
      returned = await program();
    } catch (err) {
      simulation.record(err);
    }
    outputs = await resolve(returned, deadline, (err) => simulation.record(err));
    await quiesce(simulation.account, deadline);
  } finally {
    log.warn = saved.warn;
    log.error = saved.error;
    simulation.stop();
    forgetAbandonedPromises();
  }
  const errors = [...simulation.refusals];
  return {
    ok: errors.length === 0,
    outputs: outputs as Resolved<T>,
    errors,
    warnings,
    infos: [...simulation.infos],
    resources: [...simulation.account.resources],
    account: simulation.account,
  };
}

type LogFn = (message: string, resource?: pulumi.Resource) => Promise<void>;

/**
 * The registrations of refused resources never settle. The SDK counts such promises and, when a
 * process exits with status 0, prints "The Pulumi runtime detected that N promises were still
 * active" and sets the status to 1; that is right for a deployment and wrong for a test process
 * whose refusals were expected. A run's leftovers are forgotten when it ends.
 */
function forgetAbandonedPromises(): void {
  try {
    const sdk = createRequire(require.resolve("@pulumi/pulumi"));
    const debuggable = sdk("./runtime/debuggable") as { leakedPromises?: () => unknown };
    if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) debuggable.leakedPromises?.();
  } catch {
    // Another SDK layout: the SDK's own message stays.
  }
}

function diagnosticOf(error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const resource = (error as { resource?: pulumi.Resource } | undefined)?.resource;
  return { message, resource: refOf(resource) };
}

function refOf(resource: pulumi.Resource | undefined): ResourceRef | undefined {
  if (!resource) return undefined;
  // The SDK keeps a resource's type and name on it (not public API, stable across 3.x).
  const r = resource as unknown as { __pulumiType?: string; __name?: string };
  return r.__pulumiType && r.__name ? { type: r.__pulumiType, name: r.__name } : undefined;
}

// ---- outputs ---------------------------------------------------------------------------------

export type Settled<T> =
  | { state: "resolved"; known: boolean; value: T | undefined }
  | { state: "rejected"; error: Error }
  | { state: "pending" };

interface OutputInternals<T> {
  promise(withUnknowns?: boolean): Promise<T>;
  isKnown: Promise<boolean>;
}

/**
 * How an output settles: resolved (known or not), rejected, or still pending after `ms` (the ID
 * of a resource whose inputs were refused never resolves).
 */
export async function settle<T>(output: pulumi.Output<T>, ms = 2000): Promise<Settled<T>> {
  // The SDK's own promise, so that rejections and unknowns are both observable.
  const internals = output as unknown as OutputInternals<T>;
  const outcome = internals.promise(true).then(
    async (value): Promise<Settled<T>> => {
      const known = await internals.isKnown;
      return { state: "resolved", known, value: known ? value : undefined };
    },
    (error: Error): Settled<T> => ({ state: "rejected", error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((done) => {
    timer = setTimeout(() => done({ state: "pending" }), ms);
  });
  const result = await Promise.race([outcome, timeout]);
  clearTimeout(timer);
  return result;
}

/** The value of an output that must resolve and be known; throws otherwise. */
export async function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  const s = await settle(output);
  if (s.state === "rejected") throw s.error;
  if (s.state === "pending")
    throw new Error(
      "The output did not settle within 2 s: a resource it depends on was refused or never registered. Check the simulation's refusals (or runProgram's errors) first.",
    );
  if (!s.known)
    throw new Error(
      "The output is unknown: in a preview it is known only after its resource is created. Read it with settle(), or simulate an update (preview: false).",
    );
  return s.value as T;
}

/** The message an output rejects with; throws when it does not reject. */
export async function rejectionOf(output: pulumi.Output<unknown>): Promise<string> {
  const s = await settle(output);
  if (s.state !== "rejected") throw new Error(`Expected the output to reject; it is ${JSON.stringify(s)}.`);
  return s.error.message;
}

async function resolve(value: unknown, deadline: number, onError: (err: unknown) => void): Promise<unknown> {
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
    return resolve(pulumi.output(value as Promise<unknown>), deadline, onError);
  }
  if (pulumi.isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolve(v, deadline, onError)));
  if (pulumi.Resource.isInstance(value)) return value;
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await resolve(v, deadline, onError)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/** Turns of the event loop until nothing new has reached the account for a while. */
async function quiesce(account: SimulatedAccount, deadline: number): Promise<void> {
  let quiet = 0;
  let last = -1;
  while (quiet < 5 && Date.now() < deadline) {
    // A short timer, not only an immediate: the account answers some registrations after a delay.
    await new Promise((r) => setTimeout(r, quiet === 0 ? 5 : 0));
    await settled(2);
    const now = account.resources.length + account.invokes.length;
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}
