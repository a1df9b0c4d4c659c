/**
 * ECS's own refusals, through the engine, for programs that bypass the component's preview
 * checks (raw provider resources): `up` fails with ECS's error code, as with the real provider.
 */
import { SimProject } from "./sim";
import { ACCOUNT } from "./fixtures";

const STACK_FILE = "config:\n  alicloud:region: cn-hangzhou\n";

const RAW_PROGRAM = `
import { EcsDisk, EcsSnapshot, Image } from "@pulumi/alicloud/ecs";

new EcsSnapshot("never-attached", { diskId: "d-bp1neverattached01", snapshotName: "never-attached" });
new EcsSnapshot("flash-on-autopl", { diskId: "d-bp1efficiency01", category: "flash", snapshotName: "flash" });
const data = new EcsSnapshot("data", { diskId: "d-bp1appdata01", snapshotName: "data", waitUntil: "available" });
new EcsDisk("too-small", { snapshotId: data.id, size: 20, category: "cloud_essd", zoneId: "cn-hangzhou-i" });
new Image("from-data-disk", { diskDeviceMappings: [{ snapshotId: data.id }], imageName: "from-data-disk" });
// No waitUntil: the provider waits for the upload (40 GiB: 21 min 20 s at the simulated rate), past its 5 minutes.
new EcsSnapshot("waits", { diskId: "d-bp1appsys01", snapshotName: "waits" });
`;

test("up shows ECS's refusals with ECS's error codes when nothing checks the disks first", () => {
  const project = SimProject.create("raw-refusals", {
    account: ACCOUNT,
    stackConfig: STACK_FILE,
    program: RAW_PROGRAM,
  });
  // Nothing in a raw program looks at the disks: the preview passes.
  expect(project.preview().code).toBe(0);
  const up = project.up("--continue-on-error");
  expect(up.code).not.toBe(0);
  expect(up.output).toMatch(
    /IncorrectDiskStatus\.NeverAttached: The disk d-bp1neverattached01 has never been attached/,
  );
  expect(up.output).toMatch(/DiskCategory\.OperationNotSupported: .*Category=flash\) needs cloud_essd/);
  expect(up.output).toMatch(/OperationDenied: The specified snapshot s-sim\w+ is not from system disk/);
  expect(up.output).toMatch(
    /timeout while waiting for state to become 'accomplished' \(last state: 'progressing', timeout: 5m0s\)/,
  );
  const cloud = project.cloud();
  expect(cloud.snapshots.map((s) => s.sourceDiskId).sort()).toEqual(["d-bp1appdata01", "d-bp1appsys01"]);
  expect(cloud.images).toEqual([]);
  // A disk asked smaller than its snapshot is made at the snapshot's size (3.108 ecsDisk.d.ts on
  // snapshotId), and the snapshot that timed out stays in the state, as with the bridge.
  expect(cloud.disks.find((d) => d.snapshotId !== "")?.size).toBe(100);
  expect(
    project
      .state()
      .some(
        (r) =>
          r.urn.endsWith("::waits") && r.id === cloud.snapshots.find((x) => x.sourceDiskId === "d-bp1appsys01")?.id,
      ),
  ).toBe(true);
  // The next update tries to shrink the disk to the program's 20 GiB: ResizeDisk refuses it.
  const next = project.up("--continue-on-error");
  expect(next.code).not.toBe(0);
  expect(next.output).toMatch(
    /InvalidDiskSize\.TooSmall: disk d-sim\w+ is 100 GiB; ResizeDisk can only grow it, not to 20 GiB/,
  );
});

test("deleting a snapshot that a disk was made from fails without force (SnapshotCreatedDisk)", () => {
  const program = (withSnapshot: boolean) => `
import { EcsDisk, EcsSnapshot } from "@pulumi/alicloud/ecs";
${withSnapshot ? 'new EcsSnapshot("data", { diskId: "d-bp1appdata01", snapshotName: "data", waitUntil: "available" });' : ""}
new EcsDisk("restored", { snapshotId: "SNAPSHOT_ID", category: "cloud_essd", zoneId: "cn-hangzhou-i" });
`;
  const project = SimProject.create("delete-snapshot", {
    account: ACCOUNT,
    stackConfig: STACK_FILE,
    program: `
import { EcsSnapshot } from "@pulumi/alicloud/ecs";
export const id = new EcsSnapshot("data", { diskId: "d-bp1appdata01", snapshotName: "data", waitUntil: "available" }).id;
`,
  });
  project.upOk();
  const snapshotId = project.cloud().snapshots[0].id;
  project.setProgram(program(true).replace("SNAPSHOT_ID", snapshotId));
  project.upOk();
  project.setProgram(program(false).replace("SNAPSHOT_ID", snapshotId));
  const up = project.up();
  expect(up.code).not.toBe(0);
  expect(up.output).toMatch(/SnapshotCreatedDisk: The snapshot s-sim\w+ has been used to create disk/);
  expect(project.cloud().snapshots.map((s) => s.id)).toEqual([snapshotId]);
});
