export * from "./account";
export * from "./cloud";
export * from "./fixtures";
export * from "./load";
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
} from "./resources";
