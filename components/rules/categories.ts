/**
 * Disk categories, as the ECS API spells them (snake_case). Pulumi's generated docs spell
 * them in camelCase (`cloudEssd`); that spelling is not accepted by the API.
 */

/** Every ESSD-series category: snapshots of these are instant access by default (since 2023-10-12). */
export const ESSD_SERIES: readonly string[] = [
  "cloud_essd",
  "cloud_auto",
  "cloud_essd_entry",
  "cloud_regional_disk_auto",
];

/**
 * The categories `ecs.EcsDisk` accepts in @pulumi/alicloud 3.108: its `category` validation
 * (`ecs/ecsDisk.d.ts`, "Valid Values"; terraform-provider-alicloud v1.289.0
 * `alicloud/resource_alicloud_ecs_disk.go:38-43`, `StringInSlice`). The bridge applies it at
 * Check, so a known value outside it fails the preview and an unknown one fails at `up`.
 * `cloud_regional_disk_auto` (Regional ESSD) is not in it, although CreateDisk takes it.
 */
export const PROVIDER_DISK_CATEGORIES: readonly string[] = [
  "cloud",
  "cloud_efficiency",
  "cloud_ssd",
  "cloud_essd",
  "cloud_auto",
  "cloud_essd_entry",
  "elastic_ephemeral_disk_standard",
  "elastic_ephemeral_disk_premium",
];

/** A restored disk's categories: ESSD-series, and accepted by the provider's `ecs.EcsDisk`. */
export const RESTORE_DISK_CATEGORIES: readonly string[] = ESSD_SERIES.filter((c) =>
  PROVIDER_DISK_CATEGORIES.includes(c),
);

/** Legacy local snapshots (`Category=flash`) exist for this category only. */
export const FLASH_CATEGORIES: readonly string[] = ["cloud_essd"];

export function isEssdSeries(category: string): boolean {
  return ESSD_SERIES.includes(category);
}

/** `cloudEssd` → `cloud_essd`: the API value behind a doc-style spelling, if it differs. */
export function apiSpelling(category: string): string {
  return category.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
