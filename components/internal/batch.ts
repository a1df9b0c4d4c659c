import type * as pulumi from "@pulumi/pulumi";

/** Where lookups are answered: a provider (undefined for the default one) and its region. */
export interface BatchKey {
  provider: pulumi.ProviderResource | undefined;
  /** The region, as far as it is known when the request is made (empty when not configured). */
  region: string;
}

// `undefined` (the default provider) gets its own key.
const DEFAULT_PROVIDER = {};

/**
 * Requests made in one turn of the event loop with the same key are answered together: the first
 * request of a key opens its batch (`open`), and once the turn is over the batch is closed and
 * handed to `flush`, so that a request made later opens a new one.
 */
export class TurnBatcher<B> {
  private readonly batches = new Map<object, Map<string, B>>();

  constructor(
    private readonly open: (provider: pulumi.ProviderResource | undefined) => B,
    private readonly flush: (batch: B, provider: pulumi.ProviderResource | undefined) => void,
  ) {}

  /** The batch that `key`'s requests of this turn join. */
  batch({ provider, region }: BatchKey): B {
    const byProvider = provider ?? DEFAULT_PROVIDER;
    let byRegion = this.batches.get(byProvider);
    if (!byRegion) this.batches.set(byProvider, (byRegion = new Map<string, B>()));
    const open = byRegion.get(region);
    if (open !== undefined) return open;
    const created = this.open(provider);
    byRegion.set(region, created);
    const regions = byRegion;
    setImmediate(() => {
      regions.delete(region);
      if (regions.size === 0 && this.batches.get(byProvider) === regions) this.batches.delete(byProvider);
      this.flush(created, provider);
    });
    return created;
  }
}
