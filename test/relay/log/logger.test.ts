import type { DestinationStream } from 'pino';
import { createRelayLogger } from '../../../src/relay/log/logger';

function capture(secrets: string[]) {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (s: string) => void lines.push(s) };
  return { log: createRelayLogger({ secrets, destination, level: 'debug' }), lines };
}

describe('relay logger', () => {
  it('redacts a configured secret by value wherever it appears: message, nested field, error text', () => {
    const secret = 'kakao-admin-key-1234567890';
    const { log, lines } = capture([secret]);
    log.info({ deep: { nested: [`prefix ${secret} suffix`] } }, `message with ${secret}`);
    log.error({ err: new Error(`upstream said ${secret}`) }, 'failed');
    const text = lines.join('');
    expect(text).not.toContain(secret);
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('redacts a secret that JSON escapes (quotes, backslashes)', () => {
    const secret = 'se"cr\\et-value';
    const { log, lines } = capture([secret]);
    log.info({ v: secret }, 'x');
    expect(lines.join('')).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(JSON.parse(lines[0]).v).toBe('[redacted]');
  });

  it('removes tokens, Authorization headers and session_key by key', () => {
    const { log, lines } = capture([]);
    log.info({ token: 'eyJ.a.b', session_key: 'sk', req: { headers: { authorization: 'Bearer eyJ.a.b' } } }, 'x');
    const o = JSON.parse(lines[0]);
    expect(o.token).toBe('[redacted]');
    expect(o.session_key).toBe('[redacted]');
    expect(o.req.headers.authorization).toBe('[redacted]');
  });
});
