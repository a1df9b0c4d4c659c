/**
 * essd-snapshots: fast ESSD snapshots on Alibaba Cloud, with every disk's eligibility proven
 * at preview time. The component, and the pure rules it applies, for other tools to reuse.
 */
export { EssdLocalSnapshot } from "./snapshot/component";
export {
  ESSD_LOCAL_SNAPSHOT_TYPE,
  type EligibilityMode,
  type EssdLocalSnapshotArgs,
  type RestoreDiskArgs,
  type RestoreImageArgs,
  type SourceDisk,
  type WaitUntil,
} from "./snapshot/args";
export { SnapshotCopy, SNAPSHOT_COPY_KIND } from "./copy/resource";
export type { SnapshotCopyArgs } from "./copy/args";
export * from "./rules/copies";
export { assessLookup } from "./snapshot/check";
export { EssdSnapshotGroup } from "./group/component";
export {
  ESSD_SNAPSHOT_GROUP_TYPE,
  type EssdSnapshotGroupArgs,
  type GroupMember,
  type GroupRestoreArgs,
  type NamedGroupRestoreDiskArgs,
} from "./group/args";
export * from "./rules/groups";
export { validatePlainArgs } from "./snapshot/validate";
export {
  LOOKUP_INVOKES,
  lookupDisk,
  lookupSnapshots,
  type ProviderSnapshot,
  type SnapshotIndex,
  INSTANCE_IDS_PER_CALL,
  type DiskLookup,
  type ProviderDisk,
  type ProviderInstance,
} from "./lookups";
export * from "./rules/categories";
export * from "./rules/eligibility";
export * from "./rules/inputs";
export * from "./rules/naming";
export * from "./rules/restore";
export * from "./rules/summary";
export * from "./rules/arguments";
export * from "./rules/values";
export * from "./rules/existing";
export * from "./rules/timeouts";
export * from "./rules/uploads";
export { DiskRollback } from "./rollback/component";
export { DISK_ROLLBACK_TYPE, type DiskRollbackArgs } from "./rollback/args";
export * from "./rules/rollback";
