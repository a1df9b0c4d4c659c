/** The rollback's rules (components/rules/rollback.ts): when ECS takes ResetDisk, and what the reviewer reads. */
import {
  checkRollback,
  describeRollbackPlan,
  describeRollbackRefusal,
  rollsBackAgain,
  snapshotUsable,
  validateRollbackArgs,
  type RollbackFacts,
} from "../../components/rules/rollback";

const T = "2026-11-29T06:00:00Z";

function facts(over: Partial<RollbackFacts> = {}): RollbackFacts {
  return {
    name: "db",
    diskId: "d-db",
    snapshotId: "s-db",
    regionId: "cn-hangzhou",
    disk: { id: "d-db", status: "In_use", instanceId: "i-db", lockReasons: [] },
    instance: { id: "i-db", status: "Stopped" },
    snapshot: { id: "s-db", sourceDiskId: "d-db", status: "accomplished", creationTime: T },
    stopInstance: false,
    ...over,
  };
}

describe("checkRollback: what ResetDisk takes (API reference, ResetDisk)", () => {
  it("takes a finished snapshot of the disk, its instance Stopped", () => {
    expect(checkRollback(facts())).toEqual([]);
  });

  it("takes an unattached disk (Available) with no instance", () => {
    expect(
      checkRollback(
        facts({ disk: { id: "d-db", status: "Available", instanceId: "", lockReasons: [] }, instance: undefined }),
      ),
    ).toEqual([]);
  });

  it("takes a Running instance when the caller let the rollback stop it", () => {
    expect(checkRollback(facts({ instance: { id: "i-db", status: "Running" }, stopInstance: true }))).toEqual([]);
  });

  it("takes an instant-access snapshot still uploading (usable), or one ECS reports Available", () => {
    const uploading = { id: "s-db", sourceDiskId: "d-db", status: "progressing", instantAccess: true, creationTime: T };
    expect(checkRollback(facts({ snapshot: uploading }))).toEqual([]);
    expect(checkRollback(facts({ snapshot: { ...uploading, instantAccess: false, available: true } }))).toEqual([]);
  });

  it.each<[string, Partial<RollbackFacts>, string]>([
    [
      "an unknown disk",
      { disk: undefined, instance: undefined },
      "Disk d-db was not found in cn-hangzhou: check diskId",
    ],
    [
      "a snapshot not in the disk's region (a copy elsewhere)",
      { snapshot: undefined },
      "Snapshot s-db was not found in cn-hangzhou, the region of disk d-db: ECS rolls a disk back only to a snapshot taken of it in its own region, never to a copy in another region.",
    ],
    [
      "a copy made by CopySnapshot",
      {
        snapshot: {
          id: "s-db",
          sourceDiskId: "d-db",
          status: "accomplished",
          creationTime: T,
          sourceSnapshotId: "s-orig",
          sourceRegionId: "cn-shanghai",
        },
      },
      "Snapshot s-db is a copy of s-orig from cn-shanghai: ECS does not roll a disk back to a copy",
    ],
    [
      "a snapshot of another disk",
      { snapshot: { id: "s-db", sourceDiskId: "d-web", status: "accomplished", creationTime: T } },
      "Snapshot s-db was taken of disk d-web, not d-db: ResetDisk rolls a disk back only to one of its own snapshots. Set snapshotId to a snapshot of d-db, or diskId to d-web.",
    ],
    [
      "a snapshot still uploading without instant access",
      { snapshot: { id: "s-db", sourceDiskId: "d-db", status: "progressing", instantAccess: false, creationTime: T } },
      'Snapshot s-db has status "progressing" and is not usable yet',
    ],
    [
      "a failed snapshot",
      { snapshot: { id: "s-db", sourceDiskId: "d-db", status: "failed", creationTime: T } },
      'Snapshot s-db has status "failed" and can never be used',
    ],
    [
      "a disk neither In_use nor Available",
      { disk: { id: "d-db", status: "Attaching", instanceId: "i-db", lockReasons: [] } },
      'Disk d-db has status "Attaching": ResetDisk takes a disk that is In_use or Available.',
    ],
    [
      "a security lock",
      { disk: { id: "d-db", status: "In_use", instanceId: "i-db", lockReasons: ["security"] } },
      'Disk d-db has a "security" operation lock',
    ],
    [
      "a Running instance",
      { instance: { id: "i-db", status: "Running" } },
      "Instance i-db of disk d-db is Running: ResetDisk needs it Stopped. Stop it first, or set stopInstance: true",
    ],
    [
      "an instance Stopping, even with stopInstance",
      { instance: { id: "i-db", status: "Stopping" }, stopInstance: true },
      'Instance i-db of disk d-db has status "Stopping": ResetDisk needs it Stopped, and the rollback can stop only a Running instance.',
    ],
    ["an instance not found", { instance: null }, "Instance i-db of disk d-db was not found"],
  ])("refuses %s", (_what, over, sentence) => {
    const problems = checkRollback(facts(over));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(sentence);
  });

  it("reports every problem at once", () => {
    const problems = checkRollback(
      facts({
        instance: { id: "i-db", status: "Running" },
        snapshot: { id: "s-db", sourceDiskId: "d-web", status: "failed", creationTime: T },
      }),
    );
    expect(problems).toHaveLength(3);
    expect(describeRollbackRefusal("db", problems)).toBe(
      [
        'DiskRollback "db" cannot roll the disk back; ECS would refuse ResetDisk:',
        ...problems.map((p) => `  - ${p}`),
        "Nothing was changed.",
      ].join("\n"),
    );
  });
});

describe("snapshotUsable (DescribeSnapshots Available)", () => {
  it.each([
    ["accomplished", undefined, undefined, true],
    ["progressing", true, undefined, true],
    ["progressing", false, undefined, false],
    ["failed", true, undefined, false],
    ["progressing", false, true, true],
    ["accomplished", undefined, false, false],
  ])("%s, instant access %s, Available %s: %s", (status, instantAccess, available, usable) => {
    expect(snapshotUsable({ id: "s", sourceDiskId: "d", status, instantAccess, available, creationTime: T })).toBe(
      usable,
    );
  });
});

describe("describeRollbackPlan: what the reviewer reads", () => {
  it("says what is lost, the safety snapshot, and that the instance is stopped and started", () => {
    expect(
      describeRollbackPlan({
        diskId: "d-db",
        snapshotId: "s-db",
        instance: { id: "i-db", status: "Running" },
        stopInstance: true,
        snapshotTime: T,
        safetySnapshot: true,
      }),
    ).toEqual({
      text: `Rolls disk d-db back to snapshot s-db (taken ${T}): data written to d-db since ${T} is lost; a safety snapshot of d-db is taken first, so the rollback can itself be undone. Instance i-db is stopped for it and started again afterwards.`,
      lost: `data written to d-db since ${T}`,
      stopsInstance: true,
    });
  });

  it("says a rollback without a safety snapshot cannot be undone, and stops no Stopped instance", () => {
    const plan = describeRollbackPlan({
      diskId: "d-db",
      snapshotId: "s-db",
      instance: { id: "i-db", status: "Stopped" },
      stopInstance: true,
      snapshotTime: T,
      safetySnapshot: false,
    });
    expect(plan.text).toBe(
      `Rolls disk d-db back to snapshot s-db (taken ${T}): data written to d-db since ${T} is lost; no safety snapshot is taken (safetySnapshot: false), so it cannot be undone.`,
    );
    expect(plan.stopsInstance).toBe(false);
  });
});

describe("rollsBackAgain: only a new disk, snapshot or request resets the disk again", () => {
  const olds = { diskId: "d-db", snapshotId: "s-db", request: "s-db", stopInstance: false, safetySnapshotId: "s-1" };
  it.each<[string, Record<string, unknown>, boolean]>([
    ["nothing changed (a plain re-run)", {}, false],
    ["stopInstance changed", { stopInstance: true }, false],
    ["another safety snapshot", { safetySnapshotId: "s-2" }, false],
    ["another snapshot", { snapshotId: "s-db2" }, true],
    ["another request", { request: "incident-42" }, true],
    ["another disk", { diskId: "d-web" }, true],
  ])("%s: %s", (_what, change, again) => {
    expect(rollsBackAgain(olds, { ...olds, ...change })).toBe(again);
  });
});

describe("validateRollbackArgs", () => {
  const never = () => false;
  it("accepts the arguments as documented", () => {
    expect(validateRollbackArgs({ diskId: "d-db", snapshotId: "s-db" }, never)).toEqual([]);
    expect(
      validateRollbackArgs(
        { diskId: "d-db", snapshotId: "s-db", request: "r1", stopInstance: true, safetySnapshotRetentionDays: 7 },
        never,
      ),
    ).toEqual([]);
  });

  it("reports every mistake at once, naming the argument and its value", () => {
    expect(
      validateRollbackArgs(
        { diskId: "", snapshotId: 7, stopInstance: "yes", safetySnapshot: "no", safetySnapshotRetentionDays: 0 },
        never,
      ),
    ).toEqual([
      'diskId is ""; it must be a non-empty string.',
      "snapshotId is 7; it must be a non-empty string.",
      'stopInstance is "yes"; it must be true or false (default false).',
      'safetySnapshot is "no"; it must be a plain true or false (default true), known when the program runs.',
      "safetySnapshotRetentionDays is 0; it must be a whole number of days from 1 to 65536 (default 30).",
    ]);
    expect(
      validateRollbackArgs(
        { diskId: "d", snapshotId: "s", safetySnapshot: false, safetySnapshotRetentionDays: 3 },
        never,
      ),
    ).toEqual(["safetySnapshotRetentionDays is given but safetySnapshot is false: leave one of them out."]);
  });

  it("leaves outputs to their check", () => {
    const out = { output: true };
    expect(validateRollbackArgs({ diskId: out, snapshotId: out }, (v) => v === out)).toEqual([]);
  });
});
