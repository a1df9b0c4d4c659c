import * as pulumi from "@pulumi/pulumi";
import { EcsDisk } from "@pulumi/alicloud/ecs";

import { EssdLocalSnapshot, GENERATION_TAG, type EssdLocalSnapshotArgs } from "../components";
import { TOKENS, attached, disk, instance, type SimulatedAccount } from "../simulator";
import { clearReportedErrors, drain, rejectionOf, reportedErrors, settle, useAccount, valueOf } from "./helpers";

async function account(preview: boolean) {
  await drain();
  clearReportedErrors();
  return useAccount(
    {
      disks: [
        attached("d-data", "i-app", { size: 100 }),
        attached("d-encdata", "i-app", { encrypted: "on", size: 60 }),
        attached("d-root", "i-app", { type: "system", size: 40, device: "/dev/xvda" }),
        attached("d-encroot", "i-app", { type: "system", size: 40, encrypted: "on" }),
        disk("d-hdd", { category: "cloud_efficiency", instanceId: "i-app", status: "In_use" }),
      ],
      instances: [instance("i-app")],
    },
    preview,
  );
}

/** Child resource options as the component passes them, seen through a transformation. */
type Captured = { type: string; name: string; opts: pulumi.CustomResourceOptions };
function capturing(captured: Captured[]): pulumi.ComponentResourceOptions {
  return {
    transformations: [
      (a) => {
        captured.push({ type: a.type, name: a.name, opts: a.opts });
        return undefined;
      },
    ],
  };
}

function snap(name: string, args: Partial<EssdLocalSnapshotArgs>, opts?: pulumi.ComponentResourceOptions) {
  return new EssdLocalSnapshot(name, { retentionDays: 14, tags: { team: "db" }, ...args }, opts);
}

const inputsOf = (a: SimulatedAccount, type: string) => a.registered(type).map((r) => r.inputs);

describe("createDisk", () => {
  test("cloud_regional_disk_auto is refused before anything is registered, with the categories ecs.EcsDisk accepts; as an output, when it resolves", async () => {
    const a = await account(true);
    const s = snap("db", { diskId: "d-data" });
    expect(() => s.createDisk("regional", { category: "cloud_regional_disk_auto" })).toThrow(
      /category is "cloud_regional_disk_auto": ECS makes such disks, but ecs.EcsDisk of @pulumi\/alicloud 3.108 does not accept that category .* Use one of cloud_essd, cloud_auto, cloud_essd_entry/,
    );
    s.createDisk("later", { category: pulumi.output("cloud_regional_disk_auto") });
    await drain();
    expect(reportedErrors().join("\n")).toMatch(/category is "cloud_regional_disk_auto"/);
    expect(a.registered(TOKENS.disk)).toEqual([]);
  });

  test("defaults: the snapshot's ID, the source's size and zone, cloud_essd, the snapshot's tags", async () => {
    const a = await account(false);
    const s = snap("db", { diskId: "d-data" });
    const restored = s.createDisk("restore");
    expect(await valueOf(restored.id)).toMatch(/^d-/);
    expect(inputsOf(a, TOKENS.disk)).toEqual([
      {
        snapshotId: await valueOf(s.snapshotId),
        size: 100,
        zoneId: "cn-hangzhou-i",
        category: "cloud_essd",
        diskName: "db-restore",
        tags: { team: "db" },
      },
    ]);
    expect(a.registered(TOKENS.disk)[0].name).toBe("db-restore");
    expect(await valueOf(restored.urn)).toContain(
      "essd-snapshots:index:EssdLocalSnapshot$alicloud:ecs/ecsDisk:EcsDisk::db-restore",
    );
  });

  test("during the preview, size and zone are already the source disk's", async () => {
    const a = await account(true);
    snap("db", { diskId: "d-data" }).createDisk("restore");
    await drain();
    await drain();
    expect(inputsOf(a, TOKENS.disk)[0]).toMatchObject({ size: 100, zoneId: "cn-hangzhou-i", category: "cloud_essd" });
  });

  test("given values win, and instanceId attaches the disk", async () => {
    const a = await account(false);
    const s = snap("db", { diskId: "d-data" });
    const restored = s.createDisk("big", {
      size: 200,
      category: "cloud_auto",
      tags: { purpose: "restore-test" },
      instanceId: "i-app",
    });
    await valueOf(restored.id);
    await drain();
    expect(inputsOf(a, TOKENS.disk)[0]).toMatchObject({
      size: 200,
      category: "cloud_auto",
      tags: { purpose: "restore-test" },
    });
    expect(a.registered(TOKENS.diskAttachment)).toEqual([
      expect.objectContaining({
        name: "db-big-attachment",
        inputs: { diskId: await valueOf(restored.id), instanceId: "i-app" },
      }),
    ]);
  });

  test("a disk from an encrypted source is encrypted by default", async () => {
    const a = await account(false);
    await valueOf(snap("enc", { diskId: "d-encdata" }).createDisk("copy").id);
    expect(inputsOf(a, TOKENS.disk)[0]).toMatchObject({ encrypted: true, size: 60 });
  });

  test.each([
    [{ size: 50 }, /size is 50 GiB, below the 100 GiB of source disk d-data/, "d-data"],
    [{ encrypted: false }, /encrypted is false, but source disk d-encdata is encrypted/, "d-encdata"],
  ])("refuses %j during the preview, registering nothing", async (args, why, diskId) => {
    const a = await account(true);
    const s = snap("db", { diskId });
    s.createDisk("restore", args);
    await settle(s.snapshotId);
    await drain();
    const [message, ...others] = reportedErrors();
    expect(others).toEqual([]);
    expect(message).toContain('The disk "db-restore" cannot be made from snapshot "db"');
    expect(message).toMatch(why);
    expect(a.registered(TOKENS.disk)).toEqual([]);
  });
});

describe("createDisk arguments", () => {
  test.each([
    [{ category: "cloud_efficiency" }, /category is "cloud_efficiency".*ESSD-series/s],
    [{ category: "cloudEssd" }, /the API value is "cloud_essd"/],
    [{ size: 0.5 }, /size is 0\.5; it must be a whole number of GiB/],
    [{ instanceId: "vm-1" }, /instanceId is "vm-1"; an instance ID looks like "i-bp1…"/],
  ])("a plain %j is refused when createDisk is called, registering nothing", async (args, why) => {
    const a = await account(true);
    const s = snap("db", { diskId: "d-data" });
    expect(() => s.createDisk("restore", args)).toThrow(why);
    expect(() => s.createDisk("restore", args)).toThrow(/^Invalid inputs for "db-restore":/);
    await settle(s.snapshotId);
    await drain();
    expect(a.registered(TOKENS.disk)).toEqual([]);
  });

  test("an output is checked when it resolves: the disk is not registered, the error names the argument", async () => {
    const a = await account(true);
    const s = snap("db", { diskId: "d-data" });
    s.createDisk("restore", { category: pulumi.output("cloud_ssd") });
    await settle(s.snapshotId);
    await drain();
    await drain();
    expect(reportedErrors()).toEqual([
      expect.stringMatching(/^Invalid inputs for "db-restore":\n {2}- category is "cloud_ssd"/),
    ]);
    expect(a.registered(TOKENS.disk)).toEqual([]);
  });
});

describe("createImage", () => {
  test("an image from a system-disk snapshot, through diskDeviceMappings, replaced by a rotation only, kept when deleted", async () => {
    const a = await account(false);
    const captured: Captured[] = [];
    const s = snap("root", { diskId: "d-root", generation: "g1" }, capturing(captured));
    const image = s.createImage("golden", { platform: "Aliyun", architecture: "x86_64" });
    expect(await valueOf(image.id)).toMatch(/^m-/);
    expect(inputsOf(a, TOKENS.image)).toEqual([
      {
        diskDeviceMappings: [{ snapshotId: await valueOf(s.snapshotId) }],
        // The platform and architecture force a new image: they are in its name.
        imageName: "root-golden-g1-Aliyun-x86_64",
        platform: "Aliyun",
        architecture: "x86_64",
        tags: { team: "db", "essd-snapshots:generation": "g1" },
      },
    ]);
    const opts = captured.find((c) => c.type === TOKENS.image)?.opts;
    // A snapshot re-created after expiry has a new ID: ignored. A new generation: replaced.
    expect(opts?.ignoreChanges).toEqual(["diskDeviceMappings"]);
    expect(await valueOf(pulumi.output(opts?.replacementTrigger))).toBe("g1");
    expect(opts?.retainOnDelete).toBe(true);
  });

  test("an imageName of the caller's: deleted first when it is deleted on delete; kept with a generation, a warning", async () => {
    await account(true);
    const warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue();
    try {
      const captured: Captured[] = [];
      const s = snap("root", { diskId: "d-root", generation: "g1" }, capturing(captured));
      s.createImage("derived", { platform: "Aliyun" });
      s.createImage("deleted", { imageName: "golden-deleted", deleteOnDestroy: true });
      const kept = s.createImage("kept", { imageName: "golden-kept" });
      // A name that carries the generation changes with it: no warning.
      s.createImage("versioned", { imageName: "golden-g1" });
      await drain();
      const opts = (name: string) => captured.find((c) => c.name === name)?.opts;
      expect(opts("root-derived")?.deleteBeforeReplace).toBeUndefined();
      expect(opts("root-deleted")?.deleteBeforeReplace).toBe(true);
      expect(opts("root-kept")?.deleteBeforeReplace).toBeUndefined();
      expect(warn.mock.calls.map(([m, r]) => [String(m).slice(0, 60), r])).toEqual([
        ['The image "root-kept" has an imageName of its own and is kep', kept],
      ]);
      expect(String(warn.mock.calls[0][0])).toContain("InvalidImageName.Duplicated");
    } finally {
      warn.mockRestore();
    }
  });

  test("a snapshot with deleteOnDestroy deletes its restores too; an image kept from it is refused", async () => {
    await account(true);
    const captured: Captured[] = [];
    const s = snap("root", { diskId: "d-root", deleteOnDestroy: true }, capturing(captured));
    s.createDisk("restore");
    s.createImage("golden");
    expect(captured.find((c) => c.name === "root-restore")?.opts?.retainOnDelete).toBe(false);
    expect(captured.find((c) => c.name === "root-golden")?.opts?.retainOnDelete).toBe(false);
    expect(() => s.createImage("kept", { deleteOnDestroy: false })).toThrow(
      /The image "root-kept" has deleteOnDestroy false, but snapshot "root" has deleteOnDestroy true: ECS refuses to delete a snapshot that an image was made from \(SnapshotCreatedImage\)/,
    );
  });

  test("deleteOnDestroy on a restore: deleted when rotated or destroyed, and the summary says so", async () => {
    await account(true);
    const captured: Captured[] = [];
    const s = snap("root", { diskId: "d-root" }, capturing(captured));
    s.createImage("golden", { deleteOnDestroy: true });
    s.createDisk("scratch", { deleteOnDestroy: true });
    s.createDisk("kept");
    const byName = (name: string) => captured.find((c) => c.name === name)?.opts;
    expect(byName("root-golden")?.retainOnDelete).toBe(false);
    expect(byName("root-scratch")?.retainOnDelete).toBe(false);
    expect(byName("root-kept")?.retainOnDelete).toBe(true);
    expect(byName("root-kept")?.ignoreChanges).toEqual(["snapshotId", "size", "zoneId", "encrypted"]);
    const summary = await valueOf(s.summary);
    expect(summary.restoresDeletedOnDelete).toEqual(["root-golden", "root-scratch"]);
    expect(summary.text).toContain("restores 2 disks, 1 image; kept on delete, except 2 restores.");
  });

  test.each([
    ["d-data", /source disk d-data is a data disk.*not from system disk/s],
    ["d-encroot", /source disk d-encroot is encrypted.*no system image from an encrypted snapshot/s],
  ])("refuses a snapshot of %s during the preview, registering nothing", async (diskId, why) => {
    const a = await account(true);
    const s = snap("img", { diskId });
    s.createImage("golden");
    await settle(s.snapshotId);
    await drain();
    const [message, ...others] = reportedErrors();
    expect(others).toEqual([]);
    expect(message).toContain('The image "img-golden" cannot be made from snapshot "img"');
    expect(message).toMatch(why);
    expect(a.registered(TOKENS.image)).toEqual([]);
  });

  test("refuses a disk declared in the program (always a data disk) with no lookup", async () => {
    const a = await account(true);
    const d = new EcsDisk("vol", { category: "cloud_essd", size: 20, zoneId: "cn-hangzhou-i" });
    snap("vol", { disk: d }).createImage("golden");
    await drain();
    expect(reportedErrors()).toEqual([
      expect.stringMatching(/source disk "vol" \(declared in this program\) is a data disk/),
    ]);
    expect(a.invokes).toEqual([]);
    expect(a.registered(TOKENS.image)).toEqual([]);
  });

  test("a bad image name is refused before anything is registered", async () => {
    await account(true);
    const s = snap("root", { diskId: "d-root" });
    expect(() => s.createImage("golden", { imageName: "aliyun-base" })).toThrow(
      /imageName "aliyun-base" starts with "aliyun"/,
    );
  });
});

describe("a refused snapshot", () => {
  test("registers no snapshot, no disk, no attachment and no image", async () => {
    const a = await account(true);
    const s = snap("hdd", { diskId: "d-hdd" });
    const restored = s.createDisk("restore", { instanceId: "i-app" });
    const image = s.createImage("golden");
    expect(await rejectionOf(s.snapshotId)).toMatch(/Disk d-hdd cannot be snapshotted/);
    expect((await settle(restored.id, 300)).state).not.toBe("resolved");
    expect((await settle(image.id, 300)).state).not.toBe("resolved");
    await drain();
    const children = a.resources.filter((r) => r.type !== "essd-snapshots:index:EssdLocalSnapshot");
    expect(children).toEqual([]);
  });
});

describe("deletion keeps data", () => {
  test("by default the snapshot is retained on delete, and says so", async () => {
    await account(true);
    const captured: Captured[] = [];
    const s = snap("db", { diskId: "d-data" }, capturing(captured));
    expect(s.keptOnDelete).toBe(true);
    await settle(s.snapshotId);
    const opts = captured.find((c) => c.type === TOKENS.snapshot)?.opts;
    expect(opts?.retainOnDelete).toBe(true);
    expect((await valueOf(s.summary)).keptOnDelete).toBe(true);
  });

  test("deleteOnDestroy deletes it, with force so that disks made from it do not block the delete", async () => {
    const a = await account(true);
    const captured: Captured[] = [];
    const s = snap("db", { diskId: "d-data", deleteOnDestroy: true }, capturing(captured));
    await settle(s.snapshotId);
    await drain();
    expect(captured.find((c) => c.type === TOKENS.snapshot)?.opts.retainOnDelete).toBe(false);
    expect(inputsOf(a, TOKENS.snapshot)[0].force).toBe(true);
    expect((await valueOf(s.summary)).text).toContain("deleted on delete (deleteOnDestroy)");
  });
});

describe("rotation", () => {
  async function program(generation: string) {
    const a = await account(false);
    const captured: Captured[] = [];
    const s = snap("root", { diskId: "d-root", generation }, capturing(captured));
    const restoredDisk = s.createDisk("restore");
    const image = s.createImage("golden");
    await Promise.all([valueOf(restoredDisk.id), valueOf(image.id)]);
    await drain();
    const byName = Object.fromEntries(a.resources.map((r) => [r.name, r.inputs]));
    return { byName, captured };
  }

  function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
  }

  test("a new generation changes exactly the inputs that force replacement, and nothing else", async () => {
    const first = await program("2026-10");
    const second = await program("2026-11");
    expect(Object.keys(first.byName).sort()).toEqual(Object.keys(second.byName).sort());

    const snapshotChange = changedKeys(first.byName["root-snapshot"], second.byName["root-snapshot"]);
    expect(snapshotChange).toEqual(["snapshotName", "tags"]);
    expect(second.byName["root-snapshot"]).toMatchObject({
      snapshotName: "root-2026-11",
      tags: { [GENERATION_TAG]: "2026-11" },
    });
    // The provider updates tags and names in place: the generation tag is declared as forcing a replacement.
    const snapshotOpts = second.captured.find((c) => c.type === TOKENS.snapshot)?.opts;
    expect(snapshotOpts?.replaceOnChanges).toEqual([`tags["${GENERATION_TAG}"]`]);

    // The disk's snapshotId forces a replacement in the provider; the image's mappings are declared to.
    expect(changedKeys(first.byName["root-restore"], second.byName["root-restore"])).toEqual(["snapshotId", "tags"]);
    expect(changedKeys(first.byName["root-golden"], second.byName["root-golden"])).toEqual([
      "diskDeviceMappings",
      "imageName",
      "tags",
    ]);
    expect(second.byName["root-golden"].imageName).toBe("root-golden-2026-11");

    expect(changedKeys(first.byName["root"], second.byName["root"])).toEqual([]);
  });

  test("the same generation twice changes nothing", async () => {
    const first = await program("2026-11");
    const second = await program("2026-11");
    expect(second.byName).toEqual(first.byName);
  });
});

describe("summary", () => {
  test("says disk, kind, retention, expiry, tags, kept-on-delete, generation and restores in one sentence", async () => {
    await account(true);
    const s = snap("root", { diskId: "d-root", generation: "r42", tags: { env: "prod", team: "db" } });
    s.createDisk("restore");
    s.createImage("golden");
    const summary = await valueOf(s.summary);
    expect(summary).toMatchObject({
      snapshot: "root",
      disk: "d-root",
      kind: "instant access",
      retentionDays: 14,
      keptOnDelete: true,
      generation: "r42",
      restoredDisks: ["root-restore"],
      restoredImages: ["root-golden-r42"],
      refused: false,
    });
    expect(summary.text).toBe(
      'Snapshot "root" of d-root: instant access, 14 days; restores 1 disk, 1 image; kept on delete.',
    );
  });

  test("an image is named as ECS will name it: the derived name with the generation, or the imageName given", async () => {
    const a = await account(true);
    const s = snap("root", { diskId: "d-root", generation: "r42" });
    s.createImage("golden");
    s.createImage("named", { imageName: "web-base-2026" });
    expect((await valueOf(s.summary)).restoredImages).toEqual(["root-golden-r42", "web-base-2026"]);
    await drain();
    expect(a.registered(TOKENS.image).map((r) => r.inputs.imageName)).toEqual(["root-golden-r42", "web-base-2026"]);
  });

  test("a refused snapshot's summary says it is refused and that nothing of it is created", async () => {
    await account(true);
    const s = snap("slow", { diskId: "d-hdd" });
    s.createDisk("copy");
    const summary = await valueOf(s.summary);
    expect(summary.refused).toBe(true);
    expect(summary.text).toBe(
      'Snapshot "slow" of d-hdd is refused: nothing of it is created (1 restore); see its error.',
    );
    expect((await valueOf(snap("fine", { diskId: "d-data" }).summary)).refused).toBe(false);
  });

  test("a legacy local snapshot says so", async () => {
    await account(true);
    const summary = await valueOf(snap("data", { diskId: "d-data", category: "flash", retentionDays: 1 }).summary);
    expect(summary.kind).toBe("legacy local snapshot (category flash)");
    expect(summary.expiry).toBe("released by ECS 1 day after it is created");
  });
});
