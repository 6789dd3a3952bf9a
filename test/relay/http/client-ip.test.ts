import type { IncomingMessage } from 'node:http';
import { clientIp } from '../../../src/relay/http/client-ip';

const req = (peer: string, xff?: string) =>
  ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('client IP', () => {
  const trusted = new Set(['10.0.0.1', '10.0.0.2']);

  it('is the socket peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientIp(req('203.0.113.9', '1.2.3.4'), trusted)).toBe('203.0.113.9');
    expect(clientIp(req('::ffff:203.0.113.9'), trusted)).toBe('203.0.113.9');
  });

  it('behind a trusted proxy, is the rightmost hop that is not a trusted proxy', () => {
    expect(clientIp(req('10.0.0.1', '198.51.100.7'), trusted)).toBe('198.51.100.7');
    // The client forged a leftmost hop; the proxies appended the real one.
    expect(clientIp(req('10.0.0.1', '6.6.6.6, 198.51.100.7, 10.0.0.2'), trusted)).toBe('198.51.100.7');
  });

  it('falls back to the peer for a missing or garbled header', () => {
    expect(clientIp(req('10.0.0.1'), trusted)).toBe('10.0.0.1');
    expect(clientIp(req('10.0.0.1', 'not-an-ip'), trusted)).toBe('10.0.0.1');
  });
});
