/**
 * The logical name of a child: prefixed with its parent's, so that two components never collide
 * and a reader of the state can tell whose child a resource is.
 */
export function childName(parent: string, child: string): string {
  return `${parent}-${child}`;
}
