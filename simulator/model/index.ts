/**
 * The model: the simulated cloud, its types, ECS's errors and limits, and the clock. It imports
 * nothing else of the simulator; every door and every served resource is built on it.
 */
export { clockOf, systemClock, type Clock } from "./clock";
export { SimulatedCloud } from "./cloud";
export { EcsError } from "./errors";
export * from "./limits";
export { diskRecord } from "./records";
export * from "./instanceStates";
export * from "./recovery";
export * from "./groups";
// types.ts declares types only: every one of them is the model's.
export * from "./types";
