import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { enforceBodyDeadline } from './body-deadline';
import { clientIp } from './client-ip';
import { limitConnections } from './connection-limits';
import { answerPreflight, isCorsPath, setCorsHeaders } from './cors';
import { HttpError } from './http-error';
import { sendError } from './json-response';
import type { ExtraRoute, RelayContext, Route } from './relay-context';
import { matchRoute } from './router';
import { ROUTES } from './routes';

/** Paths that monitoring scrapes: not rate limited, so a busy relay can still be observed. */
const UNLIMITED = new Set(['/healthz', '/metrics']);

/** The relay's `node:http` server: routing, CORS, per-IP limit, and one JSON error shape for every failure. */
export function createRelayServer(ctx: RelayContext, extraRoutes: readonly ExtraRoute[] = [], routes: readonly Route[] = ROUTES): Server {
  const limits = ctx.config.limits;
  const requestTimeout = limits.requestTimeoutSeconds * 1000;
  const server = createServer(
    {
      // Node refuses headersTimeout > requestTimeout.
      headersTimeout: Math.min(limits.headersTimeoutSeconds * 1000, requestTimeout),
      requestTimeout,
      // Node's default checks these timeouts every 30 s, which let a slow client keep a socket twice as long.
      connectionsCheckingInterval: 1000,
    },
    (req, res) => {
      enforceBodyDeadline(req, res, limits.bodyTimeoutSeconds);
      void handle(ctx, extraRoutes, routes, req, res);
    },
  );
  // Idle keep-alive sockets of load balancers outlive Node's 5 s default.
  server.keepAliveTimeout = limits.keepAliveTimeoutSeconds * 1000;
  limitConnections(server, { maxConnections: limits.maxConnections, perIpConnections: limits.perIpConnections, trustedProxies: ctx.trustedProxies });
  return server;
}

async function handle(
  ctx: RelayContext,
  extraRoutes: readonly ExtraRoute[],
  routes: readonly Route[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let pathname = '?';
  try {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://relay.invalid');
    } catch {
      throw new HttpError(400, 'BAD_URL', 'the request URL cannot be parsed');
    }
    pathname = url.pathname;
    const ip = clientIp(req, ctx.trustedProxies);
    const cors = isCorsPath(pathname);
    if (cors) {
      if (req.method === 'OPTIONS') return answerPreflight(res, ctx.corsOrigin);
      setCorsHeaders(res, ctx.corsOrigin);
    }
    if (!UNLIMITED.has(pathname)) {
      const limited = ctx.ipLimiter.take(ip, ctx.now());
      if (!limited.ok) {
        throw new HttpError(429, 'RATE_LIMITED', 'too many requests from this address; slow down', undefined, {
          'Retry-After': String(limited.retryAfterSeconds),
        });
      }
    }
    const match = matchRoute(routes, req.method ?? '', pathname);
    if (match.kind === 'found') return await match.route.handle(ctx, { req, res, url, ip, params: match.params });
    const extra = extraRoutes.find((e) => pathname.startsWith(e.prefix) && (e.method === req.method || (req.method === 'HEAD' && e.method === 'GET')));
    if (extra) return await extra.handle(req, res);
    if (match.kind === 'wrong-method' || extraRoutes.some((e) => pathname.startsWith(e.prefix))) {
      const allow = match.kind === 'wrong-method' ? match.allow : extraRoutes.filter((e) => pathname.startsWith(e.prefix)).map((e) => e.method);
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${pathname}; use ${allow.join(' or ')}`, undefined, {
        Allow: allow.join(', '),
      });
    }
    throw new HttpError(404, 'NOT_FOUND', `no route ${pathname}`);
  } catch (err) {
    answerError(ctx, req, res, err, pathname);
  }
}

function answerError(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, err: unknown, pathname: string): void {
  if (err instanceof HttpError) {
    if (err.status >= 500) ctx.log.warn({ method: req.method, path: pathname, code: err.code }, err.message);
    else ctx.log.debug({ method: req.method, path: pathname, status: err.status, code: err.code }, err.message);
    if (!res.headersSent) return sendError(res, err.status, err.code, err.message, err.field, err.headers);
  } else {
    ctx.log.error({ err, method: req.method, path: pathname }, 'unexpected error while serving a request');
    if (!res.headersSent) return sendError(res, 500, 'INTERNAL', 'the relay failed to answer; retry later');
  }
  res.destroy();
}
