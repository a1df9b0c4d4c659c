/**
 * The offline preview, in-process: runs a Pulumi program (this repository's index.ts, or any
 * program given as a file or a project folder) as `pulumi preview` would, against a simulated
 * account, and collects what the preview would show: the resources
 * to create with their parents and inputs, every warning and error bound to its resource, the
 * stack outputs, and the lookups the program made.
 *
 * How it stands in for the Pulumi CLI and engine:
 * - Config: the SDK reads `PULUMI_CONFIG` from the environment once, into its store, when it
 *   is first used; `pulumi.runtime.setAllConfig` writes that store, so each run gets its
 *   stack's config even when the SDK is already loaded (tests run several stacks in one process).
 * - Engine: `pulumi.runtime.setMocks(account.mocks(true), project, stack, preview = true)`.
 * - The program runs inside `runInPulumiStack`, as the Node language host runs it; a stack
 *   transformation sees every resource constructed, with its parent.
 * - Diagnostics: with no engine connected, `pulumi.log.warn/error` print to the console; they
 *   are replaced for the run and their (message, resource) kept. A refusal rejects outputs with
 *   a `pulumi.ResourceError` whose `resource` is the component; nobody awaits the child's
 *   registration, so it surfaces as an unhandled rejection, collected here and reported once
 *   per error object, as the Pulumi runtime does.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

import { AccountFileError, loadAccountSpec, NO_API_COUNTS, SimulatedAccount, type ApiCounts } from "../simulator";
import { StackConfigError } from "../stack/config";
import { describeYamlFailure, readProjectFile, readStackFile, StackFileError } from "../stack/files";
import { captureRefusals } from "../testing/harness/capture";
import { serveEcsApi } from "../testing/harness/ecsApi";
import { UNKNOWN, firstRejection, resolve, within } from "../testing/harness/outputs";
import { OncePerError, diagnosticOf, quiesce, type Diagnostic, type ResourceRef } from "../testing/harness/run";
import {
  installMocks,
  interceptLog,
  resourceRefOf,
  runInStack,
  sdkFor,
  type Constructed,
} from "../testing/harness/sdk";
import { loadTypeScriptFrom } from "./typescript";

const STACK_TYPE = "pulumi:pulumi:Stack";

export interface PreviewOptions {
  /** The stack to preview: its config is `<stackConfigDir>/Pulumi.<stack>.yaml`. */
  stack: string;
  /**
   * The program: a project folder (its Pulumi.yaml `main`, else package.json `main`, else
   * index.ts or index.js), or a file, whose project is the nearest folder above it with a
   * Pulumi.yaml. Default: this repository's stack program.
   */
  program?: string;
  /** The folder of Pulumi.yaml, when `program` is not given. Default: this repository. */
  projectDir?: string;
  /** Another stack file to preview (like `pulumi preview --config-file`). */
  configFile?: string;
  /** The simulated account. Default: `<stack>.account.yaml` beside the stack file. */
  accountFile?: string;
  /** How long outputs may take to settle before they are shown as pending. Default: 3000 ms. */
  settleMs?: number;
  /** Keep the stack of each error the program threw. Default: ESSD_PREVIEW_VERBOSE=1. */
  verbose?: boolean;
}

export interface PlannedResource extends ResourceRef {
  /** The parent's name; null for the stack itself. */
  parent: string | null;
  parentType: string | null;
  /** `create`; `blocked` when its inputs were refused, so the engine would never register it. */
  plan: "create" | "blocked";
  /** The inputs the engine received (unknown values shown as "[unknown]"); empty for components. */
  inputs: Record<string, unknown>;
}

/** A diagnostic of the plan, with its severity; one bound to no resource is the stack's. */
export interface PreviewDiagnostic extends Diagnostic {
  severity: "error" | "warning" | "info";
  resource: ResourceRef;
  /**
   * For an error the program threw (not a refusal): where, as `file:line:column` relative to the
   * working folder, from the first frame of its stack inside the program's project.
   */
  at?: string;
  /** The error's stack, with `verbose` (`--verbose`, or ESSD_PREVIEW_VERBOSE=1). */
  stack?: string;
}

export interface PreviewTotals {
  resources: number;
  toCreate: number;
  blocked: number;
  errors: number;
  warnings: number;
  /** Invokes made (getEcsDisks + getInstances + getEcsSnapshots). */
  lookups: number;
  /** The invokes, and the ECS API requests they imply. */
  api: ApiCounts;
}

export interface PreviewResult {
  /** What this preview proves and what it does not: it checks a simulated account, not real disks. */
  notice: string;
  project: string;
  stack: string;
  /** The program run, relative to the working folder. */
  program: string;
  /** The stack file and the account file, relative to the working folder. */
  configFile: string;
  accountFile: string;
  /** The account's region and size, when it could be loaded. */
  account: { regionId: string; disks: number; instances: number } | null;
  resources: PlannedResource[];
  diagnostics: PreviewDiagnostic[];
  outputs: Record<string, unknown>;
  totals: PreviewTotals;
  durationMs: number;
}

const NO_COUNTS: ApiCounts = { ...NO_API_COUNTS };

/** A usage mistake (a program or stack that does not exist): the CLI exits 2, not 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const NOTICE =
  "This preview checks a simulated account, not your real disks: run `pulumi preview` against Alibaba Cloud before you merge to prove the real ones.";

/**
 * Pulumi's default (runtime.options.typescript true) type-checks a TypeScript program through
 * ts-node; this preview transpiles only, as Pulumi does with `typescript: false`.
 */
const NOT_TYPE_CHECKED =
  "It does not type-check the program, while `pulumi preview` does for this project (Pulumi.yaml runtime.options.typescript is not false): run `npx tsc --noEmit` as well.";

/** The project folder and the program file of a `--program` argument (a folder or a file). */
function locateProgram(
  program: string | undefined,
  projectDir: string | undefined,
): { projectDir: string; file: string } {
  if (program === undefined) {
    const dir = path.resolve(projectDir ?? path.join(__dirname, ".."));
    return { projectDir: dir, file: programOfProject(dir) };
  }
  const target = path.resolve(program);
  if (!existsSync(target)) {
    throw new UsageError(
      `--program ${program}: no such file or folder; expected a Pulumi program's file or its project folder.`,
    );
  }
  if (statSync(target).isDirectory()) return { projectDir: target, file: programOfProject(target) };
  let dir = path.dirname(target);
  while (!existsSync(path.join(dir, "Pulumi.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new UsageError(
        `--program ${program}: no Pulumi.yaml in its folder or above; expected a program inside a Pulumi project (the project names the stack files).`,
      );
    }
    dir = parent;
  }
  return { projectDir: dir, file: target };
}

/** As the Pulumi CLI finds a Node program: Pulumi.yaml `main`, package.json `main`, index.ts/index.js. */
function programOfProject(dir: string): string {
  let main: string | undefined;
  try {
    main = readProjectFile(dir).main;
  } catch {
    // reported when the project is read for the preview
  }
  if (main === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { main?: unknown };
      if (typeof pkg.main === "string") main = pkg.main;
    } catch {
      // no package.json
    }
  }
  const candidates =
    main !== undefined ? [main, path.join(main, "index.ts"), path.join(main, "index.js")] : ["index.ts", "index.js"];
  for (const candidate of candidates) {
    const file = path.resolve(dir, candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  throw new UsageError(
    `${dir} has no program: expected Pulumi.yaml main, package.json main, index.ts or index.js in it (looked for ${candidates.join(", ")}).`,
  );
}

/** The stacks of a project: the names of its Pulumi.<stack>.yaml files. */
function stacksOf(stackDir: string): string[] {
  try {
    return readdirSync(stackDir)
      .map((f) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(f)?.[1])
      .filter((s): s is string => s !== undefined)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Runs one offline preview. Never throws for a problem of the stack: that is a diagnostic.
 * Throws {@link UsageError} when the program, or the stack named without a config file, does not exist.
 */
export async function runPreview(options: PreviewOptions): Promise<PreviewResult> {
  const started = performance.now();
  const located = locateProgram(options.program, options.projectDir);
  const projectDir = located.projectDir;
  if (/\.tsx?$/.test(located.file)) {
    const cannotLoad = loadTypeScriptFrom(projectDir);
    if (cannotLoad !== undefined) throw new UsageError(cannotLoad);
  }
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  let project = path.basename(projectDir);
  let configFile = options.configFile ?? `Pulumi.${options.stack}.yaml`;
  let accountFile = options.accountFile ?? `${options.stack}.account.yaml`;
  const stackRef = (): ResourceRef => ({ type: STACK_TYPE, name: `${project}-${options.stack}` });

  const setupProblems: string[] = [];
  let stackConfig: Record<string, string> = {};
  let secretKeys: string[] = [];
  let account: SimulatedAccount | undefined;
  let accountSummary: PreviewResult["account"] = null;
  let notice = NOTICE;
  try {
    const projectFile = readProjectFile(projectDir);
    project = projectFile.name;
    if (projectFile.typescript && /\.tsx?$/.test(located.file)) notice = `${NOTICE} ${NOT_TYPE_CHECKED}`;
    const stackDir = path.resolve(projectDir, projectFile.stackConfigDir);
    configFile = path.resolve(options.configFile ?? path.join(stackDir, `Pulumi.${options.stack}.yaml`));
    if (options.configFile === undefined && !existsSync(configFile)) {
      const stacks = stacksOf(stackDir);
      throw new UsageError(
        `There is no stack "${options.stack}" in ${shown(projectDir) || "."}: ${shown(configFile)} does not exist. ${stacks.length > 0 ? `The stacks are: ${stacks.join(", ")}.` : `${shown(stackDir)} has no Pulumi.<stack>.yaml.`} Pass --stack with one of them, or --config-file.`,
      );
    }
    accountFile = path.resolve(
      options.accountFile ?? path.join(path.dirname(configFile), `${options.stack}.account.yaml`),
    );
    ({ config: stackConfig, secretKeys } = readStackFile(configFile, project));
  } catch (err) {
    if (!(err instanceof StackFileError)) throw err;
    setupProblems.push(...err.problems);
  }
  if (setupProblems.length === 0) {
    try {
      const spec = loadAccountSpec(accountFile);
      account = new SimulatedAccount(spec);
      accountSummary = { regionId: spec.regionId, disks: spec.disks.length, instances: spec.instances.length };
      const region = stackConfig["alicloud:region"];
      if (region !== undefined && region !== spec.regionId) {
        setupProblems.push(
          `alicloud:region is "${region}" in ${shown(configFile)}, but ${shown(accountFile)} simulates region "${spec.regionId}"; expected the account of the stack's region.`,
        );
      }
    } catch (err) {
      // The parser's guard against aliases that expand too far throws a plain ReferenceError.
      if (!(err instanceof AccountFileError)) {
        if (!(err instanceof ReferenceError)) throw err;
        setupProblems.push(describeYamlFailure(shown(accountFile), err, "an account file"));
      } else setupProblems.push(...err.problems.map((p) => `${shown(accountFile)}: ${p}`));
    }
  }

  const base = {
    notice,
    project,
    stack: options.stack,
    program: shown(located.file),
    configFile: shown(configFile),
    accountFile: shown(accountFile),
  };
  if (setupProblems.length > 0 || !account) {
    const diagnostics = setupProblems.map((message): PreviewDiagnostic => ({
      severity: "error",
      resource: stackRef(),
      message,
    }));
    return finish({ ...base, account: accountSummary, resources: [], diagnostics, outputs: {} }, NO_COUNTS, started);
  }

  const run = await runStack(located.file, account, project, options.stack, stackConfig, secretKeys, {
    settleMs: options.settleMs ?? 3000,
    projectDir,
    verbose: options.verbose ?? process.env.ESSD_PREVIEW_VERBOSE === "1",
  });
  return finish({ ...base, account: accountSummary, ...run }, account.counts(), started);
}

function finish(result: Omit<PreviewResult, "totals" | "durationMs">, api: ApiCounts, started: number): PreviewResult {
  const toCreate = result.resources.filter((r) => r.plan === "create").length;
  return {
    ...result,
    totals: {
      resources: result.resources.length,
      toCreate,
      blocked: result.resources.length - toCreate,
      errors: result.diagnostics.filter((d) => d.severity === "error").length,
      warnings: result.diagnostics.filter((d) => d.severity === "warning").length,
      lookups: api.getEcsDisks + api.getInstances + api.getEcsSnapshots,
      api,
    },
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Loads the program inside the stack, as the Node language host does: a module that exports a
 * function is called and its result is the stack's outputs; otherwise its exports are.
 */
async function loadProgram(file: string): Promise<unknown> {
  // Each preview runs the program anew (a program's top-level code builds its resources).
  delete require.cache[require.resolve(file)];
  const loaded = require(file) as unknown; // eslint-disable-line @typescript-eslint/no-require-imports
  const mod = loaded as { __esModule?: boolean; default?: unknown } | undefined;
  const exported = mod?.__esModule && typeof mod.default === "function" ? mod.default : loaded;
  return typeof exported === "function" ? await Promise.resolve<unknown>((exported as () => unknown)()) : exported;
}

/** Runs the program in its stack under the simulated account: what the preview shows of it. */
async function runStack(
  programFile: string,
  account: SimulatedAccount,
  project: string,
  stack: string,
  config: Record<string, string>,
  secretKeys: string[],
  { settleMs, projectDir, verbose }: { settleMs: number; projectDir: string; verbose: boolean },
): Promise<Pick<PreviewResult, "resources" | "diagnostics" | "outputs">> {
  const stackRef: ResourceRef = { type: STACK_TYPE, name: `${project}-${stack}` };
  const constructed = new Map<pulumi.Resource, Constructed>();
  const diagnostics: PreviewDiagnostic[] = [];
  const add = (
    severity: PreviewDiagnostic["severity"],
    { message, resource }: Diagnostic,
    where: Pick<PreviewDiagnostic, "at" | "stack"> = {},
  ) => diagnostics.push({ severity, resource: resource ?? stackRef, message, ...where });

  // Each error object is reported once, however many outputs it rejected; a config error is one
  // diagnostic per problem.
  const errors = new OncePerError((err) => {
    if (err instanceof StackConfigError) for (const message of err.problems) add("error", { message });
    else {
      const where = programError(err, projectDir, verbose);
      const diagnostic = diagnosticOf(err);
      // A bug reads as Node prints it: "TypeError: disks is not iterable".
      if (where.at && err instanceof Error && err.name !== "Error")
        diagnostic.message = `${err.name}: ${diagnostic.message}`;
      add("error", diagnostic, where);
    }
  });
  const reportError = (err: unknown) => errors.error(err);

  const sdk = sdkFor(programFile);
  const restoreLog = interceptLog(sdk, ["info", "warn", "error"], (level, message, resource) => {
    if (level === "error") reportError(Object.assign(new Error(message), { resource }));
    else add(level === "warn" ? "warning" : "info", { message, resource: resourceRefOf(resource) });
  });
  // Refusals nobody awaits, as the Pulumi runtime reports them (under Jest, through the kit's environment).
  const capture = captureRefusals(reportError, { everything: true });

  let returned: unknown;
  let outputs: Record<string, unknown> = {};
  // Components that call ECS themselves (EssdSnapshotGroup) reach the same account over the local ECS API.
  let ecsApi: Awaited<ReturnType<typeof serveEcsApi>> | undefined;
  try {
    ecsApi = await serveEcsApi(account);
    await installMocks(sdk, account.mocks(true), { project, stack, preview: true, config, secretKeys });
    const deadline = Date.now() + settleMs;
    const stackRun = runInStack(
      sdk,
      async () => {
        try {
          returned = await loadProgram(programFile);
        } catch (err) {
          reportError(err); // as the language host reports a program that throws
        }
        // The outputs are awaited one by one below, so that one refusal does not hide the others.
      },
      (c) => constructed.set(c.resource, c),
    );
    const ran = await within(stackRun, deadline);
    if (ran.state === "rejected") reportError(ran.error);
    // A module's exports may come from another realm (a test runner's sandbox): copy them.
    const exported = typeof returned === "object" && returned !== null ? { ...returned } : undefined;
    if (exported) outputs = plain(await resolve(exported, deadline, reportError)) as Record<string, unknown>;
    await quiesce(account, deadline);
    // A resource whose inputs were refused never registers. The runtime reports the refusal as
    // an unhandled rejection, which a test runner's sandbox may keep from the listener above;
    // the rejected input says the same, so it is read from there too. By now every refusal
    // has happened: an input still pending waits on another blocked resource.
    const registered = new Set(account.resources.map((r) => `${r.type}::${r.name}`));
    const blocked = [...constructed.values()].filter((c) => !registered.has(`${c.type}::${c.name}`));
    const grace = Math.min(deadline, Date.now() + 200);
    const causes = await Promise.all(blocked.map((c) => firstRejection(c.props, grace)));
    causes.forEach((err) => err && reportError(err));
    if (blocked.length > 0 && !diagnostics.some((d) => d.severity === "error")) {
      // Nothing was refused, yet something never registered: a program that would hang.
      for (const c of blocked) {
        add("error", {
          resource: { type: c.type, name: c.name },
          message: `${c.name} was never registered: its inputs did not settle within ${settleMs} ms, and none was refused. An output it depends on never resolves.`,
        });
      }
    }
  } finally {
    restoreLog();
    capture.stop();
    await ecsApi?.stop();
  }
  const resources = plannedResources(constructed, account, stackRef);
  // Diagnostics in the order of the resources they belong to, as the tree shows them.
  const order = new Map(resources.map((r, i) => [`${r.type}::${r.name}`, i]));
  const rank = (d: PreviewDiagnostic) => order.get(`${d.resource.type}::${d.resource.name}`) ?? 0;
  return { resources, diagnostics: diagnostics.sort((a, b) => rank(a) - rank(b)), outputs };
}

/**
 * Where a plain error of the program (a bug, not a refusal) was thrown: the first frame of its
 * stack in a file of the project (outside node_modules), as the Pulumi CLI shows a program's
 * stack trace; the stack itself when verbose. Refusals (`ResourceError`) are bound to their
 * resource and say what to do: they get neither.
 */
export function programError(
  err: unknown,
  projectDir: string,
  verbose: boolean,
): Pick<PreviewDiagnostic, "at" | "stack"> {
  if (!(err instanceof Error) || pulumi.ResourceError.isInstance(err) || typeof err.stack !== "string") return {};
  const inside = path.resolve(projectDir) + path.sep;
  let at: string | undefined;
  for (const line of err.stack.split("\n")) {
    const frame = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!frame) continue;
    const file = frame[1].replace(/^file:\/\//, "");
    if (!file.startsWith(inside) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    at = `${path.relative(process.cwd(), file) || file}:${frame[2]}:${frame[3]}`;
    break;
  }
  return { ...(at ? { at } : {}), ...(verbose ? { stack: err.stack } : {}) };
}

/** The resources in construction order, each with its parent, and whether the engine got it. */
function plannedResources(
  constructed: Map<pulumi.Resource, Constructed>,
  account: SimulatedAccount,
  stackRef: ResourceRef,
): PlannedResource[] {
  // Inputs as the engine received them, by type and name (unique among one stack's resources).
  const registered = new Map<string, Record<string, unknown>[]>();
  for (const r of account.resources) {
    const key = `${r.type}::${r.name}`;
    registered.set(key, [...(registered.get(key) ?? []), r.inputs]);
  }
  const stack: PlannedResource = {
    ...stackRef,
    parent: null,
    parentType: null,
    plan: "create",
    inputs: {},
  };
  const planned = [...constructed.values()].map((c): PlannedResource => {
    const parent = (c.parent && constructed.get(c.parent)) ?? stackRef;
    const inputs = registered.get(`${c.type}::${c.name}`)?.shift();
    return {
      type: c.type,
      name: c.name,
      parent: parent.name,
      parentType: parent.type,
      plan: inputs ? "create" : "blocked",
      inputs: inputs ? (plain(inputs) as Record<string, unknown>) : {},
    };
  });
  return [stack, ...planned];
}

/** A value for display and JSON: unknowns as "[unknown]", resources by name, no functions. */
function plain(value: unknown): unknown {
  if (pulumi.isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(plain);
  if (pulumi.Resource.isInstance(value)) return `[resource]`;
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
