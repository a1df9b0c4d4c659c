/** Where the checked-in schema is: written by `npm run schema`, served by the provider. */
import * as path from "node:path";

export const SCHEMA_FILE = path.join(__dirname, "schema.json");
