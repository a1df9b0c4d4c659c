/**
 * Zod issues as sentences for the people who write stack and account files: each names the
 * setting's path (`snapshots[2].retentionDays`), the value found and what is expected.
 *
 * A schema says what it expects with `.describe("a whole number of days from 1 to 65536")`;
 * the error map below reads that phrase back from the schema that owns the issue, so every
 * check of one setting (type, minimum, maximum) ends in the same sentence.
 */
import { z } from "zod";

import { describeValue } from "../components/rules/values";

/**
 * Stands for the setting's path in messages written before the path is known: domain
 * validators are called with it as their input name, and {@link describeIssues} puts the path
 * in its place.
 */
export const HERE = "\u0000here\u0000";

/** The phrases of values that need one: how each kind of setting is spelled in a file. */
const KINDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a map of settings",
  record: "a map",
};

const shown = describeValue;

/** The phrase "what is expected" for one issue, from the owning schema's description when it has one. */
const expectedPhrase: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "unrecognized_keys") {
    // The allowed keys, read back by describeIssues to suggest the one that was meant.
    const shape = (issue.inst as { shape?: Record<string, unknown> } | undefined)?.shape;
    return Object.keys(shape ?? {}).join(", ");
  }
  const description = issue.schema && z.globalRegistry.get(issue.schema)?.description;
  if (description) return description;
  switch (issue.code) {
    case "invalid_type":
      return KINDS[issue.expected] ?? `a value of type ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map(shown).join(", ")}`;
    case "too_small":
      return issue.origin === "array"
        ? `at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`
        : issue.origin === "string"
          ? `at least ${issue.minimum} characters`
          : `${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array"
        ? `at most ${issue.maximum} items`
        : issue.origin === "string"
          ? `at most ${issue.maximum} characters`
          : `${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    case "invalid_format":
      return issue.format === "regex" && typeof issue.pattern === "string"
        ? `text matching ${issue.pattern}`
        : `a valid ${issue.format}`;
    default:
      return undefined;
  }
};

/**
 * Names a list item in a path, after its index: `snapshots[2] (web-system)`. Given the path up
 * to and including the index; undefined leaves the index alone.
 */
export type ItemLabel = (path: readonly PropertyKey[]) => string | undefined;

/**
 * `snapshots[2].restore.disks[0].size`; keys that are not identifiers are quoted: `tags["acs:x"]`;
 * with `label`, items are named too: `snapshots[2] (web-system).retentionDays`.
 */
export function formatPath(path: readonly PropertyKey[], label?: ItemLabel): string {
  return path
    .map((key, i) => {
      if (typeof key === "number") {
        const name = label?.(path.slice(0, i + 1));
        return name === undefined ? `[${key}]` : `[${key}] (${name})`;
      }
      const name = String(key);
      if (i === 0) return name;
      return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
    })
    .join("");
}

/** The value found, for a sentence: `is 0`, `is missing`, `is "forever"`. */
function found(value: unknown): string {
  if (value === undefined) return "is missing";
  return `is ${shown(value)}`;
}

/** The closest of `known` to `key`, when it is close enough to be a likely misspelling. */
export function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const candidate = name.toLowerCase();
    const distance = candidate.includes(lower) || lower.includes(candidate) ? 1 : editDistance(lower, candidate);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** One sentence per problem: the path, the value found and what is expected. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  root: readonly PropertyKey[] = [],
  label?: ItemLabel,
): string[] {
  return issues.flatMap((issue): string[] => {
    const path = [...root, ...issue.path];
    const where = formatPath(path, label) || "the file";
    // A domain validator's sentence, written around the path.
    if (issue.code === "custom" && issue.message.includes(HERE)) return [issue.message.split(HERE).join(where)];
    if (issue.code === "unrecognized_keys") {
      const known = issue.message.split(", ").filter(Boolean);
      const input = issue.input ?? {};
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        const hint = guess ? ` Did you mean ${guess}?` : "";
        const expected = known.length > 16 ? `one of its ${known.length} known fields` : `only ${known.join(", ")}`;
        return `${formatPath([...path, key], label)} ${found(input[key])}, but ${where} has no setting "${key}"; expected ${expected}.${hint}`;
      });
    }
    return [`${where} ${found(issue.input)}; expected ${issue.message}.`];
  });
}

/** Parses with the error map above and the input kept in each issue. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; issues: z.core.$ZodIssue[] } {
  const result = schema.safeParse(value, { error: expectedPhrase, reportInput: true });
  return result.success ? { ok: true, data: result.data } : { ok: false, issues: result.error.issues };
}

/**
 * Adds every sentence of a domain validator (called with {@link HERE} as its input name) as
 * an issue at `path`, relative to the value being refined.
 */
export function addDomainProblems(
  ctx: z.RefinementCtx,
  problems: readonly string[],
  path: PropertyKey[] = [],
  input?: unknown,
): void {
  for (const message of problems) ctx.addIssue({ code: "custom", message, path, input });
}
