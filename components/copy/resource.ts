/**
 * The copies of an EssdLocalSnapshot in other regions: one {@link SnapshotCopy} resource per
 * copy, checked against the source before it is registered, kept in the cloud on delete like the
 * snapshot (unless `deleteOnDestroy`), and made anew (the old one kept) by a rotation.
 */
import * as pulumi from "@pulumi/pulumi";

import { UserFacingError } from "../internal/errors";
import { LibraryResource } from "../internal/dynamic";
import { childName } from "../internal/names";
import { knownOrUndefined } from "../internal/outputs";
import { checkCopies, copyRetention, deriveCopyName, type CopyFacts, type CopySource } from "../rules/copies";
import { describeInvalidInputs } from "../rules/inputs";
import type { SnapshotCopyArgs } from "./args";

/** The kind under which internal/providers.ts runs copies (part of the state: never renamed). */
export const SNAPSHOT_COPY_KIND = "SnapshotCopy";

/** The inputs of a {@link SnapshotCopy}. */
export interface SnapshotCopyResourceArgs {
  sourceSnapshotId: pulumi.Input<string>;
  sourceRegionId: pulumi.Input<string>;
  regionId: pulumi.Input<string>;
  retentionDays: pulumi.Input<number>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>> | undefined>;
  kmsKeyId?: pulumi.Input<string>;
  snapshotName: pulumi.Input<string>;
  description: pulumi.Input<string>;
}

/** A copy of a snapshot in another region (CopySnapshot), run by the library's own provider. */
export class SnapshotCopy extends LibraryResource {
  /** The copy's ID in the target region. */
  declare public readonly snapshotId: pulumi.Output<string>;
  /** The target region. */
  declare public readonly regionId: pulumi.Output<string>;
  declare public readonly sourceSnapshotId: pulumi.Output<string>;
  declare public readonly retentionDays: pulumi.Output<number>;
  /** `progressing` while ECS copies the data, then `accomplished` (read again by `pulumi refresh`). */
  declare public readonly status: pulumi.Output<string>;
  /** True once the copy is usable. */
  declare public readonly available: pulumi.Output<boolean>;
  declare public readonly encrypted: pulumi.Output<boolean>;

  constructor(name: string, args: SnapshotCopyResourceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      SNAPSHOT_COPY_KIND,
      name,
      {
        ...args,
        tags: args.tags ?? {},
        kmsKeyId: args.kmsKeyId ?? "",
        snapshotId: undefined,
        status: undefined,
        available: undefined,
        encrypted: undefined,
        creationTime: undefined,
      },
      opts,
    );
  }
}

/** What the copies read of their snapshot. */
export interface CopyOrigin {
  component: pulumi.ComponentResource;
  name: string;
  snapshotId: pulumi.Output<string>;
  /** The source snapshot's region (the stack's `alicloud:region`, as the provider decides). */
  regionId: string;
  /** Whether the source is encrypted, once the disk is looked up (undefined while unknown). */
  encrypted: pulumi.Output<boolean | undefined>;
  flash: boolean;
  /** `waitUntil` as the caller gave it. */
  waitUntil?: string;
  retentionDays: pulumi.Input<number>;
  tags: pulumi.Input<Record<string, pulumi.Input<string>> | undefined>;
  generation: pulumi.Input<string> | undefined;
  deletedOnDelete: boolean;
}

/** One copy as the summary names it. */
export interface CopyMade {
  regionId: pulumi.Input<string>;
  retentionDays: pulumi.Input<number>;
  name: string;
}

/** The copies of a snapshot: every problem of all of them in one error of the component. */
export function createCopies(
  origin: CopyOrigin,
  copies: SnapshotCopyArgs[],
): { copies: SnapshotCopy[]; made: CopyMade[] } {
  const facts = pulumi
    .all(
      copies.map((c) =>
        pulumi
          .all([knownOrUndefined(c.regionId), knownOrUndefined(c.kmsKeyId)])
          .apply(([regionId, kmsKeyId]): CopyFacts => ({ regionId, kmsKeyId })),
      ),
    )
    .apply((all) => all);
  const checked = pulumi.all([facts, origin.encrypted]).apply(([known, encrypted]) => {
    const source: CopySource = {
      regionId: origin.regionId,
      encrypted,
      flash: origin.flash,
      waitUntil: origin.waitUntil,
    };
    const problems = checkCopies(known, source);
    if (problems.length > 0)
      throw new UserFacingError(describeInvalidInputs(`${origin.name} (copies)`, problems), origin.component);
    return true;
  });
  const sourceSnapshotId = pulumi.all([origin.snapshotId, checked]).apply(([id]) => id);
  const made: CopyMade[] = [];
  const resources = copies.map((copy, i) => {
    const label = typeof copy.regionId === "string" ? copy.regionId : `${i}`;
    const resourceName = childName(origin.name, `copy-${label}`);
    const snapshotName = pulumi
      .all([copy.regionId, origin.generation])
      .apply(([r, g]) => deriveCopyName(origin.name, r, g ?? undefined));
    const retentionDays = pulumi
      .all([copy.retentionDays, origin.retentionDays])
      .apply(([own, source]) => copyRetention({ retentionDays: own }, source) as number);
    made.push({ regionId: copy.regionId, retentionDays, name: resourceName });
    return new SnapshotCopy(
      resourceName,
      {
        sourceSnapshotId,
        sourceRegionId: origin.regionId,
        regionId: copy.regionId,
        retentionDays,
        tags: copy.tags ?? origin.tags,
        kmsKeyId: copy.kmsKeyId,
        snapshotName,
        description: pulumi.interpolate`Copy of ${origin.name} (${origin.regionId}) by essd-snapshots`,
      },
      {
        parent: origin.component,
        // Like the restores: a snapshot ECS released and `up --refresh` re-made under the same
        // generation does not replace the copy; a new generation does, and the old copy is kept.
        ignoreChanges: ["sourceSnapshotId"],
        replacementTrigger: origin.generation,
        retainOnDelete: !origin.deletedOnDelete,
      },
    );
  });
  return { copies: resources, made };
}
