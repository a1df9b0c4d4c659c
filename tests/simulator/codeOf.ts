import { EcsError } from "../../simulator";

/** The ECS error code an operation of the model refuses with, or "(accepted)". */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof EcsError) return err.code;
    throw err;
  }
  return "(accepted)";
}
