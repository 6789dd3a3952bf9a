import type { Route } from '../relay-context';
import { handleListDeliveries, handleRetryAllDead, handleRetryOne } from './admin-routes';
import { handleCatalog } from './catalog-route';
import { handleHealth } from './health-route';
import { handleMetrics } from './metrics-route';
import { handlePurchases } from './purchases-route';
import { handleSession } from './session-route';

/** The relay's HTTP API (DESIGN.md "HTTP API"). */
export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/v1/session', handle: handleSession },
  { method: 'POST', path: '/v1/purchases', handle: handlePurchases },
  { method: 'GET', path: '/v1/catalog', handle: handleCatalog },
  { method: 'GET', path: '/healthz', handle: handleHealth },
  { method: 'GET', path: '/metrics', handle: handleMetrics },
  { method: 'GET', path: '/admin/deliveries', handle: handleListDeliveries },
  { method: 'POST', path: '/admin/deliveries/retry-dead', handle: handleRetryAllDead },
  { method: 'POST', path: /^\/admin\/deliveries\/(?<id>[^/]+)\/retry$/, handle: handleRetryOne },
];
