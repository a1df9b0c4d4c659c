/**
 * The engine hands policies their properties behind @pulumi/policy's proxy, which throws an
 * UnknownValueError when a value unknown during a preview is read. The rules take plain
 * values instead, with UNKNOWN where the engine does not know one yet.
 */
import { UnknownValueError } from "@pulumi/policy";

import { UNKNOWN } from "./rules/facts";

/** One property of a (proxied) object: its value, or UNKNOWN. */
export function read(object: unknown, key: string): unknown {
  if (typeof object !== "object" || object === null) return undefined;
  try {
    return plain((object as Record<string, unknown>)[key]);
  } catch (err) {
    if (err instanceof UnknownValueError) return UNKNOWN;
    throw err;
  }
}

/** A deep plain copy: proxies read through, unknown values replaced by UNKNOWN. */
export function plain(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  // Index by index: Array.prototype.map would read an unknown element through the proxy.
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(value, String(i)));
  return Object.fromEntries(Object.keys(value).map((k) => [k, read(value, k)]));
}
