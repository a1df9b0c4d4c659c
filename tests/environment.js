/**
 * The Node test environment, with one guard. Under Pulumi's mocks a refused resource leaves
 * rejections that nobody can await (the child's registration, the component's registered
 * outputs), which Jest would pin on the test that made them, or which kill the worker when
 * they arrive after a file's last test (pulumi/pulumi#16665). The tests observe every refusal
 * through the rejected output or the logged message; this guard absorbs Pulumi
 * ResourceErrors only, and hands every other unhandled rejection to Jest.
 */
const { TestEnvironment } = require("jest-environment-node");
const { ResourceError } = require("@pulumi/pulumi/errors");

// Jest's own listeners while a test file runs; none between files.
let jestListeners = [];

function guard(reason, promise) {
  if (ResourceError.isInstance(reason)) return;
  if (jestListeners.length === 0) throw reason;
  jestListeners.forEach((listener) => listener(reason, promise));
}

class PulumiMocksEnvironment extends TestEnvironment {
  handleTestEvent(event) {
    // Jest installs its own listeners on "setup" and restores the earlier ones on "teardown".
    if (event.name === "setup") {
      jestListeners = process.listeners("unhandledRejection").filter((l) => l !== guard);
      process.removeAllListeners("unhandledRejection");
      process.on("unhandledRejection", guard);
    }
    if (event.name === "teardown") {
      jestListeners = [];
      if (!process.listeners("unhandledRejection").includes(guard)) process.on("unhandledRejection", guard);
    }
  }
}

module.exports = PulumiMocksEnvironment;
