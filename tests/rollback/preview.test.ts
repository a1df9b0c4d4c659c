/** DiskRollback in the offline preview (`npm start -- --program`): what a reviewer reads, without a cloud. */
import * as path from "node:path";

import { runPreview } from "../../preview";

const PROGRAM = path.join(__dirname, "..", "stack", "fixtures", "own-program", "rollback.ts");
const ACCOUNT = path.join(__dirname, "fixtures", "rollback.account.yaml");

test("the offline preview refuses a rollback on a running instance and explains the other", async () => {
  // A generous settle time: the machine running the tests may be busy.
  const result = await runPreview({ program: PROGRAM, stack: "ci", accountFile: ACCOUNT, settleMs: 15000 });
  const of = (severity: string, name: string) =>
    result.diagnostics.filter((d) => d.severity === severity && d.resource?.name === name).map((d) => d.message);
  expect(of("error", "web")).toEqual([
    expect.stringContaining(
      "Instance i-rbweb0001 of disk d-rbweb0001 is Running: ResetDisk needs it Stopped. Stop it first, or set stopInstance: true",
    ),
  ]);
  expect(of("warning", "db")).toEqual([
    "Rolls disk d-rbdb0001 back to snapshot s-rbdb0001 (taken 2026-11-29T06:00:00Z): data written to d-rbdb0001 since 2026-11-29T06:00:00Z is lost; a safety snapshot of d-rbdb0001 is taken first, so the rollback can itself be undone.",
  ]);
  expect(of("error", "db")).toEqual([]);
  const planned = result.resources.map((r) => [r.type, r.name, r.plan]);
  expect(planned).toEqual(
    expect.arrayContaining([
      ["essd-snapshots:index:DiskRollback", "db", "create"],
      ["pulumi-nodejs:dynamic/essd-snapshots:DiskRollback", "db-reset", "create"],
      ["essd-snapshots:index:EssdLocalSnapshot", "db-safety", "create"],
    ]),
  );
});
