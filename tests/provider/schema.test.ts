/**
 * The schema served to other languages (provider/schema.json): what the component analyzer of
 * @pulumi/pulumi reads from the sources today (golden: `npm run schema` rewrites it), and a
 * description, from the doc comment, for every argument of every component and nested type.
 */
import * as fs from "node:fs";

import { providerSchema, SCHEMA_FILE } from "../../provider/analyze";
import { COMPONENTS } from "../../provider/components";
import { RESTORE_DISK_ARGUMENTS, RESTORE_IMAGE_ARGUMENTS, SNAPSHOT_ARGUMENTS } from "../../components/rules/arguments";

interface Property {
  description?: string;
}
interface Schema {
  resources: Record<string, { inputProperties: Record<string, Property>; properties: Record<string, Property> }>;
  types: Record<string, { properties?: Record<string, Property> }>;
}

const generated = providerSchema();
const schema = JSON.parse(generated) as Schema;

test("the checked-in schema is what the components declare (run npm run schema when this fails)", () => {
  expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(generated);
});

test("every exported component is served", () => {
  expect(COMPONENTS.length).toBeGreaterThan(0);
  for (const component of COMPONENTS)
    expect(Object.keys(schema.resources)).toContain(`essd-snapshots:index:${component.name}`);
});

test("every argument, output and nested property has a description", () => {
  const missing: string[] = [];
  for (const [token, resource] of Object.entries(schema.resources)) {
    for (const [key, p] of Object.entries(resource.inputProperties))
      if (!p.description) missing.push(`${token}.${key}`);
    for (const [key, p] of Object.entries(resource.properties))
      if (!p.description) missing.push(`${token} output ${key}`);
  }
  for (const [token, type] of Object.entries(schema.types))
    for (const [key, p] of Object.entries(type.properties ?? {})) if (!p.description) missing.push(`${token}.${key}`);
  expect(missing).toEqual([]);
});

test("every argument that has a rule is served, with the rule's sentence from its doc comment", () => {
  const snapshot = schema.resources["essd-snapshots:index:EssdLocalSnapshot"].inputProperties;
  const disk = schema.types["essd-snapshots:index:NamedRestoreDiskArgs"].properties ?? {};
  const image = schema.types["essd-snapshots:index:NamedRestoreImageArgs"].properties ?? {};
  for (const [served, rules] of [
    [snapshot, SNAPSHOT_ARGUMENTS],
    [disk, RESTORE_DISK_ARGUMENTS],
    [image, RESTORE_IMAGE_ARGUMENTS],
  ] as const)
    for (const key of Object.keys(rules)) expect(served[key]?.description).toMatch(/\S/);
  expect(snapshot.retentionDays.description).toContain("a whole number from 1 to 65536");
  expect(snapshot.category.description).toContain("Any other value is refused");
});
