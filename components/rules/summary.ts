/**
 * The reviewable summary of one snapshot: the facts a reviewer checks in a preview's output
 * diff, and one sentence that says them.
 */

export interface SnapshotSummary {
  /** The component's name. */
  snapshot: string;
  /** The source disk's ID, or how the program names a disk it declares. */
  disk: string;
  /** `instant access`, or `legacy local snapshot (category flash)`. */
  kind: string;
  retentionDays: number | null;
  /** When ECS releases the snapshot. */
  expiry: string;
  tags: Record<string, string>;
  /** True when removing the snapshot from the program, rotating it or destroying the stack keeps it in the cloud. */
  keptOnDelete: boolean;
  generation: string | null;
  restoredDisks: string[];
  /** The images' names in ECS (`imageName`, derived from the name and generation unless given). */
  restoredImages: string[];
  /**
   * The restored disks and images that a rotation, a removal or `pulumi destroy` deletes
   * (`deleteOnDestroy: true`); every other one is kept in the cloud, like the snapshot.
   */
  restoresDeletedOnDelete: string[];
  /** True when the snapshot is refused (its disk or an input): nothing of it is created. */
  refused: boolean;
  /** All of the above as one sentence. */
  text: string;
}

export type SummaryFacts = Omit<SnapshotSummary, "kind" | "expiry" | "text"> & { flash: boolean };

export function summarize(facts: SummaryFacts): SnapshotSummary {
  const kind = facts.flash ? "legacy local snapshot (category flash)" : "instant access";
  const expiry =
    facts.retentionDays === null
      ? "retention unknown until the preview resolves it"
      : `released by ECS ${facts.retentionDays} day${facts.retentionDays === 1 ? "" : "s"} after it is created`;
  const tags = Object.entries(facts.tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  const deleted = new Set(facts.restoresDeletedOnDelete);
  const fate = (name: string) => (deleted.has(name) ? "deleted" : "kept");
  const named = [...facts.restoredDisks.map((d) => ["disk", d]), ...facts.restoredImages.map((i) => ["image", i])];
  const restores = named.map(([kind, name]) => `${kind} "${name}"`);
  if (facts.refused) {
    const { flash: _flash, ...rest } = facts;
    const would = restores.length > 0 ? `, nor what it would restore (${restores.join(", ")})` : "";
    const text = `Snapshot "${facts.snapshot}" of disk ${facts.disk} is refused: it will not be created${would}; the error on this component says why.`;
    return { ...rest, kind, expiry, text };
  }
  const text = [
    `Snapshot "${facts.snapshot}" of disk ${facts.disk}: ${kind}, ${expiry}`,
    tags.length > 0 ? `tags ${tags.join(", ")}` : "no tags",
    facts.keptOnDelete
      ? "kept in the cloud until it expires if removed from the program, rotated or destroyed"
      : "deleted with the stack (deleteOnDestroy)",
    facts.generation === null ? "no generation" : `generation ${facts.generation}`,
    restores.length > 0
      ? `restores ${named.map(([kind, name]) => `${kind} "${name}" (${fate(name)} when rotated or destroyed)`).join(", ")}`
      : "restores nothing",
  ].join("; ");
  const { flash: _flash, ...rest } = facts;
  return { ...rest, kind, expiry, text: `${text}.` };
}
