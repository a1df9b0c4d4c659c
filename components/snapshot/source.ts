/** The source disk: its facts as ECS reported them, and what restores read of it. */
import * as pulumi from "@pulumi/pulumi";
import type { EcsDisk } from "@pulumi/alicloud/ecs";

import type { ProviderDisk } from "../lookups";
import { knownOrUndefined } from "../internal/outputs";
import type { CloudSnapshot } from "../rules/existing";
import type { RestoreSource } from "../rules/restore";
import type { SourceDisk } from "./args";

/** How messages and the summary name the source before it is known. */
export const UNKNOWN_DISK = "(known after the disk exists)";

/** What restores read of the source disk: facts for the rules, outputs for the defaults. */
export interface SourceForRestores {
  label: pulumi.Output<string>;
  facts: pulumi.Output<RestoreSource>;
  sizeGiB: pulumi.Output<number>;
  /** Undefined when the source disk is gone. */
  zoneId: pulumi.Output<string | undefined>;
  encrypted: pulumi.Output<boolean | undefined>;
}

/** How messages name a disk declared in this program, from its URN. */
export function declaredName(urn: string): string {
  return `"${urn.split("::").pop()}" (declared in this program)`;
}

/** How messages name a disk declared in this program. */
export function declaredLabel(disk: EcsDisk): pulumi.Output<string> {
  return disk.urn.apply(declaredName);
}

/** What restores know of a disk declared in this program: its declared size, zone and encryption. */
export function declaredSource(disk: EcsDisk): SourceForRestores {
  const label = declaredLabel(disk);
  return {
    label,
    facts: pulumi
      .all([label, knownOrUndefined(disk.size), knownOrUndefined(disk.encrypted)])
      .apply(([name, sizeGiB, encrypted]) => ({
        disk: name,
        sizeGiB,
        encrypted,
        diskType: "data", // an ecs.EcsDisk is always a data disk
      })),
    sizeGiB: disk.size,
    zoneId: disk.zoneId,
    encrypted: disk.encrypted,
  };
}

/** What restores know of an existing disk: the facts its lookup returned. */
export function lookedUpSource(sourceDisk: pulumi.Output<SourceDisk>, diskId: pulumi.Input<string>): SourceForRestores {
  return {
    label: knownOrUndefined(diskId).apply((id) => id ?? UNKNOWN_DISK),
    facts: knownOrUndefined(sourceDisk).apply((d) =>
      d === undefined
        ? { disk: "(unknown)" }
        : { disk: d.id, sizeGiB: d.sizeGiB, encrypted: d.encrypted, diskType: d.diskType },
    ),
    sizeGiB: sourceDisk.apply((d) => d.sizeGiB),
    zoneId: sourceDisk.apply((d) => d.zoneId || undefined),
    encrypted: sourceDisk.apply((d) => (d.encrypted ? true : undefined)),
  };
}

/**
 * What the snapshot tells of a disk that is gone: its size, type and encryption when the snapshot
 * was taken. Its category and zone are not known (empty).
 */
export function fromSnapshot(id: string, snapshot: CloudSnapshot): SourceDisk {
  return {
    id,
    category: "",
    sizeGiB: snapshot.sourceDiskSize ?? 0,
    zoneId: "",
    diskType: snapshot.diskType,
    encrypted: snapshot.encrypted,
    instanceId: "",
  };
}

/** The facts of a disk the lookup found. */
export function toSourceDisk(d: ProviderDisk): SourceDisk {
  const type = d.type || d.diskType;
  return {
    id: d.id,
    category: d.category,
    sizeGiB: d.size,
    zoneId: d.zoneId,
    diskType: type === "system" ? "system" : "data",
    encrypted: d.encrypted === "on",
    instanceId: d.instanceId ?? "",
  };
}
