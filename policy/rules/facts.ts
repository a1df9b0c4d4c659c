/**
 * What the policies' pure rules read: plain values, with {@link UNKNOWN} where the engine does
 * not know a value yet (during a preview, an input computed from a resource not yet created).
 * A rule that needs an unknown value skips it rather than guessing. No Pulumi import.
 */

/** A value the engine does not know yet (preview). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/** A resource as the messages name it: `ecs.EcsSnapshot "nightly"`. */
export interface ResourceRef {
  /** Short type: `ecs.EcsSnapshot`, `ecs.EcsDisk`, `ecs.Image`. */
  type: string;
  /** The logical name in the program. */
  name: string;
}

export function describeResource(ref: ResourceRef): string {
  return `${ref.type} "${ref.name}"`;
}

/** Set means present, not null and not the empty string; an unknown value counts as set. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** A value for a message: strings quoted, unknowns named. */
export function show(value: unknown): string {
  if (value === UNKNOWN) return "(unknown until the update)";
  if (value === undefined) return "not set";
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
