/**
 * Copies in another region through the real engine: the stack file's `copies` become
 * SnapshotCopy resources that the dynamic provider plugin runs with the library's code, calling
 * CopySnapshot through the official SDK against the local ECS API (ESSD_SIM_ECS_API=1), over the
 * same simulated cloud the stand-in provider serves. One project, in steps: made, rotated (the
 * old copy kept), surviving the source's expiry, destroyed (kept), and deleted with
 * deleteOnDestroy.
 */
import { SimProject, stateOf, type CliRun } from "./sim";
import { at, T0 } from "./fixtures";

const COPY = "pulumi-nodejs:dynamic/essd-snapshots:SnapshotCopy";

const ACCOUNT = `
regionId: cn-hangzhou
zoneId: cn-hangzhou-i
copyRegions: [cn-shanghai]
instances:
  - { id: i-bp1app01 }
disks:
  - { id: d-bp1appdata01, instanceId: i-bp1app01, size: 40 }
`;

const stack = (generation: string, extra = "") => `
config:
  alicloud:region: cn-hangzhou
  essd-snapshots:snapshots:
    - name: app
      diskId: d-bp1appdata01
      retentionDays: 7
      generation: "${generation}"
      copies:
        - regionId: cn-shanghai
          retentionDays: 60
${extra}`;

const ECS_API = { ESSD_SIM_ECS_API: "1" };

function ok(run: CliRun, what: string): CliRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.output}`);
  return run;
}

test("a copy is made in the other region, kept on rotation, expiry and destroy; deleted with deleteOnDestroy", () => {
  const project = SimProject.create("copies", { account: ACCOUNT, stackConfig: stack("g1") });
  project.now = T0;
  const up = (what: string) => ok(project.cli(["up", "--stack", "test", "--yes", "--skip-preview"], ECS_API), what);
  const shanghai = () => project.cloud().recovery.regions["cn-shanghai"].snapshots;

  // Made: up makes it through the ECS API, pulumi-sim cloud shows it.
  expect(up("first up").output).toMatch(
    /\+\s+pulumi-nodejs:dynamic\/essd-snapshots:SnapshotCopy\s+app-copy-cn-shanghai\s+created/,
  );
  const first = project.cloud();
  const [source] = first.snapshots;
  expect(first.recovery.regions["cn-shanghai"].snapshots).toEqual([
    expect.objectContaining({
      sourceSnapshotId: source.id,
      sourceRegionId: "cn-hangzhou",
      retentionDays: 60,
      snapshotName: "app-cn-shanghai-g1",
    }),
  ]);
  expect(first.recovery.regions["cn-shanghai"].snapshots[0].tags["essd-snapshots:generation"]).toBe("g1");
  const firstCopy = shanghai()[0].id;
  const state = stateOf(project.state(), COPY, "app-copy-cn-shanghai");
  expect(state).toMatchObject({ id: firstCopy, retainOnDelete: true });
  expect(state?.outputs).toMatchObject({ snapshotId: firstCopy, regionId: "cn-shanghai" });

  // Rotated: a new copy of the new snapshot; the old copy stays in the cloud.
  project.setStackConfig(stack("g2"));
  up("rotation");
  const afterRotation = shanghai();
  expect(afterRotation).toHaveLength(2);
  expect(afterRotation[0].id).toBe(firstCopy);
  expect(afterRotation[1].snapshotName).toBe("app-cn-shanghai-g2");

  // The sources' retention (7 days) ends; the copies (60 days) stay.
  project.now = at(T0, 10 * 24 * 60);
  const expired = project.cloud();
  expect(expired.snapshots).toEqual([]);
  expect(expired.recovery.regions["cn-shanghai"].snapshots.map((s) => s.id)).toEqual(afterRotation.map((s) => s.id));

  // Destroyed: the copies are kept, like the snapshot.
  ok(project.cli(["destroy", "--stack", "test", "--yes", "--skip-preview"], ECS_API), "destroy");
  expect(shanghai().map((s) => s.id)).toEqual(afterRotation.map((s) => s.id));

  // With deleteOnDestroy, a destroy deletes the copy too.
  project.setStackConfig(stack("g3", "      deleteOnDestroy: true\n"));
  up("up with deleteOnDestroy");
  const withDeleted = shanghai();
  expect(withDeleted).toHaveLength(3);
  ok(project.cli(["destroy", "--stack", "test", "--yes", "--skip-preview"], ECS_API), "destroy with deleteOnDestroy");
  expect(shanghai().map((s) => s.id)).toEqual(afterRotation.map((s) => s.id));
});
