/** The engine tests drive pulumi-sim through scripts/sim/project.ts. */
export * from "../../scripts/sim/project";
