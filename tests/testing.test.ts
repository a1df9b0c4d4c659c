/**
 * The testing kit (essd-snapshots/testing) as a user's test uses it: a program run under a
 * simulated account, its refusals returned as results; and its Jest environment.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";

import { EssdLocalSnapshot } from "../components";
import { ENDPOINT_VARIABLE } from "../components/ecs";
import { TOKENS, attached, instance, nearestProject, runProgram } from "../testing";

const ROOT = path.join(__dirname, "..");
const account = {
  disks: [attached("d-good", "i-app"), attached("d-hdd", "i-app", { category: "cloud_efficiency" })],
  instances: [instance("i-app")],
};

describe("runProgram", () => {
  test("a refusal is a result to assert on: bound to its component, once, the rest of the program planned", async () => {
    const run = await runProgram(
      () => {
        const good = new EssdLocalSnapshot("good", { diskId: "d-good", retentionDays: 3 });
        const bad = new EssdLocalSnapshot("bad", { diskId: "d-hdd", retentionDays: 3 });
        bad.createDisk("copy");
        return { good: good.snapshotId, bad: bad.snapshotId, summary: bad.summary };
      },
      { account },
    );
    expect(run.ok).toBe(false);
    expect(run.errors.map((e) => e.resource)).toEqual([
      { type: "essd-snapshots:index:EssdLocalSnapshot", name: "bad" },
    ]);
    expect(run.errors[0].message).toMatch(
      /^Disk d-hdd cannot be snapshotted by "bad":\n {2}- category is "cloud_efficiency"/,
    );
    expect(run.outputs).toMatchObject({ good: "[unknown]", bad: "[error]", summary: { refused: true } });
    expect(run.resources.filter((r) => r.type === TOKENS.snapshot).map((r) => r.name)).toEqual(["good-snapshot"]);
  });

  test("an update gets IDs; config and warnings reach the result", async () => {
    const run = await runProgram(
      () => {
        const config = new pulumi.Config();
        const snap = new EssdLocalSnapshot("db", {
          diskId: config.require("disk"),
          retentionDays: config.requireNumber("days"),
        });
        void pulumi.log.warn("checked", snap);
        return { id: snap.snapshotId };
      },
      { account, preview: false, project: "shop", config: { disk: "d-good", days: 5 } },
    );
    expect(run.errors).toEqual([]);
    expect(run.outputs.id).toMatch(/^s-/);
    expect(run.warnings.map((w) => [w.message, w.resource?.name])).toEqual([["checked", "db"]]);
    expect(run.resources.find((r) => r.type === TOKENS.snapshot)?.inputs).toMatchObject({ retentionDays: 5 });
  });

  test("an account file, in the format of npm start's --account-file", async () => {
    const run = await runProgram(
      () => ({ id: new EssdLocalSnapshot("x", { diskId: "d-fixnever0001", retentionDays: 1 }).snapshotId }),
      { accountFile: path.join(__dirname, "stack", "fixtures", "fixtures.account.yaml") },
    );
    expect(run.errors.map((e) => e.message)).toEqual([expect.stringMatching(/NeverAttached/)]);
  });

  test("with no project given, the project is the nearest Pulumi.yaml's name: the consumer's own keys reach the program", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essd-kit-project-"));
    const cwd = process.cwd();
    try {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "# a consumer's project\nname: shop\nruntime: nodejs\n");
      fs.mkdirSync(path.join(dir, "tests"));
      process.chdir(path.join(dir, "tests"));
      const program = () => {
        const config = new pulumi.Config();
        return { project: pulumi.getProject(), disk: config.get("disk"), days: config.get("days") };
      };
      const run = await runProgram(program, { account, config: { "shop:disk": "d-good", days: 5 } });
      expect(run.outputs).toEqual({ project: "shop", disk: "d-good", days: "5" });
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(nearestProject(ROOT)?.name).toBe("essd-snapshots");
  });

  test("with no project given and no Pulumi.yaml above, a key in a namespace that is not a package's is refused with a sentence", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essd-kit-noproject-"));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      await expect(runProgram(() => ({}), { account, config: { "shop:disk": "d-good" } })).rejects.toThrow(
        'The config key "shop:disk" is in the namespace "shop", but the program\'s project is "project": no project option was given and no Pulumi.yaml was found',
      );
      // A provider's namespace and keys without one are fine.
      const run = await runProgram(() => ({ region: new pulumi.Config("alicloud").get("region") }), {
        account,
        config: { "alicloud:region": "cn-hangzhou", disk: "d-good" },
      });
      expect(run.outputs).toEqual({ region: "cn-hangzhou" });
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a config key refused before the run leaves no local ECS API behind: the environment is as it was", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essd-kit-refused-"));
    const cwd = process.cwd();
    const before = process.env[ENDPOINT_VARIABLE];
    try {
      process.chdir(dir);
      await expect(runProgram(() => ({}), { account, config: { "shop:disk": "d-good" } })).rejects.toThrow(
        'The config key "shop:disk" is in the namespace "shop"',
      );
      // A server left listening would also keep the test process from exiting.
      expect(process.env[ENDPOINT_VARIABLE]).toBe(before);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("run.known gives outputs with their own types, and says which output is not known and why", async () => {
    const program = () => {
      const snap = new EssdLocalSnapshot("db", { diskId: "d-good", retentionDays: 3 });
      snap.createDisk("copy");
      return { summary: snap.summary, id: snap.snapshotId, nested: { ids: [snap.snapshotId] } };
    };
    const update = await runProgram(program, { account, preview: false });
    // Strict TypeScript: string[], no cast.
    const restored: string[] = update.known("summary").restoredDisks;
    expect(restored).toEqual(["db-copy"]);
    const id: string = update.known().id;
    expect(id).toMatch(/^s-/);

    const preview = await runProgram(program, { account });
    expect(preview.known("summary").refused).toBe(false);
    expect(() => preview.known("id")).toThrow(
      "The output id is unknown: in a preview it is known only after its resource is created.",
    );
    expect(() => preview.known("nested")).toThrow(/^The output nested\.ids\[0\] is unknown/);

    const refused = await runProgram(
      () => ({ id: new EssdLocalSnapshot("bad", { diskId: "d-hdd", retentionDays: 3 }).snapshotId }),
      { account },
    );
    expect(() => refused.known("id")).toThrow("The output id was rejected: its error is in run.errors.");
    expect(() => refused.known("nope" as "id")).toThrow("The program returned no output nope; it returned id.");
  });

  test("an error the program throws is a result too", async () => {
    const run = await runProgram(() => {
      new EssdLocalSnapshot("x", { diskId: "d-good", retentionDays: 0 });
    });
    expect(run.ok).toBe(false);
    expect(run.errors[0].message).toMatch(/retentionDays is 0/);
  });
});

test("the Jest environment leaves one listener behind however many test files run (no MaxListenersExceededWarning)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essd-jest-env-"));
  try {
    // More files than Node's default limit of 10 listeners, in one worker.
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, `f${i}.test.js`), "test('t', () => {});\n");
    const config = {
      rootDir: dir,
      testEnvironment: path.join(ROOT, "testing", "jest-environment.ts"),
      transform: {
        "^.+\\.ts$": [
          require.resolve("@swc/jest"),
          { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
        ],
      },
      cacheDirectory: path.join(ROOT, ".jest-cache"),
    };
    const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [jest, "--runInBand", "--config", JSON.stringify(config)],
      { cwd: dir },
    );
    expect(stderr).toMatch(/Tests: +12 passed/);
    expect(stderr).not.toMatch(/MaxListenersExceededWarning/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60000);
