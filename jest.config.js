/** Jest: @swc/jest transpiles only (fast); `tsc --noEmit` type-checks as a separate step of `npm test`. */
module.exports = {
  // The testing kit's environment, as users set it: refusals under mocks reach the kit, not Jest.
  testEnvironment: "<rootDir>/testing/jest-environment.ts",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // The lifecycle tests through the real engine run with `npm run test:engine` (jest.engine.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/engine/", "<rootDir>/tests/languages/"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // Jest's default cache folder is shared by the whole machine.
  cacheDirectory: "<rootDir>/.jest-cache",
  setupFilesAfterEnv: ["<rootDir>/tests/setupAfterEnv.ts"],
  testTimeout: 20000,
  // Both cores: Jest's default (cores - 1) runs one file at a time on this 2-core machine.
  maxWorkers: 2,
};
