/**
 * What CreateDisk and CreateImage accept from a snapshot (ECS API reference, CreateDisk and
 * CreateImage). Pure: facts in, sentences out. A fact left undefined is unknown and its rule
 * is skipped, so a preview checks whatever is already known.
 */
import { RESTORE_DISK_CATEGORIES, apiSpelling, isEssdSeries } from "./categories";
import { validateChoice, validateNameCharacters } from "./inputs";
import { describeValue, type Show } from "./values";
import { bulleted } from "./message";

export const DISK_SIZE_MIN = 1;
export const DISK_SIZE_MAX = 65536;
export const PERFORMANCE_LEVELS: readonly string[] = ["PL0", "PL1", "PL2", "PL3"];
export const ARCHITECTURES: readonly string[] = ["x86_64", "arm64", "i386"];

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
  if (request.category !== undefined) problems.push(...validateRestoreCategory(request.category));
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
export function validateImageName(value: unknown, input = "imageName", show: Show = describeValue): string[] {
  return validateEcsName(value, input, show, "images");
}

/** Disk names: 2..128 characters, a letter first, no URL; letters, digits, `.:_-`. */
export function validateDiskName(value: unknown, input = "diskName", show: Show = describeValue): string[] {
  return validateEcsName(value, input, show);
}

/** The rules ECS names of disks and images share; `reservedFor` refuses the `aliyun`/`acs:` prefixes kept for those. */
function validateEcsName(value: unknown, input: string, show: Show, reservedFor?: string): string[] {
  if (typeof value !== "string") return [`${input} is ${show(value)}; it must be a string.`];
  const shown = show(value);
  const problems: string[] = [];
  if (value.length < 2 || value.length > 128)
    problems.push(`${input} ${shown} has ${value.length} characters; it must have 2 to 128.`);
  if (!/^[A-Za-z]/.test(value)) problems.push(`${input} ${shown} must start with a letter.`);
  if (reservedFor && /^(aliyun|acs:)/i.test(value))
    problems.push(
      `${input} ${shown} starts with "aliyun" or "acs:", which Alibaba Cloud keeps for its own ${reservedFor}.`,
    );
  if (/https?:\/\//i.test(value)) problems.push(`${input} ${shown} contains http:// or https://, which ECS refuses.`);
  problems.push(...validateNameCharacters(value, input, show));
  return problems;
}

/** A disk's size: whole GiB, within what ECS takes for any ESSD-series category (1..65536). */
export function validateDiskSize(value: unknown, input = "size", show: Show = describeValue): string[] {
  if (typeof value === "number" && Number.isInteger(value) && value >= DISK_SIZE_MIN && value <= DISK_SIZE_MAX)
    return [];
  return [
    `${input} is ${show(value)}; it must be a whole number of GiB from ${DISK_SIZE_MIN} to ${DISK_SIZE_MAX}, at least the source disk's size.`,
  ];
}

/**
 * A restored disk's category: ESSD-series (the upload of an instant-access snapshot may still be
 * running), accepted by the provider's `ecs.EcsDisk` (RESTORE_DISK_CATEGORIES), in the API's spelling.
 */
export function validateRestoreCategory(value: unknown, input = "category", show: Show = describeValue): string[] {
  const accepted = RESTORE_DISK_CATEGORIES.join(", ");
  if (typeof value !== "string") return [`${input} is ${show(value)}; it must be a string, one of ${accepted}.`];
  if (RESTORE_DISK_CATEGORIES.includes(value)) return [];
  if (isEssdSeries(value))
    return [
      `${input} is ${show(value)}: ECS makes such disks, but ecs.EcsDisk of @pulumi/alicloud 3.108 does not accept that category (its valid values lack it), so the disk would fail at up. Use one of ${accepted}.`,
    ];
  const spelled = apiSpelling(value);
  const hint = RESTORE_DISK_CATEGORIES.includes(spelled)
    ? ` ${show(value)} is the docs' spelling; the API value is "${spelled}".`
    : "";
  return [
    `${input} is ${show(value)}; a disk made from an instant-access snapshot whose upload may still be running must be ESSD-series and one that ecs.EcsDisk accepts: ${accepted}.${hint}`,
  ];
}

/** `PL0`..`PL3`. */
export function validatePerformanceLevel(
  value: unknown,
  input = "performanceLevel",
  show: Show = describeValue,
): string[] {
  return validateChoice(value, PERFORMANCE_LEVELS, input, show);
}

export function validateEncrypted(value: unknown, input = "encrypted", show: Show = describeValue): string[] {
  return validateChoice(value, [true, false], input, show);
}

/** A zone ID such as `cn-hangzhou-i`. */
export function validateZoneId(value: unknown, input = "zoneId", show: Show = describeValue): string[] {
  if (typeof value === "string" && /^[a-z]{2,}-[a-z0-9-]+$/.test(value)) return [];
  return [`${input} is ${show(value)}; a zone ID looks like "cn-hangzhou-i" (lowercase letters, digits and "-").`];
}

/** An instance ID such as `i-bp1…`. */
export function validateInstanceId(value: unknown, input = "instanceId", show: Show = describeValue): string[] {
  if (typeof value === "string" && /^i-[A-Za-z0-9]+$/.test(value)) return [];
  return [`${input} is ${show(value)}; an instance ID looks like "i-bp1…" (i- followed by letters and digits).`];
}

/** Free text that must not be empty: a KMS key ID, an OS platform. */
export function validateNonEmptyText(value: unknown, input: string, show: Show = describeValue): string[] {
  if (typeof value === "string" && value.length > 0) return [];
  return [`${input} is ${show(value)}; it must be a non-empty string.`];
}

export function validateKmsKeyId(value: unknown, input = "kmsKeyId", show: Show = describeValue): string[] {
  return validateNonEmptyText(value, input, show);
}

/**
 * The platforms `ecs.Image` accepts in @pulumi/alicloud 3.108 (`ecs/image.d.ts`, `platform`:
 * "Valid values"; terraform-provider-alicloud v1.289.0 `alicloud/resource_alicloud_image.go:163`,
 * `StringInSlice`, case-sensitive). The bridge applies it at Check: a known value outside it
 * fails the preview, one known only at `up` fails there.
 */
export const IMAGE_PLATFORMS: readonly string[] = [
  "Aliyun",
  "Anolis",
  "CentOS",
  "Ubuntu",
  "CoreOS",
  "SUSE",
  "Debian",
  "OpenSUSE",
  "FreeBSD",
  "RedHat",
  "Kylin",
  "UOS",
  "Fedora",
  "Fedora CoreOS",
  "CentOS Stream",
  "AlmaLinux",
  "Rocky Linux",
  "Gentoo",
  "Customized Linux",
  "Others Linux",
  "Windows Server 2022",
  "Windows Server 2019",
  "Windows Server 2016",
  "Windows Server 2012",
  "Windows Server 2008",
  "Windows Server 2003",
];

/** The operating system distribution, one of {@link IMAGE_PLATFORMS}, for example `Aliyun`. */
export function validatePlatform(value: unknown, input = "platform", show: Show = describeValue): string[] {
  if (typeof value === "string" && IMAGE_PLATFORMS.includes(value)) return [];
  const near =
    typeof value === "string" ? IMAGE_PLATFORMS.find((p) => p.toLowerCase() === value.toLowerCase()) : undefined;
  return [
    `${input} is ${show(value)}; ecs.Image of @pulumi/alicloud 3.108 accepts one of ${IMAGE_PLATFORMS.join(", ")} (spelled exactly so).${near ? ` Did you mean "${near}"?` : ""}`,
  ];
}

export function validateArchitecture(value: unknown, input = "architecture", show: Show = describeValue): string[] {
  return validateChoice(value, ARCHITECTURES, input, show);
}

/** A refusal of a restore, naming the restore target and the snapshot. */
export function describeRestoreRefusal(
  what: "disk" | "image",
  target: string,
  snapshot: string,
  problems: string[],
): string {
  return bulleted(`The ${what} "${target}" cannot be made from snapshot "${snapshot}":`, problems);
}

/**
 * An image kept in the cloud (`retainOnDelete`) under a name of the caller's, from a snapshot with
 * a generation: a rotation replaces it with a new image, made while the kept one still holds the
 * name, and image names are unique in a region (CreateImage: InvalidImageName.Duplicated).
 */
export function describeFixedImageName(image: string, snapshot: string): string {
  return `The image "${image}" has an imageName of its own and is kept when replaced, so a new generation of "${snapshot}" (or a new platform or architecture) would make a new image under the same name while the kept one still has it, and ECS refuses that at up (InvalidImageName.Duplicated). Change imageName together with the generation, leave imageName out (the derived name follows the generation, the platform and the architecture), or set deleteOnDestroy on the image (then the old one is deleted first).`;
}
