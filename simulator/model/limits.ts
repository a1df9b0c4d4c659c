/**
 * ECS's own limits and fixed lists, as the ECS API reference states them, written once for the
 * simulated cloud. Deliberately not imported from the component: the stand-in follows the cloud,
 * so a component that drifts from it is caught by the simulator instead of agreeing with it.
 */

/** At most this many manual snapshots per disk (CreateSnapshot: QuotaExceed.Snapshot). */
export const MAX_MANUAL_SNAPSHOTS_PER_DISK = 256;

/** CreateSnapshot RetentionDays: 1 to 65536 days; empty keeps the snapshot until deleted. */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 65536;

/** DescribeDisks and DescribeInstances return at most this many items a page. */
export const PAGE_SIZE = 100;

/** DescribeInstances takes at most this many InstanceIds. */
export const MAX_INSTANCE_IDS = 100;

/** Disk categories whose snapshots are instant access by default since 2023-10-12 (help doc 193667). */
export const ESSD_SERIES_CATEGORIES = ["cloud_essd", "cloud_auto", "cloud_essd_entry", "cloud_regional_disk_auto"];

/**
 * How fast the simulated cloud uploads a snapshot's data, in MiB per second, unless the account
 * file says otherwise (`uploadMiBPerSecond`). INVENTED: ECS documents no rate (help doc 193667
 * only says that more data takes longer); DescribeSnapshots reports Progress and RemainTime,
 * which the simulated cloud derives from this rate. At 32 MiB/s a 100 GiB disk takes 53 min 20 s.
 */
export const DEFAULT_UPLOAD_MIB_PER_SECOND = 32;
