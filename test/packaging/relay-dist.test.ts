import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// A published package has no src/ and no ts-node: `purchase-relay` must run from the compiled dist/relay alone.
const ROOT = resolve(__dirname, '../..');

describe('the compiled relay (dist/relay)', () => {
  let dir: string;
  beforeAll(() => {
    // Inside the checkout (dist/ is git-ignored) so the compiled files resolve zod, pino, better-sqlite3 as an
    // installed package's would.
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'dist', 'relay-dist-test-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-relay.js'), '--out', join(dir, 'out')], { stdio: 'pipe' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from plain JS, stores a purchase, and stops on SIGTERM', async () => {
    const config = join(dir, 'relay.json');
    writeFileSync(
      config,
      JSON.stringify({
        port: 0,
        storage: { sqlite: join(dir, 'relay.db') },
        session: { mode: 'sandbox', secret: 'env:DIST_TEST_SESSION_SECRET' },
        games: [{ appId: 'wx1234567891234567', sinks: { tianmu: { capture: join(dir, 'captured') } } }],
      }),
    );
    // A loader hook that fails the process if anything tries to load TypeScript.
    const guard = join(dir, 'no-ts.js');
    writeFileSync(guard, "require.extensions['.ts'] = () => { throw new Error('a .ts file was loaded'); };\n");
    const child = spawn(process.execPath, ['-r', guard, join(dir, 'out/relay/cli/main.js'), 'start', '--config', config], {
      env: { ...process.env, DIST_TEST_SESSION_SECRET: 'dist-test-session-secret-0123', RELAY_CONFIG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((res, rej) => {
        const t = setInterval(() => {
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) {
            clearInterval(t);
            res(m[1]);
          } else if (child.exitCode !== null) {
            clearInterval(t);
            rej(new Error(`relay exited: ${err}`));
          }
        }, 50);
      });
      const base = url.replace(/\/$/, '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const session = (await (
        await fetch(`${base}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: 'wx1234567891234567', code: 'c1' }) })
      ).json()) as { token: string; openid: string };
      const report = {
        orderId: 'distorder0001', appId: 'wx1234567891234567', uid: session.openid, productId: '500.picsh.cre',
        amount: 999, currency: 'CNY', payType: 2, paidAt: Date.now(), device: { type: 3 }, sdkVersion: '0.1.0',
      };
      const res = await fetch(`${base}/v1/purchases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ reports: [report] }),
      });
      expect(await res.json()).toEqual({ results: [{ orderId: 'distorder0001', status: 'accepted' }] });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
    expect(err).not.toMatch(/\.ts file was loaded/);
  }, 60_000);
});
