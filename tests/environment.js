/**
 * The Node test environment, with one guard. Under Pulumi's mocks a refused resource leaves
 * rejections that nobody can await (the child's registration, the component's registered
 * outputs), which Jest would pin on the test that made them, or which kill the worker when
 * they arrive after a file's last test (pulumi/pulumi#16665). The tests observe every refusal
 * through the rejected output or, for a resource whose inputs were refused, through the
 * error the Pulumi runtime would log: this guard absorbs Pulumi ResourceErrors only, lists
 * them for the tests (reportedErrors() in helpers.ts), and hands every other unhandled
 * rejection to Jest.
 */
const { TestEnvironment } = require("jest-environment-node");
const { ResourceError } = require("@pulumi/pulumi/errors");

// Jest's own listeners while a test file runs; none between files.
let jestListeners = [];
// The running file's global: absorbed errors are listed there for the tests to read.
let testGlobal;

function guard(reason, promise) {
  if (ResourceError.isInstance(reason)) {
    // What the Pulumi runtime would log (once per error): tests assert on it with reportedErrors().
    const reported = testGlobal && (testGlobal.__pulumiResourceErrors ??= new Set());
    reported?.add(reason);
    return;
  }
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
  handleTestEvent(event) {
    // Jest installs its own listeners on "setup" and restores the earlier ones on "teardown".
    if (event.name === "setup") {
      testGlobal = this.global;
      jestListeners = process.listeners("unhandledRejection").filter((l) => l !== guard);
      process.removeAllListeners("unhandledRejection");
      process.on("unhandledRejection", guard);
    }
    if (event.name === "teardown") {
      jestListeners = [];
      testGlobal = undefined;
      if (!process.listeners("unhandledRejection").includes(guard)) process.on("unhandledRejection", guard);
    }
  }
}

module.exports = PulumiMocksEnvironment;
