/**
 * How the manual snapshots of a set of disks are read through the ECS API (DescribeSnapshots,
 * which filters by `DiskId` server-side and answers at most 100 a page), with a number of
 * requests bounded by the program rather than by the region:
 *
 * 1. the region's manual snapshots, page after page, for at most as many pages as there are
 *    disks: a small region is read whole, in ⌈S/100⌉ requests;
 * 2. a region with more: each disk's manual snapshots (`DiskId`), about one request a disk
 *    (a disk holds at most 256 manual snapshots: at most three pages).
 *
 * So a lookup of D disks costs at most min(⌈S/100⌉, D + Σ⌈n_d/100⌉) + D requests, at most
 * min(⌈S/100⌉, 4·D) + D, whatever the region holds; the pages of step 1 are the price of not
 * knowing S in advance (never more than the disks' own requests).
 *
 * Pure: the requests go through `fetchPage`; no Pulumi, no SDK.
 */

/** One DescribeSnapshots request: manual snapshots, of one disk or of the region. */
export interface ScanRequest {
  /** Undefined: every manual snapshot of the region. */
  diskId?: string;
  nextToken: string;
}

export interface ScanPage<T> {
  items: T[];
  /** Empty on the last page. */
  nextToken: string;
}

/** At most this many requests are in flight at once (ECS throttles a burst). */
export const SCAN_CONCURRENCY = 8;

/**
 * The manual snapshots of each disk in `diskIds` (every disk has an entry, empty when it has
 * none), and how many requests that took. `sourceDisk` tells an item's disk.
 */
export async function scanDiskSnapshots<T>(
  diskIds: readonly string[],
  fetchPage: (request: ScanRequest) => Promise<ScanPage<T>>,
  sourceDisk: (item: T) => string,
): Promise<{ byDisk: Map<string, T[]>; requests: number }> {
  const wanted = [...new Set(diskIds)].sort();
  const byDisk = new Map<string, T[]>(wanted.map((id) => [id, []]));
  let requests = 0;
  const fetch = (request: ScanRequest) => {
    requests++;
    return fetchPage(request);
  };

  // 1. The region, for at most as many pages as there are disks.
  const region: T[] = [];
  let nextToken = "";
  let pages = 0;
  do {
    const page = await fetch({ nextToken });
    region.push(...page.items);
    nextToken = page.nextToken;
    pages++;
  } while (nextToken && pages < wanted.length);
  if (!nextToken) {
    for (const item of region) byDisk.get(sourceDisk(item))?.push(item);
    return { byDisk, requests };
  }

  // 2. The region holds more: each disk's own.
  const queue = [...wanted];
  const worker = async () => {
    for (let diskId = queue.shift(); diskId !== undefined; diskId = queue.shift()) {
      const items: T[] = [];
      let token = "";
      do {
        const page = await fetch({ diskId, nextToken: token });
        items.push(...page.items.filter((item) => sourceDisk(item) === diskId));
        token = page.nextToken;
      } while (token);
      byDisk.set(diskId, items);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, wanted.length) }, worker));
  return { byDisk, requests };
}
