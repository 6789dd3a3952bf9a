import type { RelayConfig } from '../config/config-schema';

// PLACEHOLDER (catalog helper replaces the body; the interface is the contract with the HTTP server).
export interface CatalogAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface CatalogService {
  /** `GET /v1/catalog?appId=&udid=` */
  get(appId: string, udid: string): Promise<CatalogAnswer>;
}

export function createCatalogService(_config: RelayConfig): CatalogService {
  return {
    async get() {
      return { status: 404, body: { error: { code: 'NO_CATALOG', message: 'catalog not built yet' } } };
    },
  };
}
