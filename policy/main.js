"use strict";
/**
 * The pack's entry (package.json main), in two places:
 *
 * - In this repository (policy/index.ts beside it): `@pulumi/pulumi/cmd/run-policy-pack` always
 *   registers ts-node with type-checking for .ts and .js files outside node_modules
 *   (PulumiPolicy.yaml's typescript and nodeargs options do not reach it); type-checking the pack
 *   and @pulumi/alicloud's typings took about 15 s of every preview. `npm test` type-checks the
 *   pack, so its TypeScript is loaded like the stack program's: by the project's register.js
 *   (sucrase, transpile only, cached), on top of a plain loader for .ts instead of ts-node's.
 * - In the installed package (node_modules/essd-snapshots/policy, no TypeScript shipped): the
 *   pack compiled into dist/policy by `npm run build`. Its dependencies (@pulumi/policy,
 *   @pulumi/pulumi, @pulumi/alicloud) resolve from the consumer's node_modules.
 */
const fs = require("node:fs");
const path = require("node:path");

if (fs.existsSync(path.join(__dirname, "index.ts"))) {
  require.extensions[".ts"] = (module, filename) => module._compile(fs.readFileSync(filename, "utf8"), filename);
  require("../register.js");
  require("./index.ts");
} else {
  require("../dist/policy/index.js");
}
