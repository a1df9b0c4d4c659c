/** The reviewable summary of a snapshot, resolved once its restores are made and its check is over. */
import * as pulumi from "@pulumi/pulumi";

import { derived, knownOrUndefined, isEventual, rejects } from "../internal/outputs";
import { summarize, type SnapshotSummary } from "../rules/summary";
import type { EssdLocalSnapshotArgs } from "./args";
import type { Restore } from "./restores";
import { declaredLabel, UNKNOWN_DISK } from "./source";
import { hasEventualValues } from "./validate";

/** What the summary reads of the component. */
export interface SummaryOrigin {
  /** The component's name. */
  name: string;
  /** The checked arguments. */
  args: EssdLocalSnapshotArgs;
  keptOnDelete: boolean;
  snapshotId: pulumi.Output<string>;
  /** The restores made so far: read once the program's current turn is over. */
  restores: () => readonly Restore[] | undefined;
  /** The copies in other regions (region, retention; unknown parts null). */
  copies?: pulumi.Output<{ regionId: string; retentionDays: number | null }[]>;
}

/**
 * The summary resolves once the program's current turn is over, so restores made right after
 * construction are in it, and once the check is over, so a refused snapshot says so.
 */
export function snapshotSummary(origin: SummaryOrigin): pulumi.Output<SnapshotSummary> {
  const { args } = origin;
  const restoresMade = new Promise<void>((resolve) => setImmediate(resolve));
  const label = args.disk
    ? declaredLabel(args.disk)
    : derived(args.diskId as pulumi.Input<string>, (id) => id, UNKNOWN_DISK);
  // After the restores are made, what they are and whether the snapshot is refused.
  const restored = pulumi.output(
    restoresMade.then(() => {
      const made = origin.restores() ?? [];
      return {
        refused: rejects(origin.snapshotId),
        disks: made.filter((r) => r.kind === "disk").map((r) => r.name as string),
        images: made.filter((r) => r.kind === "image").map((r) => r.name),
        deletedOnDelete: made.filter((r) => r.deletedOnDelete).map((r) => r.name),
      };
    }),
  );
  const later = origin.copies
    ? pulumi.all([restored, origin.copies]).apply(([r, copies]) => ({ ...r, copies }))
    : restored.apply((r) => ({ ...r, copies: [] }));
  const make = (
    later: {
      refused: boolean;
      disks: string[];
      images: string[];
      deletedOnDelete: string[];
      copies: { regionId: string; retentionDays: number | null }[];
    },
    disk: string,
    retentionDays?: number,
    tags?: Record<string, string>,
    generation?: string,
  ) =>
    summarize({
      snapshot: origin.name,
      disk,
      flash: args.category === "flash",
      retentionDays: retentionDays ?? null,
      tags: { ...tags },
      keptOnDelete: origin.keptOnDelete,
      generation: generation ?? null,
      restoredDisks: later.disks,
      restoredImages: later.images,
      restoresDeletedOnDelete: later.deletedOnDelete,
      copies: later.copies,
      refused: later.refused,
    });
  const facts = [label, args.retentionDays, args.tags, args.generation];
  if (!facts.some((f) => isEventual(f) || hasEventualValues(f))) {
    const plain = args as { retentionDays: number; tags?: Record<string, string>; generation?: string };
    return later.apply((l) => make(l, label as string, plain.retentionDays, plain.tags, plain.generation));
  }
  return pulumi
    .all([
      later,
      knownOrUndefined(label),
      knownOrUndefined(args.retentionDays),
      knownOrUndefined(args.tags),
      knownOrUndefined(args.generation),
    ])
    .apply(([l, disk, retentionDays, tags, generation]) =>
      make(l, disk ?? UNKNOWN_DISK, retentionDays, tags, generation),
    );
}
