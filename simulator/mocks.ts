/**
 * The light entry to the simulator, for start-up benchmarks: the mocks door and the account
 * fixtures only (simulator/index.ts also loads the YAML account loader: yaml and zod).
 */
export * from "./doors/mocks";
export * from "./accounts/fixtures";
