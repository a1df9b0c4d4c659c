/**
 * A simulated account from a YAML file (stacks/<stack>.account.yaml), for the offline preview
 * and for tests:
 *
 *   regionId: cn-hangzhou
 *   zoneId: cn-hangzhou-i          # the zone of disks and instances that do not name theirs
 *   otherDisksInRegion: 240        # disks the program does not touch, for DescribeDisks paging
 *   uploadMiBPerSecond: 32         # how fast snapshots upload (INVENTED: ECS publishes no rate; default 32)
 *   instances:
 *     - { id: i-bp1web01, status: Running }
 *   disks:
 *     - { id: d-bp1webdata01, instanceId: i-bp1web01, size: 200 }
 *   copyRegions: [cn-shanghai]     # other regions of the account, where CopySnapshot may copy to
 *   snapshots:                     # made outside the program (other tools, earlier deployments)
 *     - { id: s-bp1old01, sourceDiskId: d-bp1webdata01, retentionDays: 7, createTime: "2026-11-28T00:00:00Z" }
 *
 * Disks and instances take the field names of the provider's output types (`GetEcsDisksDisk`,
 * `GetInstancesInstance`); fields left out get what fixtures.ts `disk()` and `instance()` give
 * an ordinary pay-as-you-go resource (an ESSD PL1 data disk, In_use, attached once). Snapshots
 * take the field names of the simulated cloud's `SimSnapshot`; fields left out get what
 * fixtures.ts `snapshot()` gives (manual, accomplished, instant access, 30 days' retention),
 * with the size, type and encryption of their source disk when the account has it. One given as
 * `status: progressing` is still uploading when the cloud starts: it ends at `uploadEndsAt`, or a
 * whole upload's time (its size at the upload rate) after the later of its createTime and the start. A field
 * the provider does not have, or a value of the wrong kind, is an error naming its path.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { z } from "zod";

// The stack file's issue reporting: an account file's problems read as a stack file's do
// (path, value, what is expected), in one wording, so the two files a user writes agree.
import { describeIssues, parseWith } from "../../stack/issues";
import { SimulatedAccount } from "../doors/mocks";
import type { AccountSpec, SimDisk, SimInstance, SimSnapshot } from "../model";
import { disk, instance, snapshot } from "./fixtures";

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

const snapshotSchema = objectSchema(snapshot("s-example", "d-example") as unknown as Record<string, unknown>).extend({
  id: z
    .string()
    .regex(/^s-[A-Za-z0-9]+$/)
    .describe('a snapshot ID such as "s-bp1abc" (s- followed by letters and digits)'),
  sourceDiskId: z
    .string()
    .regex(/^d-[A-Za-z0-9]+$/)
    .describe('the ID of the disk it was taken of, such as "d-bp1abc"'),
  sourceDiskSize: z.int().min(1).describe("a size in GiB (a whole number)").optional(),
  sourceDiskType: z.enum(["system", "data"]).describe('"system" or "data"').optional(),
  category: z.enum(["standard", "flash"]).describe('"standard" or "flash"').optional(),
  status: z
    .enum(["progressing", "accomplished", "failed"])
    .describe('"progressing", "accomplished" or "failed"')
    .optional(),
  snapshotType: z.enum(["user", "auto"]).describe('"user" (manual) or "auto" (made by a policy)').optional(),
  retentionDays: z
    .int()
    .min(1)
    .max(65536)
    .nullable()
    .describe("a whole number of days from 1 to 65536, or null to keep it until deleted")
    .optional(),
  createTime: z.iso.datetime({ offset: true }).describe('an ISO 8601 time such as "2026-11-20T00:00:00Z"').optional(),
  uploadEndsAt: z.iso
    .datetime({ offset: true })
    .describe('when a snapshot still uploading finishes, an ISO 8601 time such as "2026-12-01T01:00:00Z"')
    .optional(),
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
  uploadMiBPerSecond: z
    .number()
    .positive()
    .describe("how fast snapshots upload, MiB per second (invented; default 32)")
    .optional(),
  otherDisksInRegion: z
    .int()
    .min(0)
    .describe("a whole number of disks in the region that the program does not touch (for DescribeDisks paging)")
    .optional(),
  instances: z.array(instanceSchema).describe("a list of instances (id, status, ...)").default([]),
  disks: z.array(diskSchema).describe("a list of disks (id, category, size, status, instanceId, ...)").default([]),
  copyRegions: z
    .array(z.string().regex(/^[a-z]{2,}-[a-z0-9-]+$/))
    .describe('a list of other regions of the account that snapshots may be copied to, such as ["cn-shanghai"]')
    .optional(),
  snapshots: z
    .array(snapshotSchema)
    .describe("a list of snapshots (id, sourceDiskId, retentionDays, createTime, tags, ...)")
    .default([]),
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
  const { regionId, zoneId, otherDisksInRegion, uploadMiBPerSecond, copyRegions } = parsed.data;
  // The schemas are built from the fixtures' own disks and instances: the fields are theirs.
  const disks = parsed.data.disks as (Partial<SimDisk> & { id: string })[];
  const instances = parsed.data.instances as (Partial<SimInstance> & { id: string })[];
  const snapshots = parsed.data.snapshots as (Partial<SimSnapshot> & { id: string; sourceDiskId: string })[];

  const problems = [
    ...duplicates("disks", disks),
    ...duplicates("instances", instances),
    ...duplicates("snapshots", snapshots),
  ];
  if (problems.length > 0) throw new AccountFileError(file, problems);

  const builtDisks = disks.map(({ id, ...fields }) => {
    // disk() derives availabilityZone and diskType from zoneId and type: accept either spelling.
    const zone = fields.zoneId ?? fields.availabilityZone ?? zoneId;
    const type = fields.type ?? fields.diskType ?? "data";
    return disk(id, { regionId, ...fields, zoneId: zone, type });
  });
  const diskById = new Map(builtDisks.map((d) => [d.id, d]));
  if (copyRegions?.includes(regionId))
    throw new AccountFileError(file, [
      `copyRegions lists ${regionId}, the account's own region; expected other regions.`,
    ]);
  return {
    regionId,
    otherDisksInRegion,
    copyRegions,
    ...(uploadMiBPerSecond !== undefined ? { uploadMiBPerSecond } : {}),
    instances: instances.map(({ id, ...fields }) => instance(id, { regionId, availabilityZone: zoneId, ...fields })),
    disks: builtDisks,
    snapshots: snapshots.map(({ id, sourceDiskId, ...fields }) => {
      // A snapshot of a disk the account has takes that disk's size, type and encryption.
      const source = diskById.get(sourceDiskId);
      const fromDisk: Partial<SimSnapshot> = source
        ? {
            sourceDiskSize: source.size,
            sourceDiskType: source.type,
            encrypted: source.encrypted === "on",
            kmsKeyId: source.kmsKeyId,
          }
        : {};
      return snapshot(id, sourceDiskId, { ...fromDisk, ...fields });
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
