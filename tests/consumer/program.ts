/**
 * A consumer's stack program, as a user writes it against the installed package: two
 * snapshots, a disk restored from one, an image made from the other.
 */
import * as pulumi from "@pulumi/pulumi";
import { EssdLocalSnapshot, type SnapshotSummary } from "essd-snapshots";

export function program(): {
  snapshotIds: pulumi.Output<string>[];
  restoredDiskId: pulumi.Output<string>;
  imageId: pulumi.Output<string>;
  summaries: pulumi.Output<SnapshotSummary>[];
} {
  const data = new EssdLocalSnapshot("db-data", {
    diskId: "d-consumerdata1",
    retentionDays: 14,
    tags: { team: "db" },
  });
  const root = new EssdLocalSnapshot("web-root", {
    diskId: "d-consumerroot1",
    retentionDays: 30,
    generation: "2026-12",
  });
  const restored = data.createDisk("restore", { instanceId: "i-consumer01" });
  const image = root.createImage("golden", { platform: "Aliyun", architecture: "x86_64" });
  return {
    snapshotIds: [data.snapshotId, root.snapshotId],
    restoredDiskId: restored.id,
    imageId: image.id,
    summaries: [data.summary, root.summary],
  };
}
