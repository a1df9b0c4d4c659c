/**
 * The simulated cloud, as the rest of the repository uses it: the model (simulator/model/), what
 * the simulated provider serves (simulator/registry.ts), its doors (simulator/doors/: Pulumi's
 * mocks, the state file; the provider plugin is loaded by its own entry point) and the account
 * files (simulator/accounts/). Loads yaml and zod, for the account files; simulator/mocks.ts is
 * the light entry without them.
 */
export * from "./model";
export * from "./accounts/fixtures";
export * from "./accounts/load";
export * from "./doors/mocks";
export { loadCloud, saveCloud, type CloudFileOptions } from "./doors/stateFile";
export { STAND_IN_VERSION, SimulatedProvider, definedOnly } from "./doors/provider";
export { TEST_ACCESS_KEY, startEcsApi, statusOf, type EcsApi, type EcsApiOptions } from "./doors/http";
export { checkSignature, percentEncode, type SignedRequest, type TestKey } from "./doors/signature";
export {
  FORCE_NEW,
  INPUT_NAMES,
  SERVED_INVOKES,
  SERVED_RESOURCES,
  answerInvoke,
  createResource,
  deleteResource,
  readResource,
  replacedBy,
  updateResource,
} from "./registry";
