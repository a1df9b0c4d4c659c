/**
 * `npm test`'s static checks side by side: typecheck, lint, the format check and the import rules
 * (dependency-cruiser, .dependency-cruiser.cjs: no import circle, each room imports only what
 * ARCHITECTURE.md allows) each run in their own process (the machine's cores would otherwise sit
 * idle while one runs), and each one's output is printed whole, in this order, once it has
 * finished. Exits 1 when any of them failed.
 */
const { spawn } = require("node:child_process");

const CHECKS = ["typecheck", "lint", "format:check", "deps"];

function run(script) {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ script, code, output }));
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  for (const { script, code, output } of results) {
    process.stdout.write(`> ${script}: ${code === 0 ? "passed" : `failed (exit ${code})`}\n${output}`);
  }
  process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
});
