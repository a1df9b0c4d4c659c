/**
 * The library's resource kinds and the code that runs each (see dynamic.ts). The dynamic provider
 * plugin loads this module from the installed package at run time, for every call, and calls
 * `callLibraryProvider`, so both are part of the package's contract: this module keeps its path,
 * and a kind keeps its name once released. A new kind: one line below.
 */
import type * as pulumi from "@pulumi/pulumi";

import { snapshotCopyProvider } from "../copy/provider";
import { DISK_ROLLBACK_KIND, diskRollbackProvider } from "../rollback/provider";
import { callProvider, type ProviderMethod } from "./dynamic";

export const LIBRARY_PROVIDERS: Record<string, pulumi.dynamic.ResourceProvider> = {
  SnapshotCopy: snapshotCopyProvider,
};
LIBRARY_PROVIDERS[DISK_ROLLBACK_KIND] = diskRollbackProvider;

/** One call of the dynamic provider plugin, for a kind of this version of the library. */
export function callLibraryProvider(kind: string, method: ProviderMethod, args: unknown[]): Promise<unknown> {
  return callProvider(LIBRARY_PROVIDERS, kind, method, args);
}
