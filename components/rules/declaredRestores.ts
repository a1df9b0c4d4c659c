/**
 * The `restore` argument: disks and images declared with the snapshot (`{ disks: [...], images:
 * [...] }`), each with a `name`. What each one's other arguments accept is its createDisk or
 * createImage rule (arguments.ts); this is the shape around them.
 */
import { isPlainMap } from "./inputs";
import { describeValue, type Show } from "./values";

/** Every problem of the shape of `restore`: a map of two lists of maps with unique, non-empty names. */
export function validateRestoreDeclaration(value: unknown, input = "restore", show: Show = describeValue): string[] {
  if (value === undefined || value === null) return [];
  if (!isPlainMap(value))
    return [`${input} is ${show(value)}; it must be a map such as { disks: [{ name: "data" }], images: [] }.`];
  const problems: string[] = [];
  const known = new Set(["disks", "images"]);
  for (const key of Object.keys(value))
    if (!known.has(key)) problems.push(`${input}.${key} is not an argument; ${input} takes disks and images.`);
  const seen = new Map<string, string>();
  for (const list of ["disks", "images"] as const) {
    const items = value[list];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      problems.push(`${input}.${list} is ${show(items)}; it must be a list of maps, each with a name.`);
      continue;
    }
    (items as unknown[]).forEach((item, i) => {
      const at = `${input}.${list}[${i}]`;
      const name = isPlainMap(item) ? item.name : undefined;
      const other = typeof name === "string" ? seen.get(name) : undefined;
      if (!isPlainMap(item)) problems.push(`${at} is ${show(item)}; it must be a map with a name.`);
      else if (typeof name !== "string" || name.length === 0)
        problems.push(`${at}.name is ${show(name)}; it must be a non-empty string (the restore's name).`);
      else if (other !== undefined)
        problems.push(`${at}.name is "${name}", the name of ${other} too; each restore needs its own name.`);
      else seen.set(name, at);
    });
  }
  return problems;
}
