"use strict";
/**
 * Loads the project's TypeScript, for `pulumi preview`/`up` (Pulumi.yaml nodeargs) and the
 * offline preview: each .ts file is transpiled by sucrase without type-checking (`npm test`
 * type-checks), and the result is cached by content, so a run whose sources did not change
 * loads neither sucrase nor any transform. A cache that cannot be written is skipped.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { addHook } = require("pirates");

const CACHE =
  process.env.ESSD_SNAPSHOTS_TS_CACHE || path.join(__dirname, "node_modules", ".cache", "essd-snapshots-ts");
const OPTIONS = { transforms: ["imports", "typescript"] };
// Another sucrase or other options make other output: both are part of the key.
const SALT = `${require("sucrase/package.json").version}\0${JSON.stringify(OPTIONS)}\0`;

let transform; // sucrase, loaded on the first miss only

addHook(
  (source, filename) => {
    const key = crypto.createHash("sha256").update(SALT).update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(CACHE, `${key}.js`);
    try {
      return fs.readFileSync(cached, "utf8");
    } catch {
      transform ??= require("sucrase").transform;
      const code = transform(source, { ...OPTIONS, filePath: filename }).code;
      try {
        fs.mkdirSync(CACHE, { recursive: true });
        const partial = `${cached}.${process.pid}`;
        fs.writeFileSync(partial, code);
        fs.renameSync(partial, cached); // atomic: a concurrent run never reads half a file
      } catch {
        // read-only checkout: transpile every time
      }
      return code;
    }
  },
  { exts: [".ts"] },
);
