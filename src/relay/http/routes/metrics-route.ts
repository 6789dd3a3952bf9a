import type { RelayContext, RouteRequest } from '../relay-context';
import { sendError } from '../json-response';

/** `GET /metrics`: Prometheus text format 0.0.4. */
export async function handleMetrics(ctx: RelayContext, r: RouteRequest): Promise<void> {
  let text: string;
  try {
    text = (await ctx.metrics.registry.render()) + ctx.extraMetricsText();
  } catch (err) {
    ctx.log.error({ err }, 'metrics: storage unreachable');
    sendError(r.res, 503, 'STORAGE_UNAVAILABLE', 'storage is unreachable');
    return;
  }
  if (!text.endsWith('\n')) text += '\n';
  r.res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  r.res.end(text);
}
