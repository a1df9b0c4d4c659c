/**
 * A simulated account from a YAML file (stacks/<stack>.account.yaml), for the offline preview
 * and for tests:
 *
 *   regionId: cn-hangzhou
 *   zoneId: cn-hangzhou-i          # the zone of disks and instances that do not name theirs
 *   otherDisksInRegion: 240        # disks the program does not touch, for DescribeDisks paging
 *   instances:
 *     - { id: i-bp1web01, status: Running }
 *   disks:
 *     - { id: d-bp1webdata01, instanceId: i-bp1web01, size: 200 }
 *
 * Disks and instances take the field names of the provider's output types (`GetEcsDisksDisk`,
 * `GetInstancesInstance`); fields left out get what fixtures.ts `disk()` and `instance()` give
 * an ordinary pay-as-you-go resource (an ESSD PL1 data disk, In_use, attached once). A field
 * the provider does not have, or a value of the wrong kind, is an error naming its path.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { z } from "zod";

import { describeIssues, parseWith } from "../stack/issues";
import { SimulatedAccount, type AccountSpec, type SimDisk, type SimInstance } from "./account";
import { disk, instance } from "./fixtures";

/** Examples of the items of the list fields, for their schemas. */
const ITEMS: Record<string, Record<string, unknown>> = {
  operationLocks: { lockReason: "" },
  mountInstances: { instanceId: "", device: "", attachedTime: "" },
  diskDeviceMappings: { category: "", device: "", diskId: "", diskName: "", size: 0, type: "" },
};

/** A field's schema from the kind of its value in an example built by the fixtures. */
function fieldSchema(key: string, example: unknown): z.ZodType {
  if (typeof example === "string") return z.string();
  if (typeof example === "number") return z.number();
  if (typeof example === "boolean") return z.boolean();
  if (Array.isArray(example)) {
    const item = ITEMS[key];
    return z.array(item ? objectSchema(item) : z.string());
  }
  return z.record(z.string(), z.string()).describe("a map of tag keys to values (text)");
}

function objectSchema(example: Record<string, unknown>): z.ZodObject {
  return z.strictObject(Object.fromEntries(Object.entries(example).map(([k, v]) => [k, fieldSchema(k, v).optional()])));
}

const diskSchema = objectSchema(disk("d-example") as unknown as Record<string, unknown>).extend({
  id: z
    .string()
    .regex(/^d-[A-Za-z0-9]+$/)
    .describe('a disk ID such as "d-bp1abc" (d- followed by letters and digits)'),
  encrypted: z.enum(["on", "off"]).describe('"on" or "off", as the provider reports it').optional(),
  type: z.enum(["system", "data"]).describe('"system" or "data"').optional(),
  diskType: z.enum(["system", "data"]).describe('"system" or "data"').optional(),
  size: z.int().min(1).describe("a size in GiB (a whole number)").optional(),
});

const instanceSchema = objectSchema(instance("i-example") as unknown as Record<string, unknown>).extend({
  id: z
    .string()
    .regex(/^i-[A-Za-z0-9]+$/)
    .describe('an instance ID such as "i-bp1abc" (i- followed by letters and digits)'),
});

const accountSchema = z.strictObject({
  regionId: z
    .string()
    .regex(/^[a-z]{2,}-[a-z0-9-]+$/)
    .describe('the region the account simulates, such as "cn-hangzhou"'),
  zoneId: z
    .string()
    .regex(/^[a-z]{2,}-[a-z0-9-]+$/)
    .describe('the zone of disks and instances that do not name theirs, such as "cn-hangzhou-i"'),
  otherDisksInRegion: z
    .int()
    .min(0)
    .describe("a whole number of disks in the region that the program does not touch (for DescribeDisks paging)")
    .optional(),
  instances: z.array(instanceSchema).describe("a list of instances (id, status, ...)").default([]),
  disks: z.array(diskSchema).describe("a list of disks (id, category, size, status, instanceId, ...)").default([]),
});

/** The account file cannot be used: every problem, one sentence each, naming the file. */
export class AccountFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super([`The simulated account ${file} cannot be used:`, ...problems.map((p) => `  - ${p}`)].join("\n"));
    this.name = "AccountFileError";
  }
}

/** The account described by a YAML text; `file` names it in errors. Throws {@link AccountFileError}. */
export function parseAccountSpec(text: string, file: string): AccountSpec {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0)
    throw new AccountFileError(
      file,
      doc.errors.map((e) => e.message),
    );
  const parsed = parseWith(accountSchema, doc.toJS() ?? {});
  if (!parsed.ok) throw new AccountFileError(file, describeIssues(parsed.issues));
  const { regionId, zoneId, otherDisksInRegion } = parsed.data;
  // The schemas are built from the fixtures' own disks and instances: the fields are theirs.
  const disks = parsed.data.disks as (Partial<SimDisk> & { id: string })[];
  const instances = parsed.data.instances as (Partial<SimInstance> & { id: string })[];

  const problems = [...duplicates("disks", disks), ...duplicates("instances", instances)];
  if (problems.length > 0) throw new AccountFileError(file, problems);

  return {
    regionId,
    otherDisksInRegion,
    instances: instances.map(({ id, ...fields }) => instance(id, { regionId, availabilityZone: zoneId, ...fields })),
    disks: disks.map(({ id, ...fields }) => {
      // disk() derives availabilityZone and diskType from zoneId and type: accept either spelling.
      const zone = fields.zoneId ?? fields.availabilityZone ?? zoneId;
      const type = fields.type ?? fields.diskType ?? "data";
      return disk(id, { regionId, ...fields, zoneId: zone, type });
    }),
  };
}

function duplicates(list: string, items: { id: string }[]): string[] {
  const seen = new Map<string, number>();
  return items.flatMap((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) {
      seen.set(item.id, i);
      return [];
    }
    return [`${list}[${i}].id is ${JSON.stringify(item.id)}, the ID of ${list}[${first}] too; expected IDs used once.`];
  });
}

/** The account spec in a YAML file. Throws {@link AccountFileError}. */
export function loadAccountSpec(file: string): AccountSpec {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new AccountFileError(file, [
      `it cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); expected a YAML file with regionId, zoneId, instances and disks.`,
    ]);
  }
  return parseAccountSpec(text, file);
}

/** A simulated account from a YAML file. Throws {@link AccountFileError}. */
export function loadAccount(file: string): SimulatedAccount {
  return new SimulatedAccount(loadAccountSpec(file));
}
