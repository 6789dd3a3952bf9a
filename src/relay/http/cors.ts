import type { ServerResponse } from 'node:http';

/**
 * CORS for the client API only: the demo page and browser previews call `/v1/*` from another origin. The admin
 * API never gets these headers, so a browser page cannot drive it.
 */
export function isCorsPath(pathname: string): boolean {
  return pathname.startsWith('/v1/');
}

export function setCorsHeaders(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  if (origin !== '*') res.setHeader('Vary', 'Origin');
}

export function answerPreflight(res: ServerResponse, origin: string): void {
  setCorsHeaders(res, origin);
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Authorization',
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
}
