"use strict";
// The provider's entry point (package.json main), run by the Node.js language host: loads the
// project's TypeScript the way the stack program does (register.js), then serves (index.ts).
require("../register.js");
process.env.ESSD_SNAPSHOTS_PROVIDER_MAIN = "1";
require("./index.ts");
