/**
 * For any value of any argument, the component either accepts it, and then the value is valid
 * by the argument's rule, or refuses it with an Error that names the argument: thrown when the
 * value is plain, a rejection (or, for a restore, the error the runtime logs) when it arrives as
 * an output or a promise. Never a TypeError, an unhandled rejection or a hang; never a secret shown.
 */
import { EcsDisk } from "@pulumi/alicloud/ecs";
import fc from "fast-check";

import {
  EssdLocalSnapshot,
  RESTORE_DISK_ARGUMENTS,
  RESTORE_IMAGE_ARGUMENTS,
  SNAPSHOT_ARGUMENTS,
  checkArgument,
  describeValue,
  isUnset,
  type ArgumentRule,
} from "../../components";
import { TOKENS, attached, instance, type SimulatedAccount } from "../../simulator";
import { clearReportedErrors, drain, reportedErrors, settle, useAccount } from "../helpers";
import {
  BATCH,
  RUNS,
  specAccepts,
  anyValueFor,
  arrival,
  arrive,
  isSecretArrival,
  likely,
  resolvedOf,
  type Arrival,
} from "./values";

let account: SimulatedAccount;
let count = 0;
beforeAll(async () => {
  account = await useAccount(
    {
      disks: [
        attached("d-ok", "i-running", { size: 20 }),
        attached("d-root", "i-running", { type: "system", size: 20, device: "/dev/xvda" }),
      ],
      instances: [instance("i-running")],
    },
    true,
  );
});

/** The verdict of the spec (tests/properties/values.ts) and of the rule, which must agree; diskId is the source here, so it must be set. */
function problemsOf(input: string, rule: ArgumentRule, value: unknown, spec = input): string[] {
  const required = input === "diskId" || input === "retentionDays";
  const problems = isUnset(value) && input === "diskId" ? ["diskId is not set"] : checkArgument(rule, value, input);
  expect([input, value, problems.length === 0]).toEqual([input, value, specAccepts(spec, value, required)]);
  return problems;
}

/** A refusal's error: an Error, not a TypeError, whose message names the argument; a secret's value is not in it. */
function expectRefusal(error: unknown, input: string, value: unknown, how: Arrival, resolved = true): string {
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(TypeError);
  const message = (error as Error).message;
  expect(message).toContain(input);
  // (An output refused unresolved, where only a plain value will do, never had its value read.)
  if (resolved && isSecretArrival(value, how)) {
    const shown = describeValue(value);
    if (shown.length >= 6) expect(message).not.toContain(shown);
  }
  return message;
}

const whileTrue = async (done: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  return done();
};

/** A batch of values, each with the way it arrives: tried side by side, so a run costs one wait. */
const cases = (near: fc.Arbitrary<unknown>) =>
  fc.array(fc.tuple(anyValueFor(near), arrival), { minLength: 1, maxLength: BATCH });

const snapshotCases = Object.entries(SNAPSHOT_ARGUMENTS).map(([input, rule]) => [input, rule, likely[input]] as const);

describe.each(snapshotCases)("EssdLocalSnapshot %s", (input, rule, near) => {
  test("any value: accepted and valid by the rule, or refused naming it; never a TypeError or a hang", async () => {
    // One case: the component made (or refused) now, and what it later resolves to checked.
    const oneCase = async (value: unknown, how: Arrival) => {
      const name = `p${count++}`;
      const given = arrive(value, how);
      const plain = how === "plain";
      const args = { diskId: "d-ok", retentionDays: 7, [input]: given };
      let component: EssdLocalSnapshot;
      try {
        component = new EssdLocalSnapshot(name, args);
      } catch (error) {
        expectRefusal(error, input, value, how, rule.eventual);
        // Refused at once: a plain value the rule refuses, or an output where only a plain value will do.
        expect(plain ? problemsOf(input, rule, value).length > 0 : !rule.eventual).toBe(true);
        return;
      }
      expect(plain || rule.eventual).toBe(true);
      if (plain) expect(problemsOf(input, rule, value)).toEqual([]);
      const valid = problemsOf(input, rule, await resolvedOf(given)).length === 0;
      const outcome = await settle(component.snapshotId, 10_000);
      if (outcome.state === "pending") throw new Error(`snapshotId of ${describeValue(value)} (${how}) hangs`);
      if (outcome.state === "resolved") expect(valid).toBe(true);
      else if (valid) {
        // A valid disk ID can still name a disk that is not there: the disk is refused, not the argument.
        expect(outcome.error).not.toBeInstanceOf(TypeError);
        expect(outcome.error.message).toMatch(/^Disk .* cannot be snapshotted/);
      } else {
        expectRefusal(outcome.error, input, value, how);
        expect(outcome.error.message).toMatch(new RegExp(`^Invalid inputs for "${name}":`));
      }
    };
    await fc.assert(
      fc.asyncProperty(cases(near), async (batch) => {
        clearReportedErrors();
        await Promise.all(batch.map(([value, how]) => oneCase(value, how)));
        await drain();
      }),
      { numRuns: RUNS },
    );
  });
});

describe("EssdLocalSnapshot disk", () => {
  test("any value but an ecs.EcsDisk is refused, naming disk", () => {
    fc.assert(
      fc.property(anyValueFor(fc.constant(undefined)), (value) => {
        fc.pre(!isUnset(value));
        let error: unknown;
        try {
          new EssdLocalSnapshot(`q${count++}`, { disk: value as EcsDisk, retentionDays: 7 });
        } catch (e) {
          error = e;
        }
        expectRefusal(error, "disk is", value, "plain");
        expect((error as Error).message).toMatch(/it must be an ecs\.EcsDisk/);
      }),
      { numRuns: RUNS },
    );
  });
});

/** The restores: each argument of createDisk on a data disk's snapshot, of createImage on a system disk's. */
const restoreCases = [
  ...Object.entries(RESTORE_DISK_ARGUMENTS).map(([input, rule]) => ["createDisk", input, rule] as const),
  ...Object.entries(RESTORE_IMAGE_ARGUMENTS).map(([input, rule]) => ["createImage", input, rule] as const),
];
const nearRestore = (method: string, input: string) =>
  likely[method === "createDisk" && input === "category" ? "restoreCategory" : input];

describe.each(restoreCases)("%s %s", (method, input, rule) => {
  let source: EssdLocalSnapshot;
  beforeAll(() => {
    source = new EssdLocalSnapshot(`src-${method}-${input}`, {
      diskId: method === "createDisk" ? "d-ok" : "d-root",
      retentionDays: 7,
    });
  });

  test("any value: registered and valid by the rule, or refused naming it; never a TypeError or a hang", async () => {
    const spec = method === "createDisk" && input === "category" ? "restoreCategory" : input;
    const token = method === "createDisk" ? TOKENS.disk : TOKENS.image;
    const oneCase = async (value: unknown, how: Arrival) => {
      const name = `r${count++}`;
      const resourceName = `src-${method}-${input}-${name}`;
      const given = arrive(value, how);
      const plain = how === "plain";
      try {
        if (method === "createDisk") source.createDisk(name, { [input]: given });
        else source.createImage(name, { [input]: given });
      } catch (error) {
        expectRefusal(error, input, value, how, rule.eventual);
        expect(plain ? problemsOf(input, rule, value, spec).length > 0 : !rule.eventual).toBe(true);
        return;
      }
      if (plain) expect(problemsOf(input, rule, value, spec)).toEqual([]);
      const valid = problemsOf(input, rule, await resolvedOf(given), spec).length === 0;
      const registered = () => account.registered(token).some((r) => r.name === resourceName);
      const refusals = () => reportedErrors().filter((m) => m.includes(`"${resourceName}"`));
      // Neither registered nor refused within 10 s (generous: the machine may be busy) would be a hang.
      expect(await whileTrue(() => registered() || refusals().length > 0)).toBe(true);
      if (valid) {
        // Valid by the rule; a restore can still be refused for its source (a size below the source disk's).
        for (const m of refusals()) expect(m).toMatch(new RegExp(`^The disk "${resourceName}" cannot be made`));
      } else {
        expect(registered()).toBe(false);
        const [message] = refusals();
        expect(message).toMatch(new RegExp(`^Invalid inputs for "${resourceName}":`));
        expectRefusal(new Error(message), input, value, how);
      }
    };
    await fc.assert(
      fc.asyncProperty(cases(nearRestore(method, input)), async (batch) => {
        clearReportedErrors();
        await Promise.all(batch.map(([value, how]) => oneCase(value, how)));
      }),
      { numRuns: RUNS },
    );
  });
});
