import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The client's IP (recorded as Tianmu `user_ip`). The socket peer, unless the peer is a trusted proxy: then the
 * rightmost `X-Forwarded-For` hop that is not itself a trusted proxy. Anything a client can write on its own
 * (the leftmost hops) is never believed, so a direct client cannot choose its recorded IP.
 */
export function clientIp(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalize(req.socket.remoteAddress ?? '');
  if (!trustedProxies.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  const hops = raw
    .split(',')
    .map((h) => normalize(h.trim()))
    .filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (isIP(hop) === 0) return peer; // a garbled chain: fall back to what we know for sure
    if (!trustedProxies.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}

/** `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) → `1.2.3.4`. */
export function normalize(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}
