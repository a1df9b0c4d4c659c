/**
 * The component provider (PulumiPlugin.yaml, `runtime: nodejs`): serves every component of the
 * library to Pulumi programs in any language, with the checked-in schema (schema.json, written
 * by `npm run schema` and compared by the tests), so a start does not run the analyzer.
 */
import * as fs from "node:fs";

import type * as pulumi from "@pulumi/pulumi";
import { main, type ConstructResult, type Provider } from "@pulumi/pulumi/provider";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";

import { COMPONENTS, PACKAGE_NAME } from "./components";
import { SCHEMA_FILE } from "./schemaFile";

interface ServedSchema {
  version: string;
  resources: Record<string, { properties?: Record<string, unknown> }>;
}

/** Constructs the components that the schema names, and returns the outputs it declares. */
export class EssdSnapshotsProvider implements Provider {
  readonly version: string;
  private readonly schemaText: string;
  private readonly served: ServedSchema;

  constructor(schemaText = fs.readFileSync(SCHEMA_FILE, "utf8")) {
    this.schemaText = schemaText;
    this.served = JSON.parse(schemaText) as ServedSchema;
    this.version = this.served.version;
  }

  getSchema(): Promise<string> {
    return Promise.resolve(this.schemaText);
  }

  construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<ConstructResult> {
    ComponentProvider.validateResourceType(PACKAGE_NAME, type);
    const component = COMPONENTS.find((c) => c.name === type.split(":")[2]);
    const declared = this.served.resources[type];
    if (!component || !declared) throw new Error(`${PACKAGE_NAME} has no component ${type}.`);
    const instance = new component(name, inputs, options) as pulumi.ComponentResource &
      Record<string, pulumi.Input<unknown>>;
    const state: pulumi.Inputs = {};
    for (const key of Object.keys(declared.properties ?? {})) state[key] = instance[key];
    return Promise.resolve({ urn: instance.urn, state });
  }
}

if (require.main === module || process.env.ESSD_SNAPSHOTS_PROVIDER_MAIN === "1") {
  void main(new EssdSnapshotsProvider(), process.argv.slice(2));
}
