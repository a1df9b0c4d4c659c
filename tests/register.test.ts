/** register.js: how Pulumi (nodeargs) and `npm start` load the project's TypeScript. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { readProjectFile } from "../stack/files";

const ROOT = path.join(__dirname, "..");
const REGISTER = path.join(ROOT, "register.js");

describe("register.js", () => {
  let dir: string;
  let cache: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "register-"));
    cache = path.join(dir, "cache");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(source: string): string {
    const file = path.join(dir, "program.ts");
    fs.writeFileSync(file, source);
    return execFileSync(
      process.execPath,
      ["--require", REGISTER, "-e", `console.log(require(${JSON.stringify(file)}))`],
      {
        encoding: "utf8",
        env: { ...process.env, ESSD_SNAPSHOTS_TS_CACHE: cache },
      },
    ).trim();
  }

  test("transpiles TypeScript (types, export =) and caches the result by content", () => {
    expect(run("const answer: number = 41 + 1;\nexport = `v1 ${answer}`;\n")).toBe("v1 42");
    expect(fs.readdirSync(cache)).toHaveLength(1);
    // The same source again is read from the cache: no new entry.
    expect(run("const answer: number = 41 + 1;\nexport = `v1 ${answer}`;\n")).toBe("v1 42");
    expect(fs.readdirSync(cache)).toHaveLength(1);
  });

  test("a changed source is transpiled anew, never served stale", () => {
    expect(run("export = 'first';\n")).toBe("first");
    expect(run("export = 'second';\n")).toBe("second");
    expect(fs.readdirSync(cache)).toHaveLength(2);
  });

  test("a cache that cannot be written is skipped", () => {
    fs.writeFileSync(cache, "a file where the cache folder should be");
    expect(run("export = 'still runs';\n")).toBe("still runs");
  });
});

describe("Pulumi.yaml nodeargs", () => {
  const nodeargs = readProjectFile(ROOT).nodeArgs;

  test("npm start runs the offline preview with the same node arguments", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(`node ${nodeargs.join(" ")} scripts/preview.ts`);
  });

  test("node accepts them, and V8's young generation may outgrow Node's default (16 MiB semi-spaces)", () => {
    // Objects that all survive make V8 grow the new space (two semi-spaces) up to its maximum:
    // 32 MiB with Node 20's default, 128 MiB with --max-semi-space-size=64.
    const script = [
      'const v8 = require("v8"); const keep = []; let max = 0;',
      "for (let i = 0; i < 1.5e6 && max <= 32 << 20; i++) {",
      "  keep.push({ i, a: [i] });",
      '  if (i % 20000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size);',
      "}",
      "console.log(max >> 20);",
    ].join("\n");
    const newSpaceMiB = Number(
      execFileSync(process.execPath, [...nodeargs, "-e", script], { cwd: ROOT, encoding: "utf8" }),
    );
    expect(newSpaceMiB).toBeGreaterThan(32);
  });
});
