/**
 * Required tag keys on snapshots and on what is restored from them, and the tag rules ECS
 * applies (TagResources). No Pulumi import.
 */
import { validateTags } from "../../components/rules/inputs";
import { UNKNOWN, describeResource, type ResourceRef } from "./facts";

/**
 * Every key of `requiredTagKeys` is present in `tags` (its value may be unknown in a preview),
 * and the tags are valid for ECS. Unknown `tags` skip the check.
 */
export function checkTags(resource: ResourceRef, tags: unknown, requiredTagKeys: readonly string[]): string[] {
  if (tags === UNKNOWN) return [];
  const who = describeResource(resource);
  const map =
    typeof tags === "object" && tags !== null && !Array.isArray(tags) ? (tags as Record<string, unknown>) : {};
  const problems: string[] = [];
  const missing = requiredTagKeys.filter((key) => !(key in map));
  if (missing.length > 0) {
    const found = Object.keys(map).length === 0 ? "it has no tags" : `its tag keys are ${quoteAll(Object.keys(map))}`;
    problems.push(
      `${who}: ${found}; this stack requires the tag key${requiredTagKeys.length === 1 ? "" : "s"} ${quoteAll(requiredTagKeys)} (policy parameter requiredTagKeys). Add ${missing.map((k) => `"${k}": "<value>"`).join(", ")} to tags.`,
    );
  }
  // Unknown values are known to be strings once resolved; only known ones are checked.
  const known = Object.fromEntries(Object.entries(map).filter(([, v]) => v !== UNKNOWN));
  problems.push(...validateTags(known).map((p) => `${who}: ${p} Fix the tag before ECS refuses it.`));
  return problems;
}

function quoteAll(keys: readonly string[]): string {
  return keys.map((k) => `"${k}"`).join(", ");
}
