/**
 * Every use of @pulumi/pulumi beyond its documented API, in one place, for the run harness:
 * the SDK's own promise of an output, a resource's type and name, `pulumi.log` replaced while a
 * program runs, the SDK's record of abandoned promises, the mocks and config installed for a
 * run, and a program run inside a stack as the Node language host runs it. None of it is public
 * API; all of it is stable across 3.x (checked on 3.248).
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

export type Sdk = typeof pulumi;

interface OutputInternals<T> {
  promise(withUnknowns?: boolean): Promise<T>;
  isKnown: Promise<boolean>;
}

/** The SDK's own promise of an output, unknowns included: rejections and unknowns are both observable. */
export function sdkPromise<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as OutputInternals<T>).promise(true);
}

/** Whether an output's value is known (false in a preview for what a resource to create will report). */
export function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
  return (output as unknown as OutputInternals<unknown>).isKnown;
}

/** A resource's type and name (run.ts's ResourceRef), which the SDK keeps on it; undefined for anything else. */
export function resourceRefOf(resource: unknown): { type: string; name: string } | undefined {
  if (!resource) return undefined;
  const r = resource as { __pulumiType?: string; __name?: string };
  return r.__pulumiType && r.__name ? { type: r.__pulumiType, name: r.__name } : undefined;
}

export type LogLevel = "info" | "warn" | "error";
type LogFn = (message: string, resource?: pulumi.Resource) => Promise<void>;

/**
 * Hands the SDK's `pulumi.log` calls of these levels to `onLog` instead (with no engine
 * connected they would print to the console); returns the function that puts them back.
 */
export function interceptLog(
  sdk: Sdk,
  levels: readonly LogLevel[],
  onLog: (level: LogLevel, message: string, resource: pulumi.Resource | undefined) => void,
): () => void {
  const log = sdk.log as unknown as Record<LogLevel, LogFn>;
  const saved = levels.map((level) => [level, log[level]] as const);
  for (const level of levels) {
    log[level] = (message, resource) => {
      onLog(level, message, resource);
      return Promise.resolve();
    };
  }
  return () => {
    for (const [level, fn] of saved) log[level] = fn;
  };
}

/**
 * The registrations of refused resources never settle. The SDK counts such promises and, when a
 * process exits with status 0, prints "The Pulumi runtime detected that N promises were still
 * active" and sets the status to 1; that is right for a deployment and wrong for a test process
 * whose refusals were expected. A run's leftovers are forgotten when it ends.
 */
export function forgetAbandonedPromises(): void {
  try {
    const sdk = createRequire(require.resolve("@pulumi/pulumi"));
    const debuggable = sdk("./runtime/debuggable") as { leakedPromises?: () => unknown };
    if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) debuggable.leakedPromises?.();
  } catch {
    // Another SDK layout: the SDK's own message stays.
  }
}

/** The @pulumi/pulumi a program loads: its own when its project has one, which the mocks must reach. */
export function sdkFor(file: string): Sdk {
  try {
    // Resolved from the program's folder, loaded through this module's require (a test
    // runner's module registry, when there is one, like the program itself).
    const resolved = require.resolve("@pulumi/pulumi", { paths: [path.dirname(file)] });
    return require(resolved) as Sdk; // eslint-disable-line @typescript-eslint/no-require-imports
  } catch {
    return pulumi;
  }
}

export interface MockedStack {
  project: string;
  stack: string;
  /** A preview (resources to create have no ID yet) or an update. */
  preview: boolean;
  /**
   * The stack's config (`project:key` → text), set even when the SDK has already read
   * `PULUMI_CONFIG` (it does so once); left as it is when undefined.
   */
  config?: Record<string, string>;
  secretKeys?: string[];
}

/** Installs mocks in place of the engine, with the stack's config: what the SDK sees of a run. */
export async function installMocks(sdk: Sdk, mocks: pulumi.runtime.Mocks, stack: MockedStack): Promise<void> {
  if (stack.config) sdk.runtime.setAllConfig(stack.config, stack.secretKeys);
  await sdk.runtime.setMocks(mocks, stack.project, stack.stack, stack.preview);
}

/** A resource as it is constructed: its type, name, parent and inputs as the program passed them. */
export interface Constructed {
  resource: pulumi.Resource;
  type: string;
  name: string;
  parent: pulumi.Resource | undefined;
  props: Record<string, unknown>;
}

/**
 * Runs a program inside the stack resource, as the Node language host does, telling
 * `onConstructed` of every resource constructed from then on (children inherit the stack
 * transformation from their parents). Resolves when the program has run; the stack's outputs
 * are left to the caller.
 */
export function runInStack(
  sdk: Sdk,
  program: () => Promise<void>,
  onConstructed: (resource: Constructed) => void,
): Promise<unknown> {
  return sdk.runtime.runInPulumiStack(async () => {
    sdk.runtime.registerStackTransformation(({ resource, type, name, props, opts }) => {
      onConstructed({ resource, type, name, parent: opts.parent, props });
      return undefined;
    });
    await program();
    return {};
  });
}
