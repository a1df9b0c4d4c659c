/**
 * The offline preview (`npm start`) of a stack file with copies: the copy resources it plans, and
 * a refused copy as an error of its snapshot, from the simulated account (its copyRegions).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { runPreview } from "../../preview";

const ACCOUNT = `regionId: cn-hangzhou
zoneId: cn-hangzhou-i
copyRegions: [cn-shanghai]
instances:
  - { id: i-app01 }
disks:
  - { id: d-app0001, instanceId: i-app01, size: 100 }
  - { id: d-secret01, instanceId: i-app01, size: 100, encrypted: "on" }
`;

const STACK = `config:
  alicloud:region: cn-hangzhou
  essd-snapshots:snapshots:
    - name: app
      diskId: d-app0001
      retentionDays: 7
      copies: [{ regionId: cn-shanghai, retentionDays: 30 }]
    - name: secret
      diskId: d-secret01
      retentionDays: 7
      copies: [{ regionId: cn-shanghai }]
`;

test("plans one SnapshotCopy per copy, lists it in the summary, and refuses an encrypted source's copy without a key", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essd-copies-"));
  fs.writeFileSync(path.join(dir, "Pulumi.copies.yaml"), STACK);
  fs.writeFileSync(path.join(dir, "copies.account.yaml"), ACCOUNT);
  const result = await runPreview({
    stack: "copies",
    configFile: path.join(dir, "Pulumi.copies.yaml"),
    accountFile: path.join(dir, "copies.account.yaml"),
  });
  const copies = result.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/essd-snapshots:SnapshotCopy");
  expect(copies.map((r) => [r.name, r.plan])).toEqual([
    ["app-copy-cn-shanghai", "create"],
    ["secret-copy-cn-shanghai", "blocked"],
  ]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => [d.resource?.name, d.message])).toEqual([
    ["secret", expect.stringMatching(/copies\[0\] copies an encrypted snapshot to cn-shanghai without kmsKeyId/)],
  ]);
  const summaries = result.outputs.summaries as Record<string, { copies: string[] }>;
  expect(summaries.app.copies).toEqual(["cn-shanghai: 30 days, kept on delete"]);
});
