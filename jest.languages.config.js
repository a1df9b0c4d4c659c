/**
 * `npm run test:languages`: the components served to other Pulumi languages (provider/), through
 * the real engine (scripts/pulumi-sim), the YAML language host built by scripts/build-yaml-host and
 * the stand-in Python host (engine/pythonHost.ts, venv by scripts/build-python-venv).
 */
const unit = require("./jest.config");

module.exports = {
  ...unit,
  roots: ["<rootDir>/tests/languages"],
  testPathIgnorePatterns: [],
  setupFilesAfterEnv: [],
  maxWorkers: 1,
  testTimeout: 10 * 60 * 1000,
};
