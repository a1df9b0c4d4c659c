/** The engine tests drive pulumi-sim through engine/project.ts. */
export * from "../../engine/project";
