/**
 * The consumer's unit test, under the testing kit, with no test runner: the program runs
 * against a simulated account, once as an update and once with a refused disk.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";

import type { AccountSpec } from "essd-snapshots/testing";

type Testing = typeof import("essd-snapshots/testing");

const account = ({ attached, disk, instance }: Testing, dataCategory: string): Partial<AccountSpec> => ({
  disks: [
    attached("d-consumerdata1", "i-consumer01", { size: 200, category: dataCategory }),
    attached("d-consumerroot1", "i-consumer01", { type: "system", size: 40 }),
    disk("d-consumerspare", { status: "Available" }),
  ],
  instances: [instance("i-consumer01")],
});

async function main(): Promise<void> {
  // The library alone must not load what only the testing kit or our example stack needs.
  const library = await import("essd-snapshots");
  assert.equal(typeof library.EssdLocalSnapshot, "function");
  const ours = path.join(__dirname, "node_modules");
  const loaded = Object.keys(require.cache).filter(
    (f) => f.startsWith(ours) && /node_modules[\\/](yaml|zod|sucrase|commander)[\\/]/.test(f),
  );
  assert.deepEqual(loaded, [], "the library entry point loads none of yaml, zod, sucrase, commander");

  // The Jest environment is an entry point of its own (Jest itself is not installed here).
  assert.match(
    require.resolve("essd-snapshots/testing/jest-environment"),
    /dist[\\/]testing[\\/]jest-environment\.js$/,
  );

  const testing = await import("essd-snapshots/testing");
  const { TOKENS, runProgram } = testing;
  const { program } = await import("./program");
  const run = await runProgram(program, { account: account(testing, "cloud_essd"), preview: false });
  assert.deepEqual(run.errors, []);
  assert.equal(run.ok, true);
  const count = (type: string) => run.resources.filter((r) => r.type === type).length;
  assert.deepEqual(
    [count(TOKENS.snapshot), count(TOKENS.disk), count(TOKENS.diskAttachment), count(TOKENS.image)],
    [2, 1, 1, 1],
  );
  assert.match(String(run.outputs.snapshotIds[0]), /^s-/);
  assert.match(String(run.outputs.imageId), /^m-/);
  // Typed outputs under strict TypeScript, no cast: run.known() rejects the markers instead.
  const summaries = run.known("summaries");
  assert.equal(summaries[1].generation, "2026-12");
  assert.match(summaries[1].text, /^Snapshot "web-root" of d-consumerroot1: instant access, 30 days/);
  const restoredDisks: string[] = summaries[0].restoredDisks;
  assert.deepEqual(restoredDisks, ["db-data-restore"]);

  // A refused disk: an error bound to its component, the snapshot never registered, no crash.
  const refused = await runProgram(program, { account: account(testing, "cloud_efficiency"), preview: true });
  assert.equal(refused.ok, false);
  assert.equal(refused.errors.length, 1);
  assert.equal(refused.errors[0].resource?.name, "db-data");
  assert.match(refused.errors[0].message, /Disk d-consumerdata1 cannot be snapshotted by "db-data"/);
  assert.equal(refused.outputs.snapshotIds[0], "[error]");
  assert.deepEqual(
    refused.resources.filter((r) => r.type === TOKENS.snapshot).map((r) => r.name),
    ["web-root-snapshot"],
  );
  process.stdout.write("consumer program: 2 snapshots, a restored disk and an image planned; a refusal reported\n");
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
