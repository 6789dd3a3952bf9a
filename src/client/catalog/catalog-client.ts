import type { Platform, HttpResponse } from '../platform/platform';

// PLACEHOLDER (catalog helper replaces the body; the signature is the contract with the kit).
export interface CatalogClientDeps {
  platform: Platform;
  /** An authenticated GET to the relay (the kit adds the token and re-logs in once on 401). */
  relayGet(pathAndQuery: string): Promise<HttpResponse>;
  appId: string;
  /** @default 300000 (5 minutes) */
  ttlMs?: number;
}

export interface CatalogClient {
  get(): Promise<unknown>;
}

export function createCatalogClient(deps: CatalogClientDeps): CatalogClient {
  return {
    async get() {
      const res = await deps.relayGet(`/v1/catalog?appId=${encodeURIComponent(deps.appId)}`);
      return res.body;
    },
  };
}
