/**
 * The component's promise through the real engine, on a stand-in that uploads in simulated time
 * and waits as the provider waits: a preview that passes is followed by an `up` that succeeds,
 * and what ECS would refuse is refused in the preview, naming the disk. Each case both ways:
 * refused in the preview, then the `up` succeeding once the input is fixed or the upload is done.
 * `project.now` is the cloud's clock (ESSD_SIM_NOW): moving it forward lets uploads finish.
 */
import * as path from "node:path";

import { TOKENS } from "../../simulator";
import { ROOT, SimProject, stateOf, stepsOf } from "./sim";
import { ACCOUNT, BIG_ACCOUNT, T0, at, restoresStack } from "./fixtures";

const { snapshot: SNAPSHOT, image: IMAGE } = TOKENS;

/** The diagnostics section of a preview or up. */
const diagnostics = (output: string) => output.slice(output.indexOf("Diagnostics:"));

/** Snapshots of the stack file: `entries` are YAML list items under essd-snapshots:snapshots. */
const stackOf = (entries: string) => `
config:
  alicloud:region: cn-hangzhou
  essd-snapshots:snapshots:
${entries}`;

const DAILY = `    - name: daily
      diskId: d-bp1appdata01
      retentionDays: 7
`;

/** A program of components on d-bp1appdata01, by name (a stack file allows one entry per disk). */
const onAppData = (...names: string[]) => `
import { EssdLocalSnapshot } from ${JSON.stringify(path.join(ROOT, "components"))};
${names.map((n) => `new EssdLocalSnapshot(${JSON.stringify(n)}, { diskId: "d-bp1appdata01", retentionDays: 7 });`).join("\n")}
`;

describe("one snapshot of a disk at a time", () => {
  test("two components on one disk in one update: refused in the preview naming both; one now and the other after the upload, up succeeds", () => {
    const project = SimProject.create("promise-two-on-one", {
      account: ACCOUNT,
      stackConfig: "config:\n  alicloud:region: cn-hangzhou\n",
      program: onAppData("daily", "hourly"),
    });
    project.now = T0;
    const both = project.preview();
    expect(both.code).not.toBe(0);
    expect(diagnostics(both.stdout)).toMatch(
      /Disk d-bp1appdata01 cannot be snapshotted by "hourly":\n\s+- "daily" also makes a snapshot of disk d-bp1appdata01 in this update, and "hourly" would be the second: ECS makes one snapshot of a disk at a time/,
    );
    // Refused at up as well: nothing is created of the second.
    expect(project.up().code).not.toBe(0);
    expect(project.cloud().snapshots.filter((s) => s.snapshotName === "hourly")).toEqual([]);

    // Fixed: one of them in this update.
    project.setProgram(onAppData("daily"));
    project.upOk();

    // The other one while daily's snapshot still uploads: refused, with ECS's progress.
    project.setProgram(onAppData("daily", "hourly"));
    project.now = at(T0, 5);
    const uploading = project.preview();
    expect(uploading.code).not.toBe(0);
    expect(diagnostics(uploading.stdout)).toMatch(
      /Disk d-bp1appdata01 cannot be snapshotted by "hourly":\n\s+- snapshot s-\S+ \(\d+% uploaded, about \d+ minutes left \(ECS's estimate, RemainTime \d+ s\)\) of disk d-bp1appdata01 is still being created \(status progressing\)/,
    );

    // Once the upload is accomplished, the second snapshot is made.
    project.now = at(T0, 24 * 60);
    project.upOk();
    expect(
      project
        .cloud()
        .snapshots.filter((s) => s.sourceDiskId === "d-bp1appdata01")
        .map((s) => s.snapshotName)
        .sort(),
    ).toEqual(["daily", "hourly"]);
  });
});

describe("a new generation while the last snapshot is uploading", () => {
  test("refused in the preview with how far along it is and when to run again; after the upload, up rotates", () => {
    const generation = (g: string) => stackOf(`${DAILY}      generation: "${g}"\n`);
    const project = SimProject.create("promise-rotation-uploading", {
      account: ACCOUNT,
      stackConfig: generation("g1"),
    });
    project.now = T0;
    project.upOk();

    project.setStackConfig(generation("g2"));
    project.now = at(T0, 10);
    const early = project.preview();
    expect(early.code).not.toBe(0);
    const text = diagnostics(early.stdout);
    expect(text).toMatch(/Disk d-bp1appdata01 cannot be snapshotted by "daily":/);
    const [, percent, left] = /\((\d+)% uploaded, about (\d+) minutes left/.exec(text) ?? [];
    expect(Number(percent)).toBeGreaterThan(0);
    expect(Number(percent)).toBeLessThan(100);
    expect(Number(left)).toBeGreaterThan(0);
    expect(text).toMatch(/run the preview again in about \d+ minutes \(ECS's estimate with a margin\)/);

    // Run again after the time the refusal gave: the upload is done, and the rotation goes through.
    project.now = at(T0, 10 + Math.ceil(Number(left) * 1.5) + 1);
    project.upOk();
    const tags = project
      .cloud()
      .snapshots.filter((s) => s.sourceDiskId === "d-bp1appdata01")
      .map((s) => s.tags["essd-snapshots:generation"])
      .sort();
    expect(tags).toEqual(["g1", "g2"]);
  });
});

describe("a longer retention of a snapshot still uploading", () => {
  const retention = (days: number, extra = "") =>
    stackOf(`    - name: big
      diskId: d-bp1big01
      retentionDays: ${days}${extra}
`);

  test("a customTimeouts.update shorter than the upload is refused in the preview; sized from ECS's estimate, up waits and succeeds", () => {
    const project = SimProject.create("promise-retention-uploading", {
      account: BIG_ACCOUNT,
      stackConfig: retention(7),
    });
    project.now = T0;
    project.upOk();

    project.now = at(T0, 1);
    project.setStackConfig(retention(14, '\n      customTimeouts: { update: "5m" }'));
    const short = project.preview();
    expect(short.code).not.toBe(0);
    expect(diagnostics(short.stdout)).toMatch(
      /customTimeouts.update of "big" is "5m", but the provider waits for snapshot s-\S+ to be accomplished before it changes retentionDays of "big" \(7 → 14 days\); it is \d+% uploaded, about .* left .*: the update would time out. Give customTimeouts.update of at least "\d+m"/,
    );

    project.setStackConfig(retention(14));
    const sized = project.preview();
    expect(sized.code).toBe(0);
    expect(diagnostics(sized.stdout)).toMatch(/the update may take that long, and its timeout is \d+ minutes\./);
    const up = project.upOk();
    expect(up.output).toMatch(/1 updated/);
    const snapshot = project.cloud().snapshots.find((s) => s.sourceDiskId === "d-bp1big01");
    expect(snapshot?.status).toBe("accomplished");
    expect(snapshot?.retentionDays).toBe(14);
    const timeouts = (stateOf(project.state(), SNAPSHOT, "big-snapshot") as { customTimeouts?: { update?: number } })
      ?.customTimeouts;
    // Sized from RemainTime with a margin: longer than the size-based default of 10 + 1000 minutes,
    // which the upload (1000 GiB at 8 MiB/s, about 2133 minutes) outlasts.
    expect(timeouts?.update).toBeGreaterThan((10 + 1000) * 60);
  });
});

describe("restore categories the provider accepts", () => {
  const category = (c: string) =>
    stackOf(`${DAILY}      restore:
        disks:
          - name: regional
            category: ${c}
`);

  test("cloud_regional_disk_auto is refused in the preview with the list; cloud_auto is made", () => {
    const project = SimProject.create("promise-restore-category", {
      account: ACCOUNT,
      stackConfig: category("cloud_regional_disk_auto"),
    });
    project.now = T0;
    const refused = project.preview();
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(
      /category is "cloud_regional_disk_auto": ECS makes such disks, but ecs.EcsDisk of @pulumi\/alicloud 3.108 does not accept that category .* Use one of cloud_essd, cloud_auto, cloud_essd_entry/,
    );

    project.setStackConfig(category("cloud_auto"));
    project.upOk();
    expect(project.cloud().disks.find((d) => d.snapshotId)?.category).toBe("cloud_auto");
  });
});

describe("an image change that replaces", () => {
  const images = (platform: string, extra = "") =>
    restoresStack("g1").replace(
      "          - name: golden",
      `          - name: golden\n            platform: ${platform}${extra}`,
    );

  test("a new platform replaces the image under a new derived name: up succeeds and the old image is kept", () => {
    const project = SimProject.create("promise-image-platform", { account: ACCOUNT, stackConfig: images("Aliyun") });
    project.now = T0;
    project.upOk();
    project.setStackConfig(images("CentOS"));
    project.now = at(T0, 24 * 60);
    const preview = project.preview("--json");
    expect(preview.code).toBe(0);
    expect(
      stepsOf(preview.stdout)
        .filter((s) => s.op !== "same")
        .map((s) => `${s.op} ${s.name}`),
    ).toEqual(["replace app-system-golden"]);
    project.upOk();
    expect(
      project
        .cloud()
        .images.map((i) => i.imageName)
        .sort(),
    ).toEqual(["app-system-golden-g1-Aliyun", "app-system-golden-g1-CentOS"]);
  });

  test("an imageName of the caller's, kept: the preview warns and up meets the kept name; deleted on delete: deleted first, up succeeds", () => {
    const named = (generation: string, extra: string) =>
      restoresStack(generation).replace(
        "          - name: golden",
        `          - name: golden\n            imageName: my-golden${extra}`,
      );
    const kept = SimProject.create("promise-image-named-kept", { account: ACCOUNT, stackConfig: named("g1", "") });
    kept.now = T0;
    const first = kept.upOk();
    expect(diagnostics(first.stdout)).toMatch(
      /The image "app-system-golden" has an imageName of its own and is kept when replaced, so a new generation of "app-system" .* \(InvalidImageName.Duplicated\)/,
    );
    kept.setStackConfig(named("g2", ""));
    kept.now = at(T0, 24 * 60);
    const rotation = kept.up();
    expect(rotation.code).not.toBe(0);
    expect(rotation.output).toMatch(/InvalidImageName.Duplicated/);

    const deleted = SimProject.create("promise-image-named-deleted", {
      account: ACCOUNT,
      stackConfig: named("g1", "\n            deleteOnDestroy: true"),
    });
    deleted.now = T0;
    const quiet = deleted.upOk();
    expect(quiet.output).not.toMatch(/has an imageName of its own/);
    deleted.setStackConfig(named("g2", "\n            deleteOnDestroy: true"));
    deleted.now = at(T0, 24 * 60);
    deleted.upOk();
    const after = deleted.cloud();
    expect(after.images.map((i) => i.imageName)).toEqual(["my-golden"]);
    expect(stateOf(deleted.state(), IMAGE, "app-system-golden")?.id).toBe(after.images[0].id);
  });
});
