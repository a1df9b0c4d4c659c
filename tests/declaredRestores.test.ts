/**
 * The `restore` argument (what other languages use, through the component provider): the same
 * disks and images as createDisk and createImage, their IDs as outputs, every mistake of its
 * shape reported together before anything is registered; and a plain diskId with dependsOn, as
 * the provider passes it.
 */
import { EssdLocalSnapshot, type EssdLocalSnapshotArgs } from "../components";
import { TOKENS, attached, instance } from "../simulator";
import { clearReportedErrors, drain, reportedErrors, useAccount, valueOf } from "./helpers";

async function account() {
  await drain();
  clearReportedErrors();
  return useAccount(
    {
      disks: [
        attached("d-data", "i-app", { size: 100 }),
        attached("d-root", "i-app", { type: "system", size: 40, device: "/dev/xvda" }),
        // ECS takes one snapshot of a disk at a time: the second component snapshots its twin.
        attached("d-root2", "i-other", { type: "system", size: 40, device: "/dev/xvda" }),
      ],
      instances: [instance("i-app"), instance("i-other")],
    },
    false,
  );
}

const snap = (name: string, args: Partial<EssdLocalSnapshotArgs>) =>
  new EssdLocalSnapshot(name, { retentionDays: 14, tags: { team: "db" }, ...args });

test("declared restores register what createDisk and createImage register, and their IDs are outputs in order", async () => {
  const a = await account();
  const declared = snap("db", {
    diskId: "d-root",
    restore: {
      disks: [{ name: "big", size: 120 }, { name: "copy" }],
      images: [{ name: "golden", platform: "Ubuntu" }],
    },
  });
  const diskIds = await valueOf(declared.restoredDiskIds);
  const imageIds = await valueOf(declared.restoredImageIds);
  const called = snap("tsdb", { diskId: "d-root2" });
  await valueOf(called.createDisk("big", { size: 120 }).id);
  await valueOf(called.createDisk("copy").id);
  await valueOf(called.createImage("golden", { platform: "Ubuntu" }).id);
  const disks = a.registered(TOKENS.disk);
  const images = a.registered(TOKENS.image);
  expect(disks.map((d) => d.name)).toEqual(["db-big", "db-copy", "tsdb-big", "tsdb-copy"]);
  expect(diskIds).toHaveLength(2);
  expect(diskIds[0]).toMatch(/^d-/);
  expect(imageIds).toHaveLength(1);
  // The same inputs, but for what carries the component's name or its own snapshot.
  const comparable = (inputs: Record<string, unknown>) => {
    const rest = { ...inputs };
    delete rest.snapshotId;
    delete rest.diskName;
    delete rest.imageName;
    delete rest.diskDeviceMappings;
    return rest;
  };
  expect(comparable(disks[0].inputs)).toEqual(comparable(disks[2].inputs));
  expect(disks[0].inputs).toMatchObject({ size: 120, snapshotId: await valueOf(declared.snapshotId) });
  expect(comparable(images[0].inputs)).toEqual(comparable(images[1].inputs));
  expect(reportedErrors()).toEqual([]);
});

test("without restore the outputs are empty lists", async () => {
  await account();
  const s = snap("db", { diskId: "d-data" });
  expect(await valueOf(s.restoredDiskIds)).toEqual([]);
  expect(await valueOf(s.restoredImageIds)).toEqual([]);
});

test("every mistake in the shape of restore is reported in one error, before anything is registered", async () => {
  const a = await account();
  const restore = { disks: [{ name: "copy" }, { name: "copy" }, { size: 10 }], images: "golden", extra: 1 };
  let message = "";
  try {
    snap("db", { diskId: "d-data", restore: restore as never });
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message).toContain('restore.disks[1].name is "copy", the name of restore.disks[0] too');
  expect(message).toContain("restore.disks[2].name is undefined; it must be a non-empty string");
  expect(message).toContain('restore.images is "golden"; it must be a list of maps');
  expect(message).toContain("restore.extra is not an argument");
  await drain();
  expect(a.registered(TOKENS.snapshot)).toEqual([]);
});

test("a declared disk smaller than its source is refused with createDisk's sentence", async () => {
  const a = await account();
  snap("db", { diskId: "d-data", restore: { disks: [{ name: "small", size: 10 }] } });
  await drain();
  const errors = reportedErrors().join("\n");
  expect(errors).toContain('"db-small"');
  expect(errors).toMatch(/10/);
  expect(a.registered(TOKENS.disk)).toEqual([]);
});

test("a plain diskId with dependsOn (how the component provider passes options) is snapshotted", async () => {
  const a = await account();
  const s = new EssdLocalSnapshot("db", { diskId: "d-data", retentionDays: 7 }, { dependsOn: [] });
  expect(await valueOf(s.snapshotId)).toMatch(/^s-/);
  expect(a.registered(TOKENS.snapshot)).toHaveLength(1);
});
