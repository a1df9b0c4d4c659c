/**
 * Lifecycles through the real Pulumi engine (scripts/pulumi-sim): preview, up, refresh,
 * rotation, expiry and destroy, each asserting on the engine's exit code and output,
 * `pulumi stack export`, and the simulated cloud.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import { TOKENS } from "../../simulator";
import { ROOT, SimProject, stateOf, stepsOf } from "./sim";
import { ACCOUNT, REFUSED_STACK, T0, restoresStack, restoredProject } from "./fixtures";

const { snapshot: SNAPSHOT, disk: DISK, image: IMAGE, diskAttachment: ATTACHMENT } = TOKENS;

/** What a preview plans to change, as sorted `op type name` lines (it must succeed). */
function plannedChanges(project: SimProject): string[] {
  const preview = project.preview("--json");
  expect(preview.code).toBe(0);
  return stepsOf(preview.stdout)
    .filter((s) => s.op !== "same")
    .map((s) => `${s.op} ${s.type} ${s.name}`)
    .sort();
}

describe("the dev stack", () => {
  test("preview plans what npm start plans, up creates it, and a second preview shows no changes", async () => {
    const project = SimProject.create("dev", {
      account: readFileSync(path.join(ROOT, "stacks", "dev.account.yaml"), "utf8"),
      stackConfig: readFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), "utf8"),
    });
    const preview = project.preview("--json");
    expect(preview.code).toBe(0);
    const planned = stepsOf(preview.stdout)
      .filter((s) => s.op === "create" && s.type !== "pulumi:pulumi:Stack")
      .map((s) => `${s.type}::${s.name}`)
      .sort();

    // The offline preview of the same stack, under Pulumi's mocks.
    const { runPreview } = await import("../../preview");
    const offline = await runPreview({ stack: "dev" });
    expect(offline.totals.errors).toBe(0);
    const offlinePlanned = offline.resources
      .filter((r) => r.plan === "create" && r.type !== "pulumi:pulumi:Stack")
      .map((r) => `${r.type}::${r.name}`)
      .sort();
    expect(planned).toEqual(offlinePlanned);
    expect(planned.length).toBeGreaterThan(8);

    const up = project.upOk();
    expect(up.output).toMatch(/\+ 12 created/);
    const cloud = project.cloud();
    expect(cloud.snapshots.map((s) => s.sourceDiskId).sort()).toEqual([
      "d-bp1devbatch01",
      "d-bp1devmysqlbin01",
      "d-bp1devmysqldata01",
      "d-bp1devwebsys01",
    ]);
    expect(cloud.snapshots.find((s) => s.sourceDiskId === "d-bp1devmysqlbin01")?.category).toBe("flash");

    const again = project.preview("--expect-no-changes");
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/12 unchanged/);
  });
});

describe("refused disks", () => {
  test("preview exits non-zero and reports each refusal once, bound to its component; up creates nothing", () => {
    const project = SimProject.create("refused", { account: ACCOUNT, stackConfig: REFUSED_STACK });
    const preview = project.preview();
    expect(preview.code).not.toBe(0);
    const refusals: [string, RegExp][] = [
      [
        "efficiency",
        /Disk d-bp1efficiency01 cannot be snapshotted by "efficiency":\n\s+- category is "cloud_efficiency"/,
      ],
      [
        "never-attached",
        /Disk d-bp1neverattached01 cannot be snapshotted by "never-attached":\n\s+- status is "Available" and it has never been attached/,
      ],
      [
        "starting",
        /Disk d-bp1starting01 cannot be snapshotted by "starting":\n\s+- its instance i-bp1starting01 is "Starting"/,
      ],
    ];
    for (const [name, text] of refusals) {
      // Bound to the component: the engine prints it under the component's own heading.
      const heading = `essd-snapshots:index:EssdLocalSnapshot (${name}):`;
      const section = preview.output.split(heading)[1];
      expect(section).toBeDefined();
      expect(section).toMatch(text);
      // Once in the diagnostics (the progress lines above them echo its first line).
      const diagnostics = preview.stdout.slice(preview.stdout.indexOf("Diagnostics:"));
      expect(diagnostics.split(`cannot be snapshotted by "${name}"`).length - 1).toBe(1);
    }
    expect(preview.output).not.toMatch(/cannot be snapshotted by "fine"/);

    const up = project.up();
    expect(up.code).not.toBe(0);
    const cloud = project.cloud();
    const refusedDisks = ["d-bp1efficiency01", "d-bp1neverattached01", "d-bp1starting01"];
    expect(cloud.snapshots.filter((s) => refusedDisks.includes(s.sourceDiskId))).toEqual([]);
  });
});

describe("rotation", () => {
  test("a new generation replaces the snapshot, the restored disk and the image, and nothing else; the old ones stay in the cloud", () => {
    const project = restoredProject("rotation");
    const before = project.cloud();
    const [oldData] = before.snapshots.filter((s) => s.sourceDiskId === "d-bp1appdata01");

    // A day later: g1's uploads are done (a new snapshot of a disk still uploading is refused).
    project.now = "2026-12-02T00:00:00Z";
    project.setStackConfig(restoresStack("g2"));
    const changed = plannedChanges(project);
    expect(changed).toEqual(
      [
        `replace ${ATTACHMENT} app-data-standby-attachment`,
        `replace ${DISK} app-data-standby`,
        `replace ${IMAGE} app-system-golden`,
        `replace ${SNAPSHOT} app-data-snapshot`,
        `replace ${SNAPSHOT} app-system-snapshot`,
      ].sort(),
    );

    project.upOk();
    const after = project.cloud();
    // retainOnDelete: the old generation's snapshot is still in the cloud, beside the new one.
    expect(after.snapshots.map((s) => s.id)).toContain(oldData.id);
    const data = after.snapshots.filter((s) => s.sourceDiskId === "d-bp1appdata01");
    expect(data.map((s) => s.tags["essd-snapshots:generation"]).sort()).toEqual(["g1", "g2"]);
    // The old restored disk and image are kept (retainOnDelete); the old disk is detached, since
    // its attachment is replaced by the new disk's.
    const oldDisk = before.disks.find((d) => d.snapshotId === oldData.id);
    expect(after.disks.find((d) => d.id === oldDisk?.id)?.status).toBe("Available");
    expect(after.disks.find((d) => d.snapshotId !== oldData.id && d.instanceId === "i-bp1standby01")).toBeDefined();
    expect(after.images.map((i) => i.imageName).sort()).toEqual(["app-system-golden-g1", "app-system-golden-g2"]);

    const state = project.state();
    expect(stateOf(state, SNAPSHOT, "app-data-snapshot")?.retainOnDelete).toBe(true);
    expect(stateOf(state, DISK, "app-data-standby")?.retainOnDelete).toBe(true);
    expect(stateOf(state, IMAGE, "app-system-golden")?.retainOnDelete).toBe(true);
  });
});

describe("rotation with the opt-out", () => {
  test("a restore with deleteOnDestroy is deleted by the rotation; the snapshot and the image are kept", () => {
    const optOut = (generation: string) =>
      restoresStack(generation).replace(
        "            instanceId: i-bp1standby01",
        "            instanceId: i-bp1standby01\n            deleteOnDestroy: true",
      );
    const project = SimProject.create("rotation-opt-out", { account: ACCOUNT, stackConfig: optOut("g1") });
    project.now = T0;
    project.upOk();
    const before = project.cloud();
    const oldSnapshot = before.snapshots.find((s) => s.sourceDiskId === "d-bp1appdata01");
    const oldDisk = before.disks.find((d) => d.snapshotId === oldSnapshot?.id);
    expect(stateOf(project.state(), DISK, "app-data-standby")?.retainOnDelete).toBeFalsy();

    project.now = "2026-12-02T00:00:00Z";
    project.setStackConfig(optOut("g2"));
    project.upOk();
    const after = project.cloud();
    expect(after.disks.find((d) => d.id === oldDisk?.id)).toBeUndefined();
    expect(after.disks.filter((d) => d.instanceId === "i-bp1standby01")).toHaveLength(1);
    // The snapshot kept its own default; so did the image, which set no opt-out.
    expect(after.snapshots.map((s) => s.id)).toContain(oldSnapshot?.id);
    expect(after.images.map((i) => i.imageName).sort()).toEqual(["app-system-golden-g1", "app-system-golden-g2"]);
  });
});

describe("expiry", () => {
  test("refresh drops the released snapshots and up makes new ones; the restored disk and image stay as they are", () => {
    const project = restoredProject("expiry");
    const before = project.cloud();
    const oldSnapshot = before.snapshots.find((s) => s.sourceDiskId === "d-bp1appdata01");
    const oldDisk = before.disks.find((d) => d.snapshotId === oldSnapshot?.id);
    expect(oldDisk?.status).toBe("In_use");

    // Eight days later the 7-day snapshots have been released by ECS.
    project.now = "2026-12-09T00:00:00Z";
    expect(project.cloud().released.map((r) => r.id)).toContain(oldSnapshot?.id);
    const refresh = project.refresh();
    expect(refresh.code).toBe(0);
    expect(refresh.output).toMatch(/- +alicloud:ecs:EcsSnapshot +app-data-snapshot +deleted/);
    expect(stateOf(project.state(), SNAPSHOT, "app-data-snapshot")).toBeUndefined();

    const preview = project.preview();
    expect(preview.code).toBe(0);
    // The preview says why the snapshot is made again, under its component.
    expect(preview.stdout).toMatch(
      /No snapshot of disk d-bp1appdata01 by "app-data" of generation "g1" is alive in the cloud, so this update makes one: the first of this generation, or one in place of a snapshot ECS released when its retention ended \(the disks and images restored from that one stay as they are\)\./,
    );
    const changed = plannedChanges(project);
    // New snapshots under the same names and generation; nothing restored from them is touched.
    expect(changed).toEqual([`create ${SNAPSHOT} app-data-snapshot`, `create ${SNAPSHOT} app-system-snapshot`]);

    project.upOk();
    const after = project.cloud();
    const newSnapshot = after.snapshots.find((s) => s.sourceDiskId === "d-bp1appdata01");
    expect(newSnapshot?.id).not.toBe(oldSnapshot?.id);
    expect(newSnapshot?.tags["essd-snapshots:generation"]).toBe("g1");
    // The restored disk, with whatever was written to it, is the same disk, still attached.
    expect(after.disks.find((d) => d.id === oldDisk?.id)?.status).toBe("In_use");
    expect(after.images.map((i) => i.id)).toEqual(before.images.map((i) => i.id));
    expect(project.preview("--expect-no-changes").code).toBe(0);
  });
});

describe("destroy", () => {
  test("keeps the snapshots and the restored disk and image (retainOnDelete); the disk is detached", () => {
    const project = restoredProject("destroy");
    const before = project.cloud();
    const destroy = project.destroy();
    expect(destroy.code).toBe(0);
    const cloud = project.cloud();
    expect(cloud.snapshots.map((s) => s.sourceDiskId).sort()).toEqual(["d-bp1appdata01", "d-bp1appsys01"]);
    const restored = before.disks.filter((d) => d.snapshotId).map((d) => d.id);
    expect(cloud.disks.filter((d) => d.snapshotId).map((d) => [d.id, d.status])).toEqual(
      restored.map((id) => [id, "Available"]),
    );
    expect(cloud.images.map((i) => i.id)).toEqual(before.images.map((i) => i.id));
    expect(cloud.attachments).toEqual([]);
  });

  test("deleteOnDestroy deletes the snapshot and what was restored from it, the image before the snapshot", () => {
    const project = restoredProject("destroy-delete", "\n      deleteOnDestroy: true");
    const destroy = project.destroy();
    expect(destroy.code).toBe(0);
    const cloud = project.cloud();
    expect(cloud.snapshots.filter((s) => s.sourceDiskId === "d-bp1appsys01")).toEqual([]);
    expect(cloud.images).toEqual([]);
    // app-data keeps its snapshot: only app-system set deleteOnDestroy.
    expect(cloud.snapshots.map((s) => s.sourceDiskId)).toEqual(["d-bp1appdata01"]);
  });
});

/** A disk made in the program, attached to an instance (or not), and snapshotted. */
function diskInProgram(attach: boolean): string {
  return `
import { EcsDisk, EcsDiskAttachment } from "@pulumi/alicloud/ecs";
import { EssdLocalSnapshot } from ${JSON.stringify(path.join(ROOT, "components"))};

const disk = new EcsDisk("scratch", { zoneId: "cn-hangzhou-i", category: "cloud_essd", size: 40, diskName: "scratch" });
${
  attach
    ? `const attachment = new EcsDiskAttachment("scratch-attachment", { diskId: disk.id, instanceId: "i-bp1standby01" });
export const snapshotId = new EssdLocalSnapshot("scratch", { disk, retentionDays: 3 }, { dependsOn: [attachment] }).snapshotId;`
    : `export const snapshotId = new EssdLocalSnapshot("scratch", { disk, retentionDays: 3 }).snapshotId;`
}
`;
}

describe("a disk made in the same program", () => {
  test("is snapshotted after its attachment when the snapshot depends on it", () => {
    const project = SimProject.create("new-disk", {
      account: ACCOUNT,
      stackConfig: "config:\n  alicloud:region: cn-hangzhou\n",
      program: diskInProgram(true),
    });
    expect(project.preview().code).toBe(0);
    project.upOk();
    const cloud = project.cloud();
    const disk = cloud.disks.find((d) => d.diskName === "scratch");
    expect(disk?.status).toBe("In_use");
    expect(cloud.snapshots.map((s) => s.sourceDiskId)).toEqual([disk?.id]);
  });

  test("is refused as never attached when nothing attaches it, and nothing is snapshotted", () => {
    const project = SimProject.create("new-disk-early", {
      account: ACCOUNT,
      stackConfig: "config:\n  alicloud:region: cn-hangzhou\n",
      program: diskInProgram(false),
    });
    const up = project.up();
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(/status is "Available" and it has never been attached/);
    expect(project.cloud().snapshots).toEqual([]);
  });
});
