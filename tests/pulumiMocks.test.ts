/**
 * Tests written with Pulumi's own `pulumi.runtime.setMocks`, not the testing kit: a `call` that
 * answers every invoke it does not know with `{}` (as many do) gets an error that names the
 * invoke and the list it lacks, not advice about credentials.
 */
import * as pulumi from "@pulumi/pulumi";

import { EssdLocalSnapshot, LOOKUP_INVOKES } from "../components";
import { attached, captureRefusals, instance, rejectionOf, settled } from "../testing";

const DISK = attached("d-bp1mocked0001", "i-bp1mocked0001");
const INSTANCE = instance("i-bp1mocked0001");

/** Mocks as Pulumi's documentation writes them; `answers` are the invokes this test knows. */
function mocksAnswering(answers: Record<string, unknown>): pulumi.runtime.Mocks {
  return {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
    call: (args): Record<string, unknown> => (answers[args.token] as Record<string, unknown> | undefined) ?? {},
  };
}

async function refusalWith(answers: Record<string, unknown>): Promise<string> {
  const capture = captureRefusals(() => undefined);
  try {
    pulumi.runtime.setAllConfig({ "alicloud:region": "cn-hangzhou" });
    await pulumi.runtime.setMocks(mocksAnswering(answers), "mocked", "test", true);
    const snap = new EssdLocalSnapshot("mocked", { diskId: DISK.id, retentionDays: 3 });
    const message = await rejectionOf(snap.snapshotId);
    await settled();
    return message;
  } finally {
    capture.stop();
  }
}

describe("Pulumi's own setMocks, answering unknown invokes with {}", () => {
  test("a missing snapshot list names the invoke and the field, with the answer to give, and no credentials advice", async () => {
    const message = await refusalWith({
      [LOOKUP_INVOKES.getEcsDisks.token]: { disks: [DISK] },
      [LOOKUP_INVOKES.getInstances.token]: { instances: [INSTANCE] },
    });
    expect(message).toContain(
      "the invoke alicloud:ecs/getEcsSnapshots:getEcsSnapshots answered without `snapshots` (a list): it has no `snapshots` (keys: [])",
    );
    expect(message).toContain("answer alicloud:ecs/getEcsSnapshots:getEcsSnapshots with { snapshots: [] }");
    expect(message).not.toMatch(/credentials|not iterable/);
  });

  test("a missing disk list names getEcsDisks and `disks`", async () => {
    const message = await refusalWith({ [LOOKUP_INVOKES.getEcsSnapshots.token]: { snapshots: [] } });
    expect(message).toContain("the invoke alicloud:ecs/getEcsDisks:getEcsDisks answered without `disks` (a list)");
    expect(message).not.toMatch(/credentials/);
  });

  test("a missing instance list names getInstances and `instances`", async () => {
    const message = await refusalWith({
      [LOOKUP_INVOKES.getEcsDisks.token]: { disks: [DISK] },
      [LOOKUP_INVOKES.getInstances.token]: { instances: "none" },
      [LOOKUP_INVOKES.getEcsSnapshots.token]: { snapshots: [] },
    });
    expect(message).toContain(
      'the invoke alicloud:ecs/getInstances:getInstances answered without `instances` (a list): its `instances` is "none"',
    );
  });

  test("mocks that answer each invoke with its list plan the snapshot", async () => {
    const capture = captureRefusals(() => undefined);
    try {
      await pulumi.runtime.setMocks(
        mocksAnswering({
          [LOOKUP_INVOKES.getEcsDisks.token]: { disks: [DISK] },
          [LOOKUP_INVOKES.getInstances.token]: { instances: [INSTANCE] },
          [LOOKUP_INVOKES.getEcsSnapshots.token]: { snapshots: [] },
        }),
        "mocked",
        "test",
        false,
      );
      const snap = new EssdLocalSnapshot("planned", { diskId: DISK.id, retentionDays: 3 });
      const eligibility = await new Promise((resolve) => snap.eligibility.apply(resolve));
      expect(eligibility).toEqual({ violations: [], warnings: [] });
    } finally {
      capture.stop();
    }
  });
});
