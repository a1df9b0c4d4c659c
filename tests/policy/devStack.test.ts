/**
 * The worked dev stack (stacks/Pulumi.dev.yaml) against the repository's own policy pack, with
 * the pack configuration it ships for that stack (policy/stacks/dev.json): the stack's program
 * runs under the testing kit against stacks/dev.account.yaml, and every policy of the pack
 * runs over what it registered. The dev account still has legacy local snapshots, so its
 * `category: flash` entry is allowed by configuration, not by loosening the pack's default.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import { parse } from "yaml";

import { validatePackConfig } from "../../policy/rules/config";
import { runProgram } from "../../testing";
import { runPack } from "./harness";

import essdSnapshots from "../../index";

const ROOT = path.resolve(__dirname, "../..");
const DEV_CONFIG = JSON.parse(fs.readFileSync(path.join(ROOT, "policy/stacks/dev.json"), "utf8")) as Record<
  string,
  unknown
>;

async function devStackResources() {
  const stackFile = parse(fs.readFileSync(path.join(ROOT, "stacks/Pulumi.dev.yaml"), "utf8")) as {
    config: Record<string, unknown>;
  };
  const run = await runProgram(essdSnapshots, {
    accountFile: path.join(ROOT, "stacks/dev.account.yaml"),
    project: "essd-snapshots",
    stack: "dev",
    config: stackFile.config,
  });
  expect(run.errors).toEqual([]);
  return run.resources
    .filter((r) => r.type.startsWith("alicloud:"))
    .map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
}

it("the dev stack passes the pack with its configuration: nothing but what the kit cannot show", async () => {
  expect(validatePackConfig(DEV_CONFIG)).toEqual([]);
  const resources = await devStackResources();
  expect(resources.map((r) => r.name)).toContain("mysql-binlog-snapshot");
  const violations = await runPack(resources, DEV_CONFIG);
  // The kit's records carry inputs, not resource options, so essd-restore-protected cannot see
  // the component's ignoreChanges here (fixture.test.ts "component" shows its restores pass
  // when the options are captured): every other policy must be silent.
  expect(violations.filter((v) => v.policy !== "essd-restore-protected")).toEqual([]);
  expect(violations.map((v) => v.resource).sort()).toEqual(["mysql-data-restore-test", "web-system-golden"]);
});

it("without it, the pack refuses the dev stack's flash snapshot: the configuration is what makes them agree", async () => {
  const violations = await runPack(await devStackResources());
  expect(violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy} ${v.resource}`)).toEqual([
    "essd-snapshot-flash-category mysql-binlog-snapshot",
  ]);
});
