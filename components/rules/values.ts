/**
 * Values as error messages show them. Whatever a caller passes (a BigInt, a Symbol, a function,
 * a circular object, a Proxy, a megabyte of text), describing it never throws and stays short;
 * a value known to be secret is never shown.
 */

/** How a message shows a value: {@link describeValue}, or {@link hideValue} for a secret. */
export type Show = (value: unknown) => string;

/** What a message shows in place of a secret value. */
export const SECRET_SHOWN = "[secret]";

/** At most this many characters of a value are shown. */
export const MAX_SHOWN = 80;

/** Shows every value as {@link SECRET_SHOWN}: for values that came from `pulumi.secret(...)`. */
export const hideValue: Show = () => SECRET_SHOWN;

// The runtime's mark of a serialized secret (sdk/nodejs/runtime/rpc.ts, specialSigKey/specialSecretSig).
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * A value as a message shows it, JSON-like (`7`, `"d-bp1…"`, `{"team":"db"}`), shortened past
 * {@link MAX_SHOWN} characters. Never throws.
 */
export function describeValue(value: unknown): string {
  try {
    const text = describe(value, new Set(), 0);
    return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
  } catch {
    // A Proxy or a getter that throws: say what it is, not what is in it.
    return "(a value that cannot be shown)";
  }
}

function describe(value: unknown, seen: Set<object>, depth: number): string {
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return describeString(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return shorten(`${value.toString()}n`);
    case "boolean":
      return String(value);
    case "symbol":
      return shorten(value.toString());
    case "function":
      return value.name ? shorten(`a function (${value.name})`) : "a function";
  }
  if (value === null) return "null";
  const object = value as Record<string, unknown>;
  const target = value as object;
  if (object[SECRET_SIG_KEY] === SECRET_SIG) return SECRET_SHOWN;
  // Pulumi's own objects, recognised by the marks the SDK gives them (no Pulumi import here).
  if (object.__pulumiOutput === true) return "an Output (known only later)";
  if (object.__pulumiResource === true) return "a Pulumi resource";
  if (value instanceof Promise) return "a Promise (known only later)";
  if (seen.has(target)) return "(circular)";
  if (depth >= 4) return Array.isArray(value) ? "[…]" : "{…}";
  seen.add(target);
  try {
    if (Array.isArray(value)) return `[${describeItems(value, (v) => describe(v, seen, depth + 1))}]`;
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null) {
      if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? "an invalid Date" : `a Date (${value.toISOString()})`;
      const name = (proto.constructor as { name?: unknown } | undefined)?.name;
      return typeof name === "string" && name ? shorten(`a ${name} object`) : "an object";
    }
    const keys = Object.keys(object);
    return `{${describeItems(keys, (k) => `${describeString(k)}:${describe(object[k], seen, depth + 1)}`)}}`;
  } finally {
    seen.delete(target);
  }
}

/** Items joined by commas, stopping once the text is longer than can be shown. */
function describeItems<T>(items: readonly T[], show: (item: T) => string): string {
  let text = "";
  for (let i = 0; i < items.length; i++) {
    if (text.length > MAX_SHOWN) return `${text},…`;
    text += (i > 0 ? "," : "") + show(items[i]);
  }
  return text;
}

/** A string in quotes; a long one cut, with its length. */
function describeString(value: string): string {
  if (value.length <= MAX_SHOWN - 2) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_SHOWN - 30))}… (${value.length} characters)`;
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
