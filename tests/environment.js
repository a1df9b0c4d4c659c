/**
 * The Node test environment, with one guard. Under Pulumi's mocks a refused resource leaves
 * rejections that nobody can await (the child's registration, the component's registered
 * outputs), which Jest would pin on the test that made them (pulumi/pulumi#16665). The tests
 * observe every refusal through the rejected output or the logged message; this guard
 * absorbs Pulumi ResourceErrors only, and hands every other unhandled rejection to Jest.
 */
const { TestEnvironment } = require("jest-environment-node");
const { ResourceError } = require("@pulumi/pulumi/errors");

class PulumiMocksEnvironment extends TestEnvironment {
  handleTestEvent(event) {
    // Jest installs its own listeners on "setup" and restores the previous ones on "teardown".
    if (event.name === "setup") {
      const jestListeners = process.listeners("unhandledRejection");
      process.removeAllListeners("unhandledRejection");
      this.guard = (reason, promise) => {
        if (ResourceError.isInstance(reason)) return;
        jestListeners.forEach((listener) => listener(reason, promise));
      };
      process.on("unhandledRejection", this.guard);
    }
    if (event.name === "teardown" && this.guard) {
      process.removeListener("unhandledRejection", this.guard);
      this.guard = undefined;
    }
  }
}

module.exports = PulumiMocksEnvironment;
