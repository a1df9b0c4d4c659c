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
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

import { SimulatedAccount, loadAccountSpec, type AccountSpec, type ResourceRecord } from "../simulator";
import { captureRefusals, type Capture } from "./harness/capture";
import { serveEcsApi, type ServedEcsApi } from "./harness/ecsApi";
import { FAILED, PENDING, UNKNOWN, resolve, settle } from "./harness/outputs";
import { OncePerError, diagnosticOf, quiesce, settled, type Diagnostic } from "./harness/run";
import { forgetAbandonedPromises, installMocks, interceptLog, resourceRefOf } from "./harness/sdk";

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
  REGION,
  ZONE,
  attached,
  disk,
  fleet,
  instance,
  snapshot,
  AccountFileError,
  loadAccount,
  loadAccountSpec,
  parseAccountSpec,
} from "../simulator";
export { captureRefusals, JEST_ENVIRONMENT_MARK, REJECTION_SINK, type Capture } from "./harness/capture";
export { FAILED, PENDING, UNKNOWN, settle, type Settled } from "./harness/outputs";
export { settled, type Diagnostic, type ResourceRef } from "./harness/run";

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
  /**
   * The project and stack the program sees (`pulumi.getProject()`, `getStack()`). Default: the
   * `name` of the nearest Pulumi.yaml at or above the working folder, else "project"; "test".
   */
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
  private readonly once = new OncePerError((error) => this.refusals.push(diagnosticOf(error)));

  constructor(
    readonly account: SimulatedAccount,
    private readonly capture: Capture,
    private readonly ecsApi?: ServedEcsApi,
  ) {}

  /**
   * The account served as the local ECS API while the simulation runs (the library's ECS client
   * is pointed at it): what components that call ECS themselves, such as EssdSnapshotGroup, reach.
   */
  get ecsEndpoint(): string | undefined {
    return this.ecsApi?.endpoint;
  }

  /** The ECS API actions the program's components called, in order (what a RAM policy must allow). */
  get ecsActions(): readonly string[] {
    return this.ecsApi?.actions ?? [];
  }

  /** Records an error once, however many outputs it rejected. */
  record(error: unknown): void {
    this.once.error(error);
  }

  /** Forgets the refusals so far. */
  clear(): void {
    this.refusals.length = 0;
    this.once.clear();
  }

  /**
   * Ends the capture; unhandled rejections and `pulumi.log.info` go where they went before, and
   * the ECS client's environment is what it was. The local ECS API closes; {@link closed} says when.
   */
  stop(): void {
    this.closed = this.ecsApi?.stop() ?? Promise.resolve();
    this.capture.stop();
    this.restoreInfo?.();
    this.restoreInfo = undefined;
  }

  /** Collects `pulumi.log.info` into {@link infos} until {@link stop} (without an engine it would print to stdout). */
  collectInfo(): void {
    this.restoreInfo = interceptLog(pulumi, ["info"], (_level, message, resource) => {
      this.infos.push({ message, resource: resourceRefOf(resource) });
    });
  }

  private restoreInfo: (() => void) | undefined;

  /** Resolves when the local ECS API has closed after {@link stop}. */
  closed: Promise<void> = Promise.resolve();
}

let current: Simulation | undefined;

/**
 * Installs a simulated account as Pulumi's mocks and starts collecting refusals; ends the
 * previous simulation. Create resources after it, read `simulation.refusals` after
 * {@link settled}.
 */
export function simulate(options: SimulationOptions = {}): Promise<Simulation> {
  return startSimulation(options, false);
}

/**
 * {@link simulate}; with `serveEcs`, for a run with an end ({@link runProgram}), the account is
 * also served as the local ECS API until {@link Simulation.stop} (a server left listening would
 * keep a test process alive, so {@link simulate}, which has no end of its own, does not serve it).
 */
async function startSimulation(options: SimulationOptions, serveEcs: boolean): Promise<Simulation> {
  current?.stop();
  // Registrations still in flight from an earlier program finish against its own mocks.
  await settled();
  await current?.closed;
  const account = accountOf(options);
  const preview = options.preview ?? true;
  const found = options.project === undefined ? nearestProject(process.cwd()) : undefined;
  const project = options.project ?? found?.name ?? "project";
  const stack = options.stack ?? "test";
  // The configuration is checked before anything is started: a refused key leaves no server listening.
  let config: Record<string, string> | undefined;
  if (options.config) {
    config = {};
    for (const [key, value] of Object.entries(options.config)) {
      if (value === undefined) continue;
      if (options.project === undefined && !found) refuseForeignNamespace(key, project);
      config[key.includes(":") ? key : `${project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  const ecsApi = serveEcs ? await serveEcsApi(account) : undefined;
  const holder: { simulation?: Simulation } = {};
  const capture = captureRefusals((error) => holder.simulation?.record(error));
  const simulation = (holder.simulation = new Simulation(account, capture, ecsApi));
  simulation.collectInfo();
  try {
    await installMocks(pulumi, account.mocks(preview), { project, stack, preview, config });
  } catch (err) {
    simulation.stop();
    await simulation.closed;
    throw err;
  }
  return (current = simulation);
}

/** The nearest Pulumi.yaml at or above `dir`: its file and the project's name. */
export function nearestProject(dir: string): { file: string; name: string } | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const file = path.join(at, "Pulumi.yaml");
    if (existsSync(file)) {
      const name = /^name:\s*["']?([^"'#\s]+)/m.exec(readFileSync(file, "utf8"))?.[1];
      return name ? { file, name } : undefined;
    }
    if (path.dirname(at) === at) return undefined;
  }
}

/** Namespaces a program reads besides its project's: Pulumi's own, and installed Pulumi packages. */
function isPackageNamespace(namespace: string): boolean {
  if (namespace === "pulumi" || namespace === "essd-snapshots") return true;
  try {
    require.resolve(`@pulumi/${namespace}/package.json`, { paths: [process.cwd(), __dirname] });
    return true;
  } catch {
    return false;
  }
}

/**
 * With no project given and no Pulumi.yaml to take it from, a key in another namespace than a
 * package's is the program's own under a name the kit cannot know: `new pulumi.Config()` would
 * read "project:…" and never see it. Said, instead of silently ignored.
 */
function refuseForeignNamespace(key: string, project: string): void {
  const namespace = key.includes(":") ? key.slice(0, key.indexOf(":")) : undefined;
  if (namespace === undefined || namespace === project || isPackageNamespace(namespace)) return;
  throw new Error(
    `The config key "${key}" is in the namespace "${namespace}", but the program's project is "${project}": no project option was given and no Pulumi.yaml was found in ${process.cwd()} or above, so new pulumi.Config() in the program reads "${project}:…" and would never see it. Pass project: "${namespace}" (or run the test from the project's folder), or write the key without a namespace.`,
  );
}

function accountOf(options: SimulationOptions): SimulatedAccount {
  if (options.account instanceof SimulatedAccount) return options.account;
  if (options.accountFile !== undefined) {
    if (options.account !== undefined) throw new Error("Pass either account or accountFile, not both.");
    return new SimulatedAccount(loadAccountSpec(options.accountFile));
  }
  return new SimulatedAccount({ regionId: "cn-hangzhou", disks: [], instances: [], ...options.account });
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
  /**
   * The outputs with their own types (no marker strings): `run.known("summary").restoredDisks`
   * under strict TypeScript, without a cast. Throws an Error naming the first output, at any
   * depth, that is unknown (a preview), rejected or still pending, and why.
   */
  known(): Known<T>;
  known<K extends keyof Known<T>>(key: K): Known<T>[K];
}

/** An output's value as the program typed it, every output and promise in it resolved. */
export type Known<T> =
  T extends pulumi.Output<infer U>
    ? Known<U>
    : T extends Promise<infer U>
      ? Known<U>
      : T extends (infer U)[]
        ? Known<U>[]
        : T extends object
          ? { [K in keyof T]: Known<T[K]> }
          : T;

const MARKERS: Record<string, string> = {
  [UNKNOWN]:
    'is unknown: in a preview it is known only after its resource is created. Simulate an update (preview: false), or assert on run.outputs, where it is "[unknown]"',
  [FAILED]: "was rejected: its error is in run.errors",
  [PENDING]:
    "did not settle: a resource it depends on was refused or never registered; check run.errors, or raise settleMs",
};

/** The value with no marker in it, or an Error naming where the first marker is. */
export function knownValue<T>(value: unknown, where: string): T {
  const visit = (v: unknown, at: string): void => {
    if (typeof v === "string" && v in MARKERS) throw new Error(`The output ${at} ${MARKERS[v]}.`);
    if (Array.isArray(v)) v.forEach((item, i) => visit(item, `${at}[${i}]`));
    else if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype)
      for (const [k, item] of Object.entries(v))
        visit(item, /^[A-Za-z_$][\w$]*$/.test(k) ? `${at}.${k}` : `${at}[${JSON.stringify(k)}]`);
  };
  visit(value, where);
  return value as T;
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
  const simulation = await startSimulation(options, true);
  const deadline = Date.now() + (options.settleMs ?? 3000);
  const warnings: Diagnostic[] = [];
  const restoreLog = interceptLog(pulumi, ["warn", "error"], (level, message, resource) => {
    if (level === "warn") warnings.push({ message, resource: resourceRefOf(resource) });
    else simulation.record(Object.assign(new Error(message), { resource }));
  });
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
    restoreLog();
    simulation.stop();
    forgetAbandonedPromises();
    await simulation.closed;
  }
  const errors = [...simulation.refusals];
  function known(): Known<T>;
  function known<K extends keyof Known<T>>(key: K): Known<T>[K];
  function known(key?: PropertyKey): unknown {
    if (key === undefined) return knownValue(outputs, "outputs");
    const all = outputs as Record<PropertyKey, unknown> | undefined;
    if (typeof all !== "object" || all === null || !(key in all)) {
      throw new Error(
        `The program returned no output ${String(key)}; it returned ${typeof all === "object" && all !== null ? Object.keys(all).join(", ") || "no outputs" : JSON.stringify(all)}.`,
      );
    }
    return knownValue(all[key], String(key));
  }
  return {
    known,
    ok: errors.length === 0,
    outputs: outputs as Resolved<T>,
    errors,
    warnings,
    infos: [...simulation.infos],
    resources: [...simulation.account.resources],
    account: simulation.account,
  };
}

// ---- outputs ---------------------------------------------------------------------------------

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
