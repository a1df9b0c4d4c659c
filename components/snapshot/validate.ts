/**
 * Argument validation, shared by the snapshot and its restores: plain mistakes are found before
 * anything is registered; an output is replaced by one that rejects, naming the argument, when
 * what it resolves to is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { EcsDisk } from "@pulumi/alicloud/ecs";

import { UserFacingError } from "../internal/errors";
import { isEventual } from "../internal/outputs";
import { SNAPSHOT_ARGUMENTS, checkArgument, isUnset, type ArgumentRule } from "../rules/arguments";
import {
  describeInvalidInputs,
  isPlainMap,
  tagInput,
  validateArgumentMap,
  validateDiskResource,
  validateDiskSource,
  validateResourceName,
  validateRoomForGenerationTag,
  validateTagValue,
} from "../rules/inputs";
import { describeValue, hideValue } from "../rules/values";
import type { EssdLocalSnapshotArgs } from "./args";

/** Arguments with each output replaced by its checked self, and the checks still to resolve. */
export interface Checked<A> {
  args: A;
  /** The replaced outputs (and tag values), in the order of the rules: what must resolve before the ID. */
  eventual: pulumi.Output<unknown>[];
}

/** Every problem of the plain (already known) arguments; eventual ones are checked when they resolve. */
export function validatePlainArgs(args: EssdLocalSnapshotArgs): string[] {
  if (!isPlainMap(args)) return validateArgumentMap(args);
  const given: Record<string, unknown> = args;
  const problems = validateDiskSource(!isUnset(given.diskId), !isUnset(given.disk));
  if (!isUnset(given.disk)) problems.push(...validateDiskResource(given.disk, EcsDisk.isInstance(given.disk)));
  problems.push(...plainProblems(given, SNAPSHOT_ARGUMENTS));
  if (!isUnset(given.generation) && isPlainMap(given.tags)) {
    problems.push(...validateRoomForGenerationTag(Object.keys(given.tags).length));
  }
  return problems;
}

/** Every problem of the arguments known now: outputs are checked when they resolve, if their rule allows outputs. */
function plainProblems(args: Record<string, unknown>, rules: Record<string, ArgumentRule>): string[] {
  const problems: string[] = [];
  for (const [input, rule] of Object.entries(rules)) {
    const value = args[input];
    if (rule.eventual && isEventual(value)) continue;
    problems.push(...checkArgument(rule, value, input, describeValue, rule.eventual ? isEventual : undefined));
  }
  return problems;
}

/**
 * A restore's arguments, checked: plain mistakes throw one Error before anything is registered;
 * outputs are replaced by outputs that reject, bound to `resource`, when what they resolve to is
 * refused (so the restored resource is never registered).
 */
export function checkedRestoreArgs<A extends object>(
  resource: pulumi.Resource,
  resourceName: string,
  name: unknown,
  args: A | null | undefined,
  rules: Record<string, ArgumentRule>,
): Checked<A> {
  const given: Record<string, unknown> = args ?? {};
  const problems = validateResourceName(name);
  if (!isPlainMap(given)) problems.push(...validateArgumentMap(given));
  else problems.push(...plainProblems(given, rules));
  if (problems.length > 0) throw new Error(describeInvalidInputs(resourceName, problems));
  return withEventualChecks(resource, resourceName, withoutUnset(given) as A, rules);
}

/** `args` with each output replaced by one checked by its rule when it resolves (listed in `eventual`). */
export function withEventualChecks<A extends object>(
  resource: pulumi.Resource,
  name: string,
  args: A,
  rules: Record<string, ArgumentRule>,
): Checked<A> {
  const given = args as Record<string, unknown>;
  const eventual: pulumi.Output<unknown>[] = [];
  let checked: Record<string, unknown> | undefined;
  for (const input of Object.keys(rules)) {
    const value = given[input];
    let replaced: unknown = value;
    // A map without a prototype is copied: the SDK's serialization calls toString on values.
    if (input === "tags" && isPlainMap(value) && Object.getPrototypeOf(value) === null) replaced = { ...value };
    if (isEventual(value))
      replaced = validated(resource, name, value, (v, show) => checkArgument(rules[input], v, input, show));
    else if (input === "tags" && hasEventualValues(value)) {
      const tags = checkedTagValues(resource, name, value as Record<string, unknown>);
      eventual.push(...tags.eventual);
      replaced = tags.args;
    }
    if (replaced === value) continue;
    if (isEventual(value)) eventual.push(replaced as pulumi.Output<unknown>);
    (checked ??= { ...given })[input] = replaced;
  }
  return { args: (checked ?? args) as A, eventual };
}

/** A plain tag map whose values may be outputs: each output checked when it resolves. */
function checkedTagValues(
  resource: pulumi.Resource,
  name: string,
  tags: Record<string, unknown>,
): Checked<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const eventual: pulumi.Output<unknown>[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (!isEventual(value)) out[key] = value;
    else {
      const input = tagInput("tags", key);
      eventual.push((out[key] = validated(resource, name, value, (v, show) => validateTagValue(v, input, show))));
    }
  }
  return { args: out, eventual };
}

/**
 * An input known only later, checked when it resolves; a secret's value is never shown. The
 * output's own value is checked as it is, not lifted by pulumi.output (which recurses into
 * objects, and throws on circular ones). A refusal is an error of `resource`.
 */
export function validated<T>(
  resource: pulumi.Resource,
  name: string,
  value: pulumi.Input<T>,
  validate: (value: unknown, show: typeof describeValue) => string[],
): pulumi.Output<T> {
  const check = (resolved: unknown, secret: boolean): T => {
    const problems = validate(resolved, secret ? hideValue : describeValue);
    if (problems.length > 0) throw new UserFacingError(describeInvalidInputs(name, problems), resource);
    return resolved as T;
  };
  if (value instanceof Promise) return pulumi.output(value.then((v: unknown) => check(v, false))) as pulumi.Output<T>;
  // A plain value too (a disk ID with dependsOn, as a component provider passes it).
  const out = (pulumi.Output.isInstance(value) ? value : pulumi.output(value)) as pulumi.Output<T>;
  return out.apply(async (v): Promise<T> => check(v, (await pulumi.isSecret(out)) === true));
}

/** Whether an object holds an output or a promise among its values. */
export function hasEventualValues(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.values(value).some(isEventual);
}

/** The arguments without those set to `null` or `undefined` ("not set"); the same object when there are none. */
export function withoutUnset<A extends object>(args: A): A {
  const entries = Object.entries(args);
  if (!entries.some(([, v]) => isUnset(v))) return args;
  return Object.fromEntries(entries.filter(([, v]) => !isUnset(v))) as A;
}

/** A name as messages show it: itself when it is text. */
export function describeName(name: unknown): string {
  return typeof name === "string" ? name : describeValue(name);
}
