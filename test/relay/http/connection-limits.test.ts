import { execSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { APP_ID, call, login, report, startTestRelay, type TestRelay } from './relay-test-kit';

/**
 * Security review "Hardening the relay", connections: 20,000 idle sockets from one IP exhausted the relay's file
 * descriptors, and a body sent at 1 byte/s held a socket for 69 s. Loopback is a /8 on Linux, so 127.0.0.2 plays
 * the attacker while the player comes from 127.0.0.1.
 */
jest.setTimeout(60_000);

const ATTACKER = '127.0.0.2';
/** Each idle socket costs this process two descriptors (both ends are here) until the relay closes its end. */
const FD_LIMIT = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()) || 1024;
const STORM = Math.min(5000, Math.floor((FD_LIMIT - 1000) / 2));

interface Held {
  sockets: Socket[];
  /** Sockets the relay has not closed. */
  open(): number;
  destroy(): void;
}

/** Opens `n` sockets from `localAddress`, 250 at a time, each settled once connected or closed. Sends nothing. */
async function holdIdle(url: string, n: number, localAddress: string): Promise<Held> {
  const { hostname, port } = new URL(url);
  const sockets: Socket[] = [];
  let closed = 0;
  for (let i = 0; i < n; i += 250) {
    await Promise.all(
      Array.from({ length: Math.min(250, n - i) }, () =>
        new Promise<void>((resolve) => {
          const s = connect({ host: hostname, port: Number(port), localAddress });
          sockets.push(s);
          s.on('error', () => undefined);
          s.once('connect', () => resolve());
          s.once('close', () => {
            closed++;
            resolve();
          });
        }),
      ),
    );
  }
  return { sockets, open: () => sockets.length - closed, destroy: () => sockets.forEach((s) => s.destroy()) };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether this machine routes 127.0.0.2 (Linux does; macOS needs an alias). */
async function loopbackAliasWorks(url: string): Promise<boolean> {
  const held = await holdIdle(url, 1, ATTACKER).catch(() => undefined);
  const ok = held !== undefined && held.sockets[0].localAddress === ATTACKER;
  held?.destroy();
  return ok;
}

describe('connection storm from one address', () => {
  let t: TestRelay;
  let held: Held | undefined;
  beforeAll(async () => {
    t = await startTestRelay({ limits: { perIpPerMinute: 10_000, maxConnections: 1000, perIpConnections: 100 } });
  });
  afterEach(() => held?.destroy());
  afterAll(() => t.close());

  it(`keeps at most perIpConnections of ${STORM} idle sockets, and a player on 127.0.0.1 logs in and reports within 1 s`, async () => {
    if (STORM < 1000 || !(await loopbackAliasWorks(t.url))) return console.warn(`skipped: ulimit -n ${FD_LIMIT} or no ${ATTACKER}`);
    held = await holdIdle(t.url, STORM, ATTACKER);
    await settle(300);
    expect(held.open()).toBeLessThanOrEqual(100);
    const started = Date.now();
    const s = await login(t.url, 'storm-player');
    const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [report(s.openid)] } });
    const ms = Date.now() - started;
    expect([a.status, a.body.results[0].status]).toEqual([200, 'accepted']);
    expect(ms).toBeLessThan(1000);
  });
});

describe('maxConnections', () => {
  let t: TestRelay;
  let held: Held | undefined;
  beforeAll(async () => {
    t = await startTestRelay({ limits: { maxConnections: 50, perIpConnections: 10_000 } });
  });
  afterEach(() => held?.destroy());
  afterAll(() => t.close());

  it('closes sockets over the server-wide cap at once', async () => {
    held = await holdIdle(t.url, 200, '127.0.0.1');
    await settle(300);
    expect(held.open()).toBeLessThanOrEqual(50);
    expect(held.open()).toBeGreaterThan(0);
  });
});

/** Sends `head` then one byte of `rest` a second; resolves with how long the relay kept the socket and what it said. */
function trickle(url: string, head: string, rest: string): Promise<{ seconds: number; answer: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const s = connect({ host: hostname, port: Number(port) });
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < rest.length) s.write(rest[i++]);
    }, 1000);
    // Never longer than this, whatever the relay does.
    const cap = setTimeout(() => s.destroy(), 40_000);
    s.on('data', (d) => (answer += d.toString()));
    s.on('error', () => undefined);
    s.once('connect', () => s.write(head));
    s.once('close', () => {
      clearInterval(timer);
      clearTimeout(cap);
      resolve({ seconds: (Date.now() - started) / 1000, answer });
    });
  });
}

describe('slow clients', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay({ limits: { headersTimeoutSeconds: 2, requestTimeoutSeconds: 5, bodyTimeoutSeconds: 2 } });
  });
  afterAll(() => t.close());

  it('cuts a body sent at 1 byte/s within bodyTimeoutSeconds, with a 408', async () => {
    const body = JSON.stringify({ appId: APP_ID, code: 'slow-loris-code' });
    const head = `POST /v1/session HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await trickle(t.url, head, body);
    expect(r.seconds).toBeLessThan(2 + 1.5);
    expect(r.answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts headers sent at 1 byte/s within headersTimeoutSeconds', async () => {
    const r = await trickle(t.url, 'POST /v1/session HTTP/1.1\r\n', 'Host: relay\r\nX-Slow: ' + 'x'.repeat(60));
    expect(r.seconds).toBeLessThan(2 + 2);
  });

  it('closes a socket that never sends a byte within headersTimeoutSeconds', async () => {
    const r = await trickle(t.url, '', '');
    expect(r.seconds).toBeLessThan(2 + 2);
  });
});
