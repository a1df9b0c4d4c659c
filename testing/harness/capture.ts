/**
 * Refusals nobody can await. Under Pulumi's mocks a refused resource leaves rejected promises
 * inside the SDK (the child's registration, the component's registered outputs, outputs nobody
 * read); the Pulumi CLI's runtime logs each such `ResourceError` once and carries on, but a
 * plain Node process dies of it and Jest fails whichever test is running. While a capture is
 * active, each of them is handed to its listener instead; any other unhandled rejection goes
 * where it would have gone.
 *
 * Under Jest a test cannot reach the real `process` (its `process` is a copy), so the test
 * environment `essd-snapshots/testing/jest-environment` forwards the rejections to the capture
 * through the test file's global.
 */
import * as pulumi from "@pulumi/pulumi";

/** Set on the test file's global by the Jest environment. */
export const JEST_ENVIRONMENT_MARK = "__essdSnapshotsJestEnvironment";
/** The active capture's sink, on the test file's global, read by the Jest environment. */
export const REJECTION_SINK = "__essdSnapshotsRejectionSink";

/** Returns true when it took the rejection. */
export type RejectionSink = (reason: unknown) => boolean;

type Listener = (reason: unknown, promise: Promise<unknown>) => void;
type Holder = { [REJECTION_SINK]?: RejectionSink; [JEST_ENVIRONMENT_MARK]?: boolean };

export interface Capture {
  /** Ends the capture: unhandled rejections go where they went before. */
  stop(): void;
}

let active: Capture | undefined;

/**
 * True when this code runs inside a Jest test file (a process that Jest merely started, such as
 * a spawned command, inherits JEST_WORKER_ID but has no test globals).
 */
function underJest(): boolean {
  const holder = globalThis as Holder & { expect?: unknown };
  return holder[JEST_ENVIRONMENT_MARK] === true || (process.env.JEST_WORKER_ID !== undefined && "expect" in holder);
}

/**
 * Hands every `pulumi.ResourceError` that rejects with nobody awaiting it to `onRefusal`, until
 * `stop()` (or the next capture, which ends this one); with `everything`, every unhandled
 * rejection (as the Pulumi CLI reports any). Under Jest it needs the test environment
 * `essd-snapshots/testing/jest-environment`, and says so when it is missing.
 */
export function captureRefusals(onRefusal: (error: Error) => void, options: { everything?: boolean } = {}): Capture {
  active?.stop();
  const sink: RejectionSink = (reason) => {
    if (pulumi.ResourceError.isInstance(reason)) onRefusal(reason);
    else if (options.everything) onRefusal(reason instanceof Error ? reason : new Error(String(reason)));
    else return false;
    return true;
  };
  const capture = underJest() ? throughJestEnvironment(sink) : throughProcess(sink);
  const mine: Capture = {
    stop: () => {
      capture.stop();
      if (active === mine) active = undefined;
    },
  };
  return (active = mine);
}

function throughJestEnvironment(sink: RejectionSink): Capture {
  const holder = globalThis as Holder;
  if (!holder[JEST_ENVIRONMENT_MARK]) {
    throw new Error(
      'Under Jest, a refused resource\'s rejections reach only the test environment: set testEnvironment: "essd-snapshots/testing/jest-environment" in jest.config.js (or a "@jest-environment essd-snapshots/testing/jest-environment" docblock in the test file).',
    );
  }
  holder[REJECTION_SINK] = sink;
  return {
    stop: () => {
      if (holder[REJECTION_SINK] === sink) delete holder[REJECTION_SINK];
    },
  };
}

function throughProcess(sink: RejectionSink): Capture {
  const saved = process.rawListeners("unhandledRejection") as Listener[];
  const listener: Listener = (reason, promise) => {
    if (sink(reason)) return;
    if (saved.length > 0) {
      saved.forEach((l) => l(reason, promise));
      return;
    }
    // What Node does with no listener: the process ends with the error.
    setImmediate(() => {
      throw reason;
    });
  };
  // A rejection reported here may be handled later: the SDK reads an output's isKnown and
  // isSecret promises (which reject with it) only when it serializes the output, and a program's
  // exported promise is awaited only once the program has run. Node then prints
  // PromiseRejectionHandledWarning unless someone listens for "rejectionHandled"; the error was
  // already reported once, as the Pulumi runtime does.
  const handledLate = (): void => undefined;
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", listener);
  process.on("rejectionHandled", handledLate);
  return {
    stop: () => {
      process.removeListener("rejectionHandled", handledLate);
      process.removeListener("unhandledRejection", listener);
      for (const l of saved)
        if (!process.rawListeners("unhandledRejection").includes(l)) process.on("unhandledRejection", l);
    },
  };
}
