/**
 * The library's own resources through the real engine (components/internal/dynamic.ts): the
 * dynamic provider plugin (engine/bin/pulumi-resource-pulumi-nodejs) runs the code of the
 * `essd-snapshots` package installed where the program is, at run time, for every call. Here the
 * package is a stand-in written into the project's node_modules; upgrading it between two runs
 * changes the code that updates and deletes a resource made by the old version: nothing of the
 * old version's code was kept in the state.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

import { ROOT, SimProject } from "./sim";

const ACCOUNT = "regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\n";

const PROGRAM = (value: string) => `
const { LibraryResource } = require(${JSON.stringify(path.join(ROOT, "components", "internal", "dynamic"))});
const probe = new LibraryResource("probe", "p1", { value: ${JSON.stringify(value)}, version: undefined });
exports.version = probe.version;
exports.type = probe.__pulumiType;
`;

/** The installed package: a registry whose every call is logged with its version. */
function installLibrary(dir: string, version: string): void {
  const pkg = path.join(dir, "node_modules", "essd-snapshots");
  mkdirSync(path.join(pkg, "components", "internal"), { recursive: true });
  writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "essd-snapshots", version }));
  writeFileSync(
    path.join(pkg, "components", "internal", "providers.js"),
    `const fs = require("node:fs");
exports.callLibraryProvider = async (kind, method, args) => {
  fs.appendFileSync(${JSON.stringify(path.join(dir, "calls.log"))}, "${version} " + kind + " " + method + "\\n");
  if (method === "check") return { inputs: args[1] };
  if (method === "diff") return { changes: args[1].value !== args[2].value };
  if (method === "create") return { id: "probe-1", outs: { value: args[0].value, version: "${version}" } };
  if (method === "update") return { outs: { value: args[2].value, version: "${version}" } };
  return undefined;
};
`,
  );
}

test("the installed library runs its resources: an upgrade updates and deletes what the old version made", () => {
  const project = SimProject.create("dynamic", {
    account: ACCOUNT,
    stackConfig: "config: {}\n",
    program: PROGRAM("a"),
  });
  const log = () => readFileSync(path.join(project.dir, "calls.log"), "utf8").trim().split("\n");

  installLibrary(project.dir, "1.0.0");
  const first = project.upOk();
  expect(first.output).toMatch(/version\s*:\s*"1\.0\.0"/);
  expect(first.output).toMatch(/type\s*:\s*"pulumi-nodejs:dynamic\/essd-snapshots:probe"/);
  expect(log()).toEqual(expect.arrayContaining(["1.0.0 probe create"]));

  installLibrary(project.dir, "2.0.0");
  project.setProgram(PROGRAM("b"));
  const second = project.upOk();
  expect(second.output).toMatch(/version\s*:\s*"1\.0\.0" => "2\.0\.0"/);
  expect(log()).toEqual(expect.arrayContaining(["2.0.0 probe diff", "2.0.0 probe update"]));

  const destroy = project.destroy();
  expect(destroy.code).toBe(0);
  expect(log().at(-1)).toBe("2.0.0 probe delete");
  expect(log().filter((l) => l.startsWith("1.0.0"))).not.toContain("1.0.0 probe delete");
});
