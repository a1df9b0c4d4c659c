"use strict";
// The provider's entry point (package.json main), run by the Node.js language host through
// @pulumi/pulumi/cmd/run-plugin. That registers ts-node with type-checking for every Node.js
// plugin, whatever PulumiPlugin.yaml says, which costs seconds and gigabytes at each start; the
// project's TypeScript is type-checked by `npm test` instead, so this hands .ts files to
// ../register.js (sucrase, cached by content), as the stack program does, then serves (index.ts).
delete require.extensions[".ts"];
require("../register.js");
process.env.ESSD_SNAPSHOTS_PROVIDER_MAIN = "1";
require("./index.ts");
