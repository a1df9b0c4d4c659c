/**
 * What CreateDisk and CreateImage accept from a snapshot (ECS API reference, CreateDisk and
 * CreateImage). Pure: facts in, sentences out. A fact left undefined is unknown and its rule
 * is skipped, so a preview checks whatever is already known.
 */
import { ESSD_SERIES, apiSpelling, isEssdSeries } from "./categories";
import { validateNameCharacters } from "./inputs";

/** What is known about the disk a snapshot was taken from. */
export interface RestoreSource {
  /** Shown in messages: `d-bp1…`, or the name of a disk declared in the program. */
  disk: string;
  sizeGiB?: number;
  encrypted?: boolean;
  /** `system` or `data`. */
  diskType?: string;
}

/** The disk asked for. */
export interface RestoreDiskRequest {
  sizeGiB?: number;
  category?: string;
  encrypted?: boolean;
}

/** Every reason CreateDisk would refuse this disk from this snapshot. */
export function checkRestoreDisk(request: RestoreDiskRequest, source: RestoreSource): string[] {
  const problems: string[] = [];
  if (request.sizeGiB !== undefined && source.sizeGiB !== undefined && request.sizeGiB < source.sizeGiB) {
    problems.push(
      `size is ${request.sizeGiB} GiB, below the ${source.sizeGiB} GiB of source disk ${source.disk}; a disk made from a snapshot must be at least as large as the snapshot's disk (InvalidDiskSize.TooSmall). Leave size out to use ${source.sizeGiB} GiB.`,
    );
  }
  if (request.category !== undefined && !isEssdSeries(request.category)) {
    const spelled = apiSpelling(request.category);
    const hint = isEssdSeries(spelled)
      ? ` "${request.category}" is the docs' spelling; the API value is "${spelled}".`
      : "";
    problems.push(
      `category is "${request.category}"; a disk made from an instant-access snapshot whose upload may still be running must be ESSD-series (${ESSD_SERIES.join(", ")}).${hint}`,
    );
  }
  if (request.encrypted === false && source.encrypted === true) {
    problems.push(
      `encrypted is false, but source disk ${source.disk} is encrypted; ECS makes only encrypted disks from an encrypted snapshot. Leave encrypted out, or set it to true.`,
    );
  }
  return problems;
}

/** Every reason CreateImage would refuse a system image from this snapshot. */
export function checkRestoreImage(source: RestoreSource): string[] {
  const problems: string[] = [];
  if (source.diskType !== undefined && source.diskType !== "system") {
    problems.push(
      `source disk ${source.disk} is a ${source.diskType} disk; a custom image is made from a snapshot of a system disk (OperationDenied: not from system disk). Snapshot the instance's system disk for an image, or use createDisk to restore a data disk.`,
    );
  }
  if (source.encrypted === true) {
    problems.push(
      `source disk ${source.disk} is encrypted; ECS makes no system image from an encrypted snapshot. Snapshot an unencrypted system disk for an image.`,
    );
  }
  return problems;
}

/** Image names: 2..128 characters, a letter first, not `aliyun`/`acs:`, no URL; letters, digits, `.:_-`. */
export function validateImageName(value: unknown, input = "imageName"): string[] {
  if (typeof value !== "string") return [`${input} is ${JSON.stringify(value)}; it must be a string.`];
  const shown = JSON.stringify(value);
  const problems: string[] = [];
  if (value.length < 2 || value.length > 128)
    problems.push(`${input} ${shown} has ${value.length} characters; it must have 2 to 128.`);
  if (!/^[A-Za-z]/.test(value)) problems.push(`${input} ${shown} must start with a letter.`);
  if (/^(aliyun|acs:)/i.test(value))
    problems.push(`${input} ${shown} starts with "aliyun" or "acs:", which Alibaba Cloud keeps for its own images.`);
  if (/https?:\/\//i.test(value)) problems.push(`${input} ${shown} contains http:// or https://, which ECS refuses.`);
  problems.push(...validateNameCharacters(value, input));
  return problems;
}

/** A refusal of a restore, naming the restore target and the snapshot. */
export function describeRestoreRefusal(
  what: "disk" | "image",
  target: string,
  snapshot: string,
  problems: string[],
): string {
  return [
    `The ${what} "${target}" cannot be made from snapshot "${snapshot}":`,
    ...problems.map((p) => `  - ${p}`),
  ].join("\n");
}
