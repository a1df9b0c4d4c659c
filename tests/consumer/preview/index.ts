/** A consumer's program: one disk that can be snapshotted, one that cannot (cloud_efficiency). */
import { EssdLocalSnapshot } from "essd-snapshots";

const data = new EssdLocalSnapshot("db-data", { diskId: "d-consumerdata1", retentionDays: 14 });
new EssdLocalSnapshot("old-disk", { diskId: "d-consumerold01", retentionDays: 7 });

export const dataSnapshot = data.summary;
