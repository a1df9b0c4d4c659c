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

/** Legacy local snapshots (`Category=flash`) exist for this category only. */
export const FLASH_CATEGORIES: readonly string[] = ["cloud_essd"];

export function isEssdSeries(category: string): boolean {
  return ESSD_SERIES.includes(category);
}

/** `cloudEssd` → `cloud_essd`: the API value behind a doc-style spelling, if it differs. */
export function apiSpelling(category: string): string {
  return category.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
