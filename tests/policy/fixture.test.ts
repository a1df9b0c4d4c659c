/**
 * The engine-test fixture (policy/fixtures/stack), previewed under mocks: each case's
 * registrations (inputs with the engine's unknowns, ignoreChanges, protect, property
 * dependencies) are captured as the engine would hand them to the pack, and the pack's
 * policies run over them. What the real `pulumi preview --policy-pack` should show, case by
 * case, minus what only the provider's Check adds (defaults, the auto-named `name`).
 */
import * as fs from "node:fs";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { getMonitor } from "@pulumi/pulumi/runtime/settings";

import { cases } from "../../policy/fixtures/stack/cases";
import { validatePackConfig } from "../../policy/rules/config";
import { SimulatedAccount } from "../../simulator";
import { drain } from "../helpers";
import { runPack, type StackResource, type Violation } from "./harness";

const CONFIG_DIR = path.resolve(__dirname, "../../policy/fixtures/config");

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getIgnorechangesList(): string[];
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getPropertydependenciesMap(): { entries(): Iterable<[string, { getUrnsList(): string[] }]> };
}

/** Runs one case under mocks in preview and returns its custom resources as the pack sees them. */
async function previewCase(which: string): Promise<StackResource[]> {
  await drain();
  const account = new SimulatedAccount({ regionId: "cn-hangzhou", disks: [], instances: [] });
  await account.install({ preview: true, project: "essd-policy-fixture", stack: which });
  const monitor = getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: unknown): unknown };
  const captured: { resource: StackResource; dependsOnUrns: Record<string, string[]> }[] = [];
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    if (req.getCustom()) {
      const dependsOnUrns: Record<string, string[]> = {};
      for (const [key, deps] of req.getPropertydependenciesMap().entries()) dependsOnUrns[key] = deps.getUrnsList();
      captured.push({
        resource: {
          type: req.getType(),
          name: req.getName(),
          props: req.getObject()?.toJavaScript() ?? {},
          opts: { ignoreChanges: req.getIgnorechangesList(), protect: req.getProtect() },
        },
        dependsOnUrns,
      });
    }
    return registerResource(req, cb);
  };
  await pulumi.runtime.runInPulumiStack(() => {
    cases[which]();
    return Promise.resolve(undefined);
  });
  await drain();
  // The fixture's logical names are unique: a URN's last part names its resource.
  return captured.map(({ resource, dependsOnUrns }) => ({
    ...resource,
    propertyDependencies: Object.fromEntries(
      Object.entries(dependsOnUrns).map(([k, urns]) => [k, urns.map((u) => u.split("::").pop() as string)]),
    ),
  }));
}

function readConfig(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, file), "utf8")) as Record<string, unknown>;
}

/** `policy enforcement resource`, one line per violation, sorted: the table the report lists. */
function table(violations: Violation[]): string[] {
  return violations.map((v) => `${v.policy} ${v.enforcementLevel} ${v.resource ?? "(stack)"}`).sort();
}

it("compliant: no violation, with the defaults or the strict configuration", async () => {
  const resources = await previewCase("compliant");
  expect(resources.map((r) => r.name).sort()).toEqual(["data", "existing-weekly", "golden", "nightly", "restored"]);
  expect(await runPack(resources)).toEqual([]);
  expect(await runPack(resources, readConfig("strict.json"))).toEqual([]);
});

it("violations: every policy reports, at its default level", async () => {
  const violations = await runPack(await previewCase("violations"));
  expect(table(violations)).toEqual([
    "essd-image-from-snapshot-mappings mandatory top-level-snapshot",
    "essd-restore-protected advisory restored-unprotected",
    "essd-restore-protected advisory top-level-snapshot",
    "essd-snapshot-flash-category mandatory flash-efficiency",
    "essd-snapshot-flash-category mandatory flash-encrypted",
    "essd-snapshot-flash-source-disk mandatory flash-efficiency",
    "essd-snapshot-flash-source-disk mandatory flash-encrypted",
    "essd-snapshot-name advisory no-retention",
    "essd-snapshot-retention mandatory no-retention",
    "essd-snapshot-retention mandatory too-long",
    "essd-snapshots-per-disk advisory no-retention",
  ]);
});

it("violations with strict.json: required tags, snapshots per disk and mandatory restores", async () => {
  const violations = await runPack(await previewCase("violations"), readConfig("strict.json"));
  expect(table(violations)).toEqual([
    "essd-image-from-snapshot-mappings mandatory top-level-snapshot",
    "essd-required-tags advisory flash-efficiency",
    "essd-required-tags advisory flash-encrypted",
    "essd-required-tags advisory no-retention",
    "essd-required-tags advisory restored-unprotected",
    "essd-required-tags advisory too-long",
    "essd-required-tags advisory top-level-snapshot",
    "essd-restore-protected mandatory restored-unprotected",
    "essd-restore-protected mandatory top-level-snapshot",
    "essd-snapshot-flash-category mandatory flash-efficiency",
    "essd-snapshot-flash-category mandatory flash-encrypted",
    "essd-snapshot-flash-source-disk mandatory flash-efficiency",
    "essd-snapshot-flash-source-disk mandatory flash-encrypted",
    "essd-snapshot-name advisory no-retention",
    "essd-snapshot-retention mandatory no-retention",
    "essd-snapshot-retention mandatory too-long",
    "essd-snapshots-per-disk advisory (stack)",
    "essd-snapshots-per-disk advisory no-retention",
  ]);
  expect(violations.find((v) => v.resource === undefined)?.message).toContain(
    'disk d-bp1policyfixture01 has 2 snapshots in this stack ("no-retention", "too-long"); this stack allows at most 1',
  );
});

it("component: the component's snapshot passes; its restored disk is reported until restores ignore a re-created snapshot", async () => {
  const resources = await previewCase("component");
  expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
    "alicloud:ecs/ecsDisk:EcsDisk data",
    "alicloud:ecs/ecsDisk:EcsDisk nightly-restored",
    "alicloud:ecs/ecsSnapshot:EcsSnapshot nightly-snapshot",
  ]);
  const violations = await runPack(resources);
  const restored = resources.find((r) => r.name === "nightly-restored");
  const protectedByComponent = (restored?.opts?.ignoreChanges ?? []).includes("snapshotId");
  expect(table(violations)).toEqual(protectedByComponent ? [] : ["essd-restore-protected advisory nightly-restored"]);
});

it("the fixture's configurations are what their names say", () => {
  expect(validatePackConfig(readConfig("strict.json"))).toEqual([]);
  expect(validatePackConfig(readConfig("unknown-keys.json"))).toEqual([
    expect.stringContaining('"essd-snapshot-retension" is not a policy of this pack'),
    expect.stringContaining('"essd-snapshot-retention.maxRetention" is not a parameter of policy'),
  ]);
  expect(validatePackConfig(readConfig("negative-maximum.json"))).toEqual([
    '"essd-snapshot-retention.maxRetentionDays" is -1; expected a whole number from 1 to 65536 (default 365).',
  ]);
});
