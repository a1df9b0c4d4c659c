/**
 * The Jest test environment for programs under Pulumi's mocks: Node's, plus one guard. Jest
 * (jest-circus) replaces every `unhandledRejection` listener when a test file starts, and a
 * test's `process` is a copy that never sees the real events, so only an environment can catch
 * the rejections a refused resource leaves behind. The guard hands them to the capture that
 * `essd-snapshots/testing` starts (`simulate`, `runProgram`, `captureRefusals`), and every other
 * unhandled rejection to Jest, which fails the running test.
 *
 *   // jest.config.js
 *   module.exports = { testEnvironment: "essd-snapshots/testing/jest-environment" };
 */
import { TestEnvironment } from "jest-environment-node";

import { JEST_ENVIRONMENT_MARK, REJECTION_SINK, type RejectionSink } from "./harness/capture";

type Listener = (reason: unknown, promise: Promise<unknown>) => void;

// Jest's own listeners while a test file runs; none between files.
let jestListeners: Listener[] = [];
// The running file's global, where the active capture leaves its sink.
let testGlobal: Record<string, unknown> | undefined;

function guard(reason: unknown, promise: Promise<unknown>): void {
  const sink = testGlobal?.[REJECTION_SINK] as RejectionSink | undefined;
  if (sink?.(reason)) return;
  if (jestListeners.length === 0) {
    // Between files no test can own it: say so rather than kill the worker.
    process.stderr.write(
      `unhandled rejection after a test file ended: ${reason instanceof Error ? reason.stack : String(reason)}\n`,
    );
    return;
  }
  jestListeners.forEach((listener) => listener(reason, promise));
}

class PulumiMocksEnvironment extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    this.global[JEST_ENVIRONMENT_MARK] = true;
  }

  handleTestEvent(event: { name: string }): void {
    // jest-circus installs its listeners on "setup" and, on "teardown", puts back those it found
    // at "setup" (the guard among them) before this runs.
    if (event.name === "setup") {
      testGlobal = this.global;
      jestListeners = (process.rawListeners("unhandledRejection") as Listener[]).filter((l) => l !== guard);
      process.removeAllListeners("unhandledRejection");
      process.on("unhandledRejection", guard);
    }
    if (event.name === "teardown") {
      jestListeners = [];
      testGlobal = undefined;
      // Exactly one guard between files: jest-circus restored the one it found at "setup", and
      // the one added at "setup" is still there (one more per test file, never removed, was
      // Node's MaxListenersExceededWarning after ten files).
      process.removeListener("unhandledRejection", guard);
      if (!process.rawListeners("unhandledRejection").includes(guard)) process.on("unhandledRejection", guard);
    }
  }
}

export = PulumiMocksEnvironment;
