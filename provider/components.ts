/**
 * The components this provider serves: every ComponentResource class that the library exports
 * (components/index.ts), found by @pulumi/pulumi's getPulumiComponents, so a component added to
 * the library is served, and in the schema, without a change here.
 */
import { getPulumiComponents, type ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental";

import * as library from "../components";

/** The package name: the first part of every served type token (`essd-snapshots:index:…`). */
export const PACKAGE_NAME = "essd-snapshots";

export const COMPONENTS: ComponentResourceConstructor[] = getPulumiComponents(library);
