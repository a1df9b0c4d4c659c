/**
 * `npm run bench:languages [-- N ...]`: what serving the component through the component provider
 * (provider/, as every language but TypeScript uses it) costs, against the same components in a
 * TypeScript program: the wall time of `pulumi preview` through the real engine
 * (scripts/pulumi-sim) of N EssdLocalSnapshot components, from a Pulumi YAML program (YAML
 * language host built by scripts/build-yaml-host, each component constructed by the provider) and
 * from a TypeScript program (bench/programs.ts, in the program's own process). Default N: 100 and
 * 1000, one run each.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

import { ROOT, SimProject, STACK } from "../engine/project";
import { fleetAccount } from "./engine";
import { fixed, ratio } from "./report";

const RETENTION_DAYS = 7;
const diskId = (i: number) => `d-fleet${String(i + 1).padStart(7, "0")}`;

function yamlProject(n: number, account: string): SimProject {
  const project = SimProject.create(`languages-yaml-${n}`, { account, stackConfig: "config: {}\n" }, "bench");
  const resources = Array.from(
    { length: n },
    (_, i) =>
      `  snap-${i}:\n    type: essd-snapshots:EssdLocalSnapshot\n    properties:\n      diskId: ${diskId(i)}\n      retentionDays: ${RETENTION_DAYS}\n`,
  );
  writeFileSync(
    path.join(project.dir, "Pulumi.yaml"),
    `name: essd-snapshots\nruntime: yaml\nstackConfigDir: stacks\npackages:\n  essd-snapshots: ${path.join(ROOT, "provider")}\nresources:\n${resources.join("")}`,
  );
  rmSync(path.join(project.dir, "index.ts"), { force: true });
  return project;
}

function tsProject(n: number, account: string): SimProject {
  const program = `
import { componentProgram } from ${JSON.stringify(path.join(ROOT, "bench", "programs"))};
export const snapshots = componentProgram(Array.from({ length: ${n} }, (_, i) => "d-fleet" + String(i + 1).padStart(7, "0"))).length;
`;
  return SimProject.create(`languages-ts-${n}`, { account, stackConfig: "config: {}\n", program }, "bench");
}

function timed(project: SimProject, what: string): number {
  const started = performance.now();
  const run = project.preview();
  const ms = performance.now() - started;
  if (run.code !== 0) throw new Error(`pulumi preview of the ${what} program failed:\n${run.output.slice(-4000)}`);
  return ms;
}

function main(): void {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const yamlBin = execFileSync(path.join(ROOT, "scripts/build-yaml-host"), { encoding: "utf8" }).trim();
  process.env.PATH = `${yamlBin}:${process.env.PATH}`;
  mkdirSync(path.join(ROOT, ".pulumi-sim", "bench"), { recursive: true });
  const rows: string[] = [];
  for (const n of sizes.length > 0 ? sizes : [100, 1000]) {
    const account = fleetAccount(n);
    const ts = timed(tsProject(n, account), "TypeScript");
    const yaml = timed(yamlProject(n, account), "YAML");
    rows.push(`| ${n} | ${fixed(ts / 1000, 1)} | ${fixed(yaml / 1000, 1)} | ${ratio(yaml / ts)} |`);
    process.stderr.write(
      `N=${n}: TypeScript ${fixed(ts / 1000, 1)} s, YAML through the provider ${fixed(yaml / 1000, 1)} s\n`,
    );
  }
  process.stdout.write(
    [
      `pulumi preview through the real engine (stack ${STACK}), one run each:`,
      "",
      "| N | TypeScript program (s) | YAML program, component provider (s) | ratio |",
      "| --- | --- | --- | --- |",
      ...rows,
      "",
    ].join("\n"),
  );
}

main();
