/**
 * `npm run test:engine`: lifecycle tests through the real Pulumi CLI (scripts/pulumi-sim), two
 * files at a time (each CLI run starts the engine, a language host and the stand-in provider; every
 * scenario has its own project, sim home and ports, so two run side by side on the 2 cores).
 * The testing kit's environment (from jest.config.js) lets the dev-stack test run the offline
 * preview in-process beside the engine's.
 */
const unit = require("./jest.config");

module.exports = {
  ...unit,
  roots: ["<rootDir>/tests/engine"],
  testPathIgnorePatterns: [],
  setupFilesAfterEnv: [],
  maxWorkers: 2,
  testTimeout: 10 * 60 * 1000,
};
