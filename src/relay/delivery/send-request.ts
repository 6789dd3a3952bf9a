import * as http from 'node:http';
import * as https from 'node:https';
import type { SinkRequest, SinkResponse } from '../sinks/sink';
import { SendTimeoutError } from './retry-policy';

export interface SendOptions {
  /** The whole exchange (connect, send, full answer) must finish within this. */
  timeoutMs: number;
  /** Aborts the request (worker shutdown). @default none */
  signal?: AbortSignal;
  /** Keep-alive agents to reuse connections. @default node's global agents */
  agents?: { http: http.Agent; https: https.Agent };
  /** Answers longer than this are cut and classified from what was read. @default 1048576 */
  maxResponseBytes?: number;
}

/**
 * Sends one sink request and reads the whole answer. Rejects on network errors, on timeout (`SendTimeoutError`)
 * and on abort; any HTTP status resolves, for the sink's classifier to judge.
 */
export function sendRequest(request: SinkRequest, options: SendOptions): Promise<SinkResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return reject(new Error(`unsupported protocol ${url.protocol}`));
    const body = Buffer.from(request.body, 'utf8');
    const limit = options.maxResponseBytes ?? 1024 * 1024;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = (secure ? https : http).request(url, {
      method: request.method,
      headers: { ...request.headers, 'content-length': String(body.length) },
      agent: options.agents ? (secure ? options.agents.https : options.agents.http) : undefined,
    });
    const timer = setTimeout(() => {
      const err = new SendTimeoutError(options.timeoutMs);
      finish(() => reject(err));
      req.destroy(err);
    }, options.timeoutMs);
    const onAbort = () => {
      const err = new Error('aborted: the delivery worker is stopping');
      finish(() => reject(err));
      req.destroy(err);
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => finish(() => reject(err)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < limit) chunks.push(c.subarray(0, limit - size));
        size += c.length;
      });
      res.on('error', (err) => finish(() => reject(err)));
      res.on('aborted', () => finish(() => reject(new Error('the upstream closed the connection mid-answer'))));
      res.on('end', () =>
        finish(() =>
          resolve({
            status: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        ),
      );
    });
    req.end(body);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
