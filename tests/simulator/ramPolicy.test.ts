/**
 * The RAM policies against the ECS API calls the stand-in provider makes, phase by phase:
 * what `pulumi preview` calls (the component's three lookups), what `pulumi refresh` calls
 * (a read of every resource), and what `pulumi up` and `pulumi destroy` call (create, update,
 * delete), through the same functions the provider plugin runs.
 *
 * - ram-policy.preview.json: read-only, exactly preview + refresh, nothing that writes.
 * - ram-policy.up.json: every call of every phase, each statement scoped to ECS resource types,
 *   and DeleteSnapshot / DeleteDisk / DeleteImage only on resources tagged managedBy=essd-snapshots.
 * - ram-policy.json: the single broad policy of 0.1.0, kept working for existing users.
 *
 * A tiny evaluator stands in for RAM: a call is allowed when, for each resource it touches
 * (the ARNs ECS's API reference names for the action), an Allow statement names the action,
 * a matching resource pattern, and conditions that hold. An unknown condition key never holds
 * (RAM denies when a condition cannot be evaluated), so the evaluator fails closed like RAM.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import {
  SimulatedCloud,
  TOKENS,
  answerInvoke,
  attached,
  copySnapshot,
  createResource,
  deleteResource,
  describeRegionSnapshots,
  instance,
  readResource,
  resetDisk,
  startInstance,
  stopInstance,
  STOPPING_SECONDS,
  updateResource,
} from "../../simulator";

const ROOT = path.resolve(__dirname, "../..");

interface Statement {
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
interface Policy {
  Version: string;
  Statement: Statement[];
}

function load(file: string): Policy {
  return JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as Policy;
}
const PREVIEW = load("ram-policy.preview.json");
const UP = load("ram-policy.up.json");
const LEGACY = load("ram-policy.json");

/** The tag the up policy's deletes require (README: "RAM permissions"). */
const MANAGED = { managedBy: "essd-snapshots" };

type Phase = "preview" | "refresh" | "up" | "destroy";
interface Call {
  phase: Phase;
  action: string;
  /** The ARNs RAM authorizes the call against; "*" for list operations. */
  resources: string[];
  /** The tags of the one existing resource the call acts on, for acs:ResourceTag conditions. */
  tags: Record<string, string>;
}

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

function conditionsHold(statement: Statement, call: Call): boolean {
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, wanted] of Object.entries(keys)) {
      const tag = /^acs:ResourceTag\/(.+)$/.exec(key);
      if (operator !== "StringEquals" || !tag) return false;
      if (!list(wanted).includes(call.tags[tag[1]])) return false;
    }
  }
  return true;
}

function allows(policy: Policy, call: Call): boolean {
  return call.resources.every((resource) =>
    policy.Statement.some(
      (s) =>
        s.Effect === "Allow" &&
        list(s.Action).some((a) => glob(a).test(`ecs:${call.action}`)) &&
        list(s.Resource).some((r) => r === "*" || glob(r).test(resource)) &&
        conditionsHold(s, call),
    ),
  );
}

const arn = (type: string, id: string) => `acs:ecs:cn-hangzhou:1234567890:${type}/${id}`;

/**
 * One program's whole life against one simulated account, each ECS call recorded with its
 * phase and the resources it touches: the component's lookups (preview), a read of each
 * resource (refresh), create and update (up), delete (destroy).
 */
function lifecycle(tags: Record<string, string> = MANAGED): Call[] {
  const cloud = SimulatedCloud.fromAccount({
    regionId: "cn-hangzhou",
    copyRegions: ["cn-shanghai"],
    instances: [instance("i-app"), instance("i-standby")],
    disks: [attached("d-data", "i-app"), attached("d-sys", "i-app", { type: "system", size: 40 })],
  });
  const calls: Call[] = [];
  let context: Omit<Call, "action"> = { phase: "preview", resources: ["*"], tags: {} };
  // Every ECS call the model makes goes through call(): record it with the current context.
  cloud.call = (action: string) => {
    cloud.calls.push(action);
    calls.push({ ...context, action });
  };
  const as = <T>(phase: Phase, resources: string[], fn: () => T, resourceTags: Record<string, string> = {}): T => {
    context = { phase, resources, tags: resourceTags };
    return fn();
  };
  const lookups = (phase: Phase) =>
    as(phase, ["*"], () => {
      // What the component asks, in every preview and every up (lookups.ts).
      answerInvoke(cloud, TOKENS.getEcsDisks, { ids: ["d-data", "d-sys"] });
      answerInvoke(cloud, TOKENS.getInstances, { ids: ["i-app"], enableDetails: false });
      answerInvoke(cloud, TOKENS.getEcsSnapshots, { type: "user", tags });
      // EssdSnapshotGroup: the instance's groups (getEcsSnapshotGroups), and DescribeSnapshotGroups
      // through the ECS client for its earlier groups (expiry) and its members.
      answerInvoke(cloud, TOKENS.getEcsSnapshotGroups, { instanceId: "i-app" });
    });

  lookups("preview");
  lookups("up");
  const snap = as("up", [arn("disk", "d-data"), arn("snapshot", "*")], () =>
    createResource(cloud, TOKENS.snapshot, { diskId: "d-data", retentionDays: 3, tags, waitUntil: "available" }),
  );
  const sys = as("up", [arn("disk", "d-sys"), arn("snapshot", "*")], () =>
    createResource(cloud, TOKENS.snapshot, { diskId: "d-sys", retentionDays: 3, tags, waitUntil: "available" }),
  );
  // A retention change waits for the upload first (DescribeSnapshots), as the component's sized timeout allows.
  as("up", [arn("snapshot", snap.id)], () =>
    updateResource(
      cloud,
      TOKENS.snapshot,
      snap.id,
      snap.state,
      {
        diskId: "d-data",
        retentionDays: 5,
        tags: { ...tags, a: "2" },
        resourceGroupId: "rg-other",
      },
      { timeoutSeconds: 3600 },
    ),
  );
  as("up", [arn("snapshot", snap.id)], () =>
    updateResource(cloud, TOKENS.snapshot, snap.id, snap.state, { diskId: "d-data", tags }),
  );
  const disk = as("up", [arn("disk", "*"), arn("snapshot", snap.id)], () =>
    createResource(cloud, TOKENS.disk, { snapshotId: snap.id, category: "cloud_essd", zoneId: "cn-hangzhou-i", tags }),
  );
  as("up", [arn("disk", disk.id)], () =>
    updateResource(cloud, TOKENS.disk, disk.id, disk.state, {
      size: 200,
      diskName: "x",
      performanceLevel: "PL2",
      tags: { ...tags, a: "1" },
    }),
  );
  const attachment = as("up", [arn("disk", disk.id), arn("instance", "i-standby")], () =>
    createResource(cloud, TOKENS.diskAttachment, { diskId: disk.id, instanceId: "i-standby" }),
  );
  const image = as("up", [arn("image", "*"), arn("snapshot", sys.id)], () =>
    createResource(cloud, TOKENS.image, { diskDeviceMappings: [{ snapshotId: sys.id }], imageName: "golden", tags }),
  );
  // Tags removed (UntagResources), then given back (TagResources).
  as("up", [arn("image", image.id)], () =>
    updateResource(cloud, TOKENS.image, image.id, image.state, { imageName: "golden-2", tags: {} }),
  );
  as("up", [arn("image", image.id)], () =>
    updateResource(cloud, TOKENS.image, image.id, image.state, { imageName: "golden-2", tags }),
  );

  // A copy (components/copy/provider.ts): the source read, CopySnapshot, the copy read in the
  // target region; its refresh reads it there, and deleteOnDestroy deletes it there.
  const copy = as("up", [arn("snapshot", snap.id), arn("snapshot", "*")], () => {
    describeRegionSnapshots(cloud, { regionId: "cn-hangzhou", snapshotIds: [snap.id] });
    const made = copySnapshot(cloud, {
      regionId: "cn-hangzhou",
      destinationRegionId: "cn-shanghai",
      snapshotId: snap.id,
      destinationSnapshotName: "data-cn-shanghai",
      destinationSnapshotDescription: "Copy of data",
      retentionDays: 3,
      tags,
    });
    describeRegionSnapshots(cloud, { regionId: "cn-shanghai", snapshotIds: [made.id] });
    return made;
  });
  as("refresh", ["*"], () => describeRegionSnapshots(cloud, { regionId: "cn-shanghai", snapshotIds: [copy.id] }));
  // A snapshot-consistent group of i-app's disks (CreateSnapshotGroup names the instance and its disks).
  const group = as("up", [arn("instance", "i-app"), arn("disk", "d-data"), arn("disk", "d-sys")], () =>
    createResource(cloud, TOKENS.snapshotGroup, { instanceId: "i-app", tags }, { timeoutSeconds: 36000 }),
  );

  // A DiskRollback (components/rollback): its preview lookups are the ones above; in `up`, its safety
  // snapshot is a CreateSnapshot as above, then the resource's own calls (rollback/provider.ts).
  as("up", ["*"], () => {
    cloud.describeDisks();
    describeRegionSnapshots(cloud, { regionId: "cn-hangzhou", snapshotIds: [snap.id] });
    cloud.describeInstances(["i-app"]);
  });
  as("up", [arn("instance", "i-app")], () => stopInstance(cloud, "cn-hangzhou", "i-app"));
  cloud.advance(STOPPING_SECONDS * 1000);
  as("up", ["*"], () => cloud.describeInstances(["i-app"]));
  as("up", [arn("disk", "d-data"), arn("snapshot", snap.id)], () =>
    resetDisk(cloud, { regionId: "cn-hangzhou", diskId: "d-data", snapshotId: snap.id }),
  );
  as("up", [arn("instance", "i-app")], () => startInstance(cloud, "cn-hangzhou", "i-app"));

  // `pulumi refresh` (or `up --refresh`): one read of every resource.
  as("refresh", ["*"], () => {
    readResource(cloud, TOKENS.snapshot, snap.id, snap.state);
    readResource(cloud, TOKENS.disk, disk.id, disk.state);
    readResource(cloud, TOKENS.diskAttachment, attachment.id, attachment.state);
    readResource(cloud, TOKENS.image, image.id, image.state);
    readResource(cloud, TOKENS.snapshotGroup, group.id, group.state);
  });

  // `pulumi destroy` with deleteOnDestroy, or expiry at `up`: the group (DeleteSnapshotGroup).
  as(
    "destroy",
    [arn("snapshotgroup", group.id)],
    () => deleteResource(cloud, TOKENS.snapshotGroup, group.id, group.state),
    { ...cloud.state.groups?.find((g) => g.id === group.id)?.tags },
  );
  // `pulumi destroy` with deleteOnDestroy: images and disks first, then the snapshot (force).
  const tagsOf = (kind: "snapshot" | "disk" | "image", id: string) =>
    ({ ...cloud.state[`${kind}s`].find((r) => r.id === id)?.tags }) as Record<string, string>;
  as(
    "destroy",
    [arn("image", image.id)],
    () => deleteResource(cloud, TOKENS.image, image.id, image.state),
    tagsOf("image", image.id),
  );
  as("destroy", [arn("disk", disk.id), arn("instance", "i-standby")], () =>
    deleteResource(cloud, TOKENS.diskAttachment, attachment.id, attachment.state),
  );
  as(
    "destroy",
    [arn("disk", disk.id)],
    () => deleteResource(cloud, TOKENS.disk, disk.id, disk.state),
    tagsOf("disk", disk.id),
  );
  // DeleteSnapshot of the copy, in its region (the local ECS API's door does it: doors/http.ts).
  as("destroy", [arn("snapshot", copy.id)], () => cloud.call("DeleteSnapshot"), { ...copy.tags });
  as(
    "destroy",
    [arn("snapshot", snap.id)],
    () => deleteResource(cloud, TOKENS.snapshot, snap.id, { ...snap.state, force: true }),
    tagsOf("snapshot", snap.id),
  );
  return calls;
}

const CALLS = lifecycle();
const inPhase = (...phases: Phase[]) => CALLS.filter((c) => phases.includes(c.phase));
const actions = (calls: Call[]) => [...new Set(calls.map((c) => c.action))].sort();
const named = (policy: Policy) => [...new Set(policy.Statement.flatMap((s) => list(s.Action)))].sort();
const denied = (policy: Policy, calls: Call[]) =>
  calls.filter((c) => !allows(policy, c)).map((c) => `${c.phase} ${c.action} ${c.resources.join(",")}`);
/** An ECS action that only reads: Describe… or List…. */
const READ_ONLY = /^ecs:(Describe|List)[A-Za-z]+$/;

describe("ram-policy.preview.json: the read-only policy for pull-request previews", () => {
  it("allows every call of `pulumi preview` and `pulumi refresh`", () => {
    expect(inPhase("preview").length).toBeGreaterThan(0);
    expect(denied(PREVIEW, inPhase("preview", "refresh"))).toEqual([]);
  });

  it("names exactly the actions preview and refresh call, and each of them only reads", () => {
    expect(named(PREVIEW)).toEqual(actions(inPhase("preview", "refresh")).map((a) => `ecs:${a}`));
    expect(named(PREVIEW).filter((a) => !READ_ONLY.test(a))).toEqual([]);
  });

  it("refuses every call of `pulumi up` and `pulumi destroy` that writes", () => {
    const writes = inPhase("up", "destroy").filter((c) => !READ_ONLY.test(`ecs:${c.action}`));
    expect(actions(writes)).toEqual(
      expect.arrayContaining([
        "CreateSnapshot",
        "DeleteSnapshot",
        "CreateDisk",
        "DeleteDisk",
        "CreateImage",
        "DeleteImage",
      ]),
    );
    expect(writes.filter((c) => allows(PREVIEW, c)).map((c) => c.action)).toEqual([]);
  });
});

describe("ram-policy.up.json: the policy for `pulumi up` and `pulumi destroy`", () => {
  it("allows every call of up, destroy, and the preview and refresh they include", () => {
    expect(denied(UP, CALLS)).toEqual([]);
  });

  it("names no action that no phase calls", () => {
    expect(named(UP)).toEqual(actions(CALLS).map((a) => `ecs:${a}`));
  });

  it('grants `Resource: "*"` only to the Describe lookups; every other statement names ECS resource types', () => {
    const types = /^acs:ecs:\*:\*:(snapshot|disk|image|instance|snapshotgroup)\/\*$/;
    for (const s of UP.Statement) {
      if (list(s.Resource).includes("*")) expect(list(s.Action).filter((a) => !READ_ONLY.test(a))).toEqual([]);
      else expect(list(s.Resource).filter((r) => !types.test(r))).toEqual([]);
    }
  });

  it("lets DeleteSnapshot, DeleteDisk and DeleteImage reach only resources tagged managedBy=essd-snapshots", () => {
    const deletes = ["DeleteSnapshot", "DeleteDisk", "DeleteImage", "DeleteSnapshotGroup"];
    const tagged = inPhase("destroy").filter((c) => deletes.includes(c.action));
    expect(actions(tagged)).toEqual([...deletes].sort());
    for (const other of [{}, { managedBy: "someone-else" }, { team: "db" }] as Record<string, string>[]) {
      const untagged = lifecycle(other).filter((c) => deletes.includes(c.action));
      expect(untagged.filter((c) => allows(UP, c)).map((c) => c.action)).toEqual([]);
      // ... while the legacy policy would have let them through.
      expect(untagged.every((c) => allows(LEGACY, c))).toBe(true);
    }
  });

  it("scopes a write on one type to that type: a DeleteDisk statement cannot delete a snapshot", () => {
    const call: Call = { phase: "destroy", action: "DeleteSnapshot", resources: [arn("image", "m-1")], tags: MANAGED };
    expect(allows(UP, call)).toBe(false);
    expect(allows(UP, { ...call, resources: [arn("snapshot", "s-1")] })).toBe(true);
  });
});

describe("ram-policy.json: the broad policy of 0.1.0, kept for existing users", () => {
  // A rollback overwrites a disk and stops instances: only the scoped ram-policy.up.json grants it
  // (README: "RAM permissions"), not the broad policy existing users already attached.
  const rollback = ["ResetDisk", "StopInstance", "StartInstance"];
  const others = CALLS.filter((c) => !rollback.includes(c.action));
  const rollbacks = CALLS.filter((c) => rollback.includes(c.action));

  it("still allows every call of every phase but a rollback's, and names nothing else", () => {
    expect(denied(LEGACY, others)).toEqual([]);
    expect(named(LEGACY)).toEqual(actions(others).map((a) => `ecs:${a}`));
  });

  it("does not allow a rollback (DiskRollback)", () => {
    expect(actions(rollbacks)).toEqual([...rollback].sort());
    expect(rollbacks.filter((c) => allows(LEGACY, c))).toEqual([]);
  });
});

test("the README shows both policies as they are", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## RAM permissions"));
  const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as Policy);
  expect(blocks.slice(0, 2)).toEqual([PREVIEW, UP]);
});
