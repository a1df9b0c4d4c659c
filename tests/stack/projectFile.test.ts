/** readProjectFile: what the offline preview and the bench take from Pulumi.yaml. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { readProjectFile, StackFileError } from "../../stack/files";

describe("readProjectFile", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function read(yaml: string) {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml);
    return readProjectFile(dir);
  }

  test("a runtime given by name only: Pulumi's defaults, ts-node and no node arguments", () => {
    expect(read("name: p\nruntime: nodejs\n")).toEqual({
      name: "p",
      stackConfigDir: ".",
      typescript: true,
      nodeArgs: [],
    });
  });

  test("runtime options: typescript and nodeargs split word by word", () => {
    const project = read(
      "name: p\nstackConfigDir: stacks\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n    nodeargs: --require ./register.js   --max-semi-space-size=64\n",
    );
    expect(project).toEqual({
      name: "p",
      stackConfigDir: "stacks",
      typescript: false,
      nodeArgs: ["--require", "./register.js", "--max-semi-space-size=64"],
    });
  });

  test("quoted nodeargs and a typescript that is not a boolean are refused with what is expected", () => {
    const base = "name: p\nruntime:\n  name: nodejs\n  options:\n";
    expect(() => read(`${base}    nodeargs: --require "./a b.js"\n`)).toThrow(
      /runtime\.options\.nodeargs is "--require \\"\.\/a b\.js\\""; expected node arguments as plain words without quotes/,
    );
    expect(() => read(`${base}    typescript: "no"\n`)).toThrow(StackFileError);
    expect(() => read(`${base}    typescript: "no"\n`)).toThrow(
      /runtime\.options\.typescript is "no"; expected true or false/,
    );
  });
});
