/**
 * `npm run test:engine`: lifecycle tests through the real Pulumi CLI (scripts/pulumi-sim), one
 * file at a time, since each CLI run starts the engine, a language host and the stand-in provider.
 * The testing kit's environment (from jest.config.js) lets the dev-stack test run the offline
 * preview in-process beside the engine's.
 */
const unit = require("./jest.config");

module.exports = {
  ...unit,
  roots: ["<rootDir>/tests/engine"],
  testPathIgnorePatterns: [],
  setupFilesAfterEnv: [],
  maxWorkers: 1,
  testTimeout: 10 * 60 * 1000,
};
