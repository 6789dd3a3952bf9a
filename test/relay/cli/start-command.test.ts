import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../../bin/purchase-relay.js');

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

function run(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, LOG_LEVEL: 'info', RELAY_CONFIG: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (c: Buffer) => stdout.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => stderr.push(c.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, stdout, stderr, exit };
}

async function waitForLine(r: Run, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(r.stdout.join(''));
    if (m) return m;
    if (Date.now() > until || r.child.exitCode !== null) throw new Error(`no ${pattern} in stdout; stderr: ${r.stderr.join('')}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('purchase-relay start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad config with one line per problem and exit code 2', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ port: 'eighty', session: { mode: 'sandbox', secret: 'sandbox-literal-secret-123' }, games: [{ appId: 'wx1', sinks: { hive: { url: 'http://127.0.0.1:1/x' } } }] }));
    const r = run(['start', '--config', file]);
    expect(await r.exit).toBe(2);
    const err = r.stderr.join('');
    expect(err).toMatch(/^port: /m);
    expect(err).toMatch(/^games\[0\]\.sinks\.hive\.\w+: /m);
    expect(r.stdout.join('')).not.toMatch(/listening/);
  });

  it('names a missing env secret without printing any value', async () => {
    const file = join(dir, 'env.json');
    writeFileSync(file, JSON.stringify({ port: 0, session: { mode: 'wechat', secret: 'env:R2B_TEST_SESSION_SECRET' }, games: [{ appId: 'wx1', wechat: { appSecret: 'env:R2B_TEST_WX_SECRET' } }] }));
    const r = run(['start', '--config', file], { env: { R2B_TEST_WX_SECRET: 'wx-secret-value-should-not-print' } });
    expect(await r.exit).toBe(2);
    const err = r.stderr.join('');
    expect(err).toMatch(/session\.secret.*R2B_TEST_SESSION_SECRET/);
    expect(err).not.toContain('wx-secret-value-should-not-print');
  });

  it('starts from RELAY_CONFIG, serves, and stops gracefully on SIGTERM with exit code 0', async () => {
    const file = join(dir, 'good.json');
    writeFileSync(
      file,
      JSON.stringify({
        host: '127.0.0.1',
        port: 0,
        storage: { sqlite: join(dir, 'good.db') },
        session: { mode: 'sandbox', secret: 'env:R2B_TEST_SESSION_SECRET' },
        games: [{ appId: 'wx1234567891234567', sinks: { tianmu: { capture: join(dir, 'captured') } } }],
      }),
    );
    const r = run(['start'], { env: { RELAY_CONFIG: file, R2B_TEST_SESSION_SECRET: 'a-session-secret-of-enough-length' } });
    try {
      const [, url] = await waitForLine(r, /purchase-relay listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const login = await fetch(`${url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: 'wx1234567891234567', code: 'c' }) });
      expect(login.status).toBe(200);
      r.child.kill('SIGTERM');
      expect(await r.exit).toBe(0);
      expect(r.stdout.join('')).toMatch(/relay stopped/);
      expect(r.stdout.join('')).not.toContain('a-session-secret-of-enough-length');
    } finally {
      r.child.kill('SIGKILL');
    }
  });

  it('without --config or RELAY_CONFIG runs the embedded demo config (sandbox, SQLite under ./data, port 8787)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'relay-cli-demo-'));
    const r = run(['start'], { cwd });
    try {
      const until = Date.now() + 30_000;
      while (!/listening on|could not start/.test(r.stdout.join('') + r.stderr.join('')) && Date.now() < until) await new Promise((res) => setTimeout(res, 50));
      expect(r.stderr.join('')).toMatch(/running the embedded demo config/);
      const out = r.stdout.join('');
      if (out.includes('listening on')) {
        expect(out).toMatch(/purchase-relay listening on http:\/\/127\.0\.0\.1:8787/);
        expect(existsSync(join(cwd, 'data', 'relay.db'))).toBe(true);
        const login = await fetch('http://127.0.0.1:8787/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: 'wx1234567891234567', code: 'any' }) });
        expect(((await login.json()) as { openid: string }).openid).toMatch(/^sandbox-/);
        r.child.kill('SIGTERM');
        expect(await r.exit).toBe(0);
      } else {
        // Another process holds the demo port: the failure still shows the embedded config was the one used.
        expect(r.stderr.join('')).toMatch(/could not start: .*8787/);
        expect(await r.exit).toBe(1);
      }
    } finally {
      r.child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('prints usage for --help and refuses an unknown command with exit code 2', async () => {
    const help = run(['--help']);
    expect(await help.exit).toBe(0);
    expect(help.stdout.join('')).toMatch(/purchase-relay start \[--config FILE\]/);
    const unknown = run(['launch']);
    expect(await unknown.exit).toBe(2);
    expect(unknown.stderr.join('')).toMatch(/unknown command "launch"/);
  });
});
