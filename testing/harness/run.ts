/**
 * What a run of a program under the simulated account reports, and how long it lasts: the
 * diagnostics (as `pulumi preview` prints them, each bound to its resource) and the turns of
 * the event loop that let a run finish. The testing kit (testing/index.ts) and the offline
 * preview (preview/run.ts) both run programs with these.
 */
import type { SimulatedAccount } from "../../simulator";
import { resourceRefOf } from "./sdk";

/** A resource, as a diagnostic names it. */
export interface ResourceRef {
  type: string;
  name: string;
}

/** An error, warning or info as `pulumi preview` would print it, bound to its resource when it has one. */
export interface Diagnostic {
  message: string;
  /** The resource it is bound to; undefined for the program or the stack. */
  resource?: ResourceRef;
}

/** An error (a refusal, an error the program threw, `pulumi.log.error`) as a diagnostic. */
export function diagnosticOf(error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return { message, resource: resourceRefOf((error as { resource?: unknown } | undefined)?.resource) };
}

/**
 * Hands each error object to `report` once, however many outputs it rejected, as the Pulumi
 * runtime logs it.
 */
export class OncePerError {
  private readonly seen = new Set<unknown>();

  constructor(private readonly report: (error: unknown) => void) {}

  error(error: unknown): void {
    if (this.seen.has(error)) return;
    this.seen.add(error);
    this.report(error);
  }

  /** Forgets the errors seen so far. */
  clear(): void {
    this.seen.clear();
  }
}

/** Lets every pending lookup batch flush and every registration reach the mocks. */
export async function settled(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

/**
 * Lets every lookup batch flush, every registration reach the simulated account and every
 * refusal be reported: turns of the event loop until nothing new has reached the account for
 * five of them, or the deadline.
 */
export async function quiesce(account: SimulatedAccount, deadline: number): Promise<void> {
  let quiet = 0;
  let last = -1;
  while (quiet < 5 && Date.now() < deadline) {
    // A timer, not only immediates: in an update the account answers attachments after a delay.
    await new Promise((r) => setTimeout(r, quiet === 0 ? 5 : 0));
    await settled(2);
    const now = account.resources.length + account.invokes.length;
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}
