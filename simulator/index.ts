export * from "./account";
export * from "./fixtures";
