import type { Route } from '../relay-context';
import { handleListDeliveries, handleListOrders, handleListPaymentEvents, handleRetryAllDead, handleRetryOne } from './admin-routes';
import { handleCatalog } from './catalog-route';
import { handleHealth } from './health-route';
import { handleMetrics } from './metrics-route';
import { handlePurchases } from './purchases-route';
import { handleOrders } from './orders-route';
import { handleSession } from './session-route';
import { handleNotify, handleNotifyUrlCheck } from './notify-route';

/** The relay's HTTP API (DESIGN.md "HTTP API"). */
export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/v1/session', handle: handleSession },
  { method: 'POST', path: '/v1/purchases', handle: handlePurchases },
  { method: 'POST', path: '/v1/orders', handle: handleOrders },
  { method: 'GET', path: /^\/v1\/notify\/(?<platform>[a-z]{1,16})\/(?<appId>[^/]{1,64})$/, handle: handleNotifyUrlCheck },
  { method: 'POST', path: /^\/v1\/notify\/(?<platform>[a-z]{1,16})\/(?<appId>[^/]{1,64})$/, handle: handleNotify },
  { method: 'GET', path: '/v1/catalog', handle: handleCatalog },
  { method: 'GET', path: '/healthz', handle: handleHealth },
  { method: 'GET', path: '/metrics', handle: handleMetrics },
  { method: 'GET', path: '/admin/deliveries', handle: handleListDeliveries },
  { method: 'POST', path: '/admin/deliveries/retry-dead', handle: handleRetryAllDead },
  { method: 'GET', path: '/admin/orders', handle: handleListOrders },
  { method: 'GET', path: '/admin/payment-events', handle: handleListPaymentEvents },
  { method: 'POST', path: /^\/admin\/deliveries\/(?<id>[^/]+)\/retry$/, handle: handleRetryOne },
];
