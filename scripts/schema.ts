/**
 * `npm run schema`: writes provider/schema.json, the Pulumi package schema of every component the
 * library exports, as @pulumi/pulumi's component analyzer reads it from the TypeScript sources
 * (what `pulumi package add provider` gets from the provider). `npm run schema -- --check` only
 * compares, and exits 1 with the first difference when the checked-in file is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import { providerSchema, SCHEMA_FILE } from "../provider/analyze";

function main(): void {
  const text = providerSchema();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    if (current === text) return;
    process.stderr.write(
      `${path.relative(process.cwd(), SCHEMA_FILE)} is not what the components declare: run npm run schema, review the diff and commit it.\n`,
    );
    process.exit(1);
  }
  fs.writeFileSync(SCHEMA_FILE, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}

main();
