export * from "./account";
export * from "./fixtures";
export * from "./load";
