/** register.js: how Pulumi (nodeargs) and `npm start` load the project's TypeScript. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REGISTER = path.join(__dirname, "..", "register.js");

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
