/** The provider's schema as the component analyzer of @pulumi/pulumi writes it, as stable JSON text. */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";

import { COMPONENTS, PACKAGE_NAME } from "./components";

export { SCHEMA_FILE } from "./schemaFile";

/** The schema of every served component, JSON with two-space indents and a final newline. */
export function providerSchema(): string {
  const packageJSON = JSON.parse(readFileSync(path.join(__dirname, "package.json"), "utf8")) as {
    version: string;
    description: string;
  };
  const analyzer = new Analyzer(__dirname, PACKAGE_NAME, packageJSON, new Set(COMPONENTS.map((c) => c.name)));
  const { components, typeDefinitions, dependencies } = analyzer.analyze();
  const schema = generateSchema(
    PACKAGE_NAME,
    packageJSON.version,
    packageJSON.description,
    components,
    typeDefinitions,
    dependencies,
  );
  return `${JSON.stringify(servedSchema(schema as unknown as Schema), null, 2)}\n`;
}

/** The parts of a package schema that servedSchema changes. */
export interface Schema {
  resources: Record<string, { inputProperties?: Record<string, { $ref?: string }>; requiredInputs?: string[] }>;
  dependencies?: unknown[];
}

/**
 * The schema without the arguments that are resources of another package (`disk`, an
 * `ecs.EcsDisk` of @pulumi/alicloud): in TypeScript they stay, other languages pass the ID
 * (`diskId`). Serving them would make every SDK, and `pulumi package add`, need that package's
 * schema.
 */
export function servedSchema(schema: Schema): Schema {
  for (const resource of Object.values(schema.resources)) {
    const inputs = resource.inputProperties ?? {};
    for (const [key, property] of Object.entries(inputs)) {
      if (property.$ref?.startsWith("/")) {
        delete inputs[key];
        resource.requiredInputs = resource.requiredInputs?.filter((k) => k !== key);
      }
    }
  }
  delete schema.dependencies;
  return schema;
}
