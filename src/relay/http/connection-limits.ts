import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { normalize } from './client-ip';

export interface ConnectionLimits {
  maxConnections: number;
  perIpConnections: number;
  /** Peers exempt from the per-IP cap: a proxy carries many clients on its sockets. */
  trustedProxies: ReadonlySet<string>;
}

/**
 * Bounds the sockets a server holds: `maxConnections` server-wide (Node closes the ones over it), and
 * `perIpConnections` per peer address, closed at once, before a byte is parsed. Idle sockets cost a file descriptor
 * each and no request, so request rate limits never see them: 20,000 of them from one address exhausted the
 * relay's descriptors before these caps.
 */
export function limitConnections(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const ip = normalize(socket.remoteAddress ?? '');
    if (limits.trustedProxies.has(ip)) return;
    const count = open.get(ip) ?? 0;
    if (count >= limits.perIpConnections) {
      socket.destroy();
      return;
    }
    open.set(ip, count + 1);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left <= 0) open.delete(ip);
      else open.set(ip, left);
    });
  });
}
