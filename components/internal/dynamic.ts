/**
 * Resources the library runs itself (a snapshot copy, a rollback: ECS calls no alicloud resource
 * makes), as Pulumi dynamic resources whose code is the INSTALLED library's, not a closure.
 *
 * API (small on purpose):
 * - {@link LibraryResource}`(kind, name, props, opts)`: a `pulumi.dynamic.Resource` of type
 *   `pulumi-nodejs:dynamic/essd-snapshots:<kind>`, run by the provider registered under `kind` in
 *   `components/internal/providers.ts` (`LIBRARY_PROVIDERS`).
 * - {@link libraryProvider}`(kind)`: the `ResourceProvider` handed to Pulumi; what it serializes.
 * - {@link resolveLibraryModule}: where the registry is loaded from at run time.
 * A new kind: a module exporting a `pulumi.dynamic.ResourceProvider`, one line in providers.ts.
 *
 * Why a stale closure cannot bite. Pulumi serializes the provider object into the resource's
 * `__provider` input, and the dynamic provider plugin (`pulumi-resource-pulumi-nodejs`, started
 * in the program's folder) evaluates that text for every call; for Delete and Read it evaluates
 * the text stored in the STATE, written by whatever version ran `up` last. Here that text holds
 * only four strings ({@link LibraryRef}: the kind, the package name, the registry's path inside
 * the package, the registry's absolute path when it was serialized) and a loader that, at run
 * time, resolves `essd-snapshots/package.json` from the program's folder and requires the
 * registry of THAT package. After `npm install essd-snapshots@next`, every call — also Delete of
 * a resource written by the old version — runs the new version's code; no logic of the library
 * is ever in the state. The absolute path is only a fallback for a program that does not
 * install the package by name (this repository's own programs and engine tests, which load the
 * library from source). The contract this puts on the package: `components/internal/providers`
 * keeps its path and a kind keeps its name (a removed kind fails with a sentence, not silently).
 * The text is the same for every version of one layout, and the default `diff` ({@link callProvider})
 * ignores `__provider`, so neither an upgrade nor a moved checkout shows as a change.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";

/** The npm package whose installed copy runs the library's resources. */
export const LIBRARY_PACKAGE = "essd-snapshots";
/** The module, inside the package, that exports `LIBRARY_PROVIDERS` (extension left to Node). */
const REGISTRY = path.join(__dirname, "providers");

/** What the serialized provider holds: strings only. */
export interface LibraryRef {
  kind: string;
  packageName: string;
  /** The registry's path inside the package, e.g. `dist/components/internal/providers`. */
  registryInPackage: string;
  /** The registry's absolute path (no extension) where the program was serialized. */
  fallback: string;
}

/** The reference for a kind, from this file's place in the package. */
export function libraryRef(kind: string): LibraryRef {
  const root = packageRoot(__dirname);
  return {
    kind,
    packageName: LIBRARY_PACKAGE,
    registryInPackage: root ? path.relative(root, REGISTRY).split(path.sep).join("/") : "",
    fallback: REGISTRY,
  };
}

/**
 * The registry module a call runs: the package installed where the program is (`cwd`), else the
 * fallback. Self-contained (only `require`, `process`): it is serialized into `__provider`.
 */
export function resolveLibraryModule(ref: LibraryRef, cwd: string = process.cwd()): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodePath = require("node:path") as typeof path;
  if (ref.registryInPackage) {
    try {
      const manifest = require.resolve(`${ref.packageName}/package.json`, { paths: [cwd] });
      return require.resolve(nodePath.join(nodePath.dirname(manifest), ref.registryInPackage));
    } catch {
      // not installed by name where the program runs: the library it was serialized from
    }
  }
  return require.resolve(ref.fallback);
}

/** The methods of a `pulumi.dynamic.ResourceProvider`, as the plugin calls them. */
export type ProviderMethod = "check" | "diff" | "create" | "read" | "update" | "delete";

/**
 * Runs one method of a kind's provider: what the registry module's `callLibraryProvider` does
 * (the registry re-exports this). Pulumi's defaults where the kind has no such method, except
 * `diff`, which compares the inputs without `__provider` (Pulumi's would compare the text).
 */
export async function callProvider(
  providers: Record<string, pulumi.dynamic.ResourceProvider>,
  kind: string,
  method: ProviderMethod,
  args: unknown[],
): Promise<unknown> {
  const p = providers[kind];
  if (!p)
    throw new Error(
      `${LIBRARY_PACKAGE} has no resource kind ${JSON.stringify(kind)} (it has ${Object.keys(providers).join(", ") || "none"}); install the version of ${LIBRARY_PACKAGE} that made this resource, or remove it from the state with \`pulumi state delete\`.`,
    );
  const a = args as never[];
  switch (method) {
    case "check":
      return p.check ? p.check(a[0], a[1]) : { inputs: a[1] };
    case "diff":
      return p.diff ? p.diff(a[0], a[1], a[2]) : { changes: changedKeys(a[1], a[2]).length > 0 };
    case "create":
      return p.create(a[0]);
    case "read":
      return p.read ? p.read(a[0], a[1]) : { id: a[0], props: a[1] };
    case "update":
      return p.update ? p.update(a[0], a[1], a[2]) : { outs: a[2] };
    case "delete":
      return p.delete ? p.delete(a[0], a[1]) : undefined;
  }
}

/** Inputs that differ, all but Pulumi's `__provider`. */
export function changedKeys(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete("__provider");
  return [...keys].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
}

/**
 * The provider Pulumi serializes: every method resolves the registry (by {@link LibraryRef}),
 * requires it and calls its `callLibraryProvider`. Nothing else is in the text (no optional
 * chaining either, which the transpiler would turn into helpers that then get serialized).
 */
export function libraryProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const ref = libraryRef(kind);
  const call = (method: string, args: unknown[]): Promise<never> => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const registry = require(resolveLibraryModule(ref)) as { callLibraryProvider: (...a: unknown[]) => Promise<never> };
    return registry.callLibraryProvider(ref.kind, method, args);
  };
  return {
    check: (...args) => call("check", args),
    diff: (...args) => call("diff", args),
    create: (...args) => call("create", args),
    read: (...args) => call("read", args),
    update: (...args) => call("update", args),
    delete: (...args) => call("delete", args),
  };
}

/** The Pulumi type of a library resource of `kind`. */
export function libraryResourceType(kind: string): string {
  return `pulumi-nodejs:dynamic/${LIBRARY_PACKAGE}:${kind}`;
}

/** A resource of the library, run by the installed library's provider for `kind`. */
export class LibraryResource extends pulumi.dynamic.Resource {
  constructor(kind: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(libraryProvider(kind), name, props, opts, LIBRARY_PACKAGE, kind);
  }
}

/** The folder of the nearest package.json named {@link LIBRARY_PACKAGE} at or above `dir`. */
function packageRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8")) as { name?: string };
      if (manifest.name === LIBRARY_PACKAGE) return d;
    } catch {
      // no manifest here
    }
    if (path.dirname(d) === d) return undefined;
  }
}
