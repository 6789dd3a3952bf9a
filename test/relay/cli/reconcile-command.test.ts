import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reconcileCommand, parseReconcileArgs } from '../../../src/relay/cli/reconcile-command';
import { headerKey, loadHeader } from '../../../src/relay/reconcile/reconcile-state';
import { openStorage } from '../../../src/relay/storage/open-storage';
import { FakeGravity } from '../../fakes/gravity/fake-gravity';
import { FakeClock } from '../reconcile/helpers/fake-clock';
import { EXPECTED_COUNTS, FROM_DAY, GRAVITY_ONLY_IDS, TO_DAY, generate } from '../reconcile/helpers/gravity-dataset';
import { RELAY_APP, seedPurchases, tempDb } from '../reconcile/helpers/relay-store';

const APP_KEY = 'gk_cmd_0123456789abcdef0123456789';
const GRAVITY_APP_ID = 5551234;
const ROOT = join(__dirname, '../../..');

describe('purchase-relay reconcile', () => {
  const data = generate();
  const clock = new FakeClock(Date.UTC(2025, 2, 3, 2));
  const fake = new FakeGravity({ apps: [{ appId: GRAVITY_APP_ID, appKey: APP_KEY, orders: data.gravity }], minCallIntervalMs: 600_000, now: clock.now });
  const db = tempDb();
  const env = { GRAVITY_APP_KEY: APP_KEY, RELAY_SESSION_SECRET: 'x'.repeat(40) };
  const config = (interval: number, url = fake.url) => {
    const file = join(db.dir, `relay-${interval}.json`);
    writeFileSync(file, JSON.stringify({
      storage: { sqlite: db.file },
      session: { mode: 'sandbox', secret: 'env:RELAY_SESSION_SECRET' },
      games: [
        { appId: RELAY_APP, gravity: { url, appId: GRAVITY_APP_ID, appKey: 'env:GRAVITY_APP_KEY', minCallIntervalSeconds: interval } },
        { appId: 'wxnogravity0000000' },
      ],
    }));
    return file;
  };
  const run = async (argv: string[], signal?: AbortSignal, onErr?: (line: string) => void) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await reconcileCommand(argv, { out: (l) => out.push(l), err: (l) => (err.push(l), onErr?.(l)), env, clock, signal });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    await fake.start();
    const s = await db.open();
    await seedPurchases(s, data.relay);
    await s.close();
  });
  afterAll(async () => {
    await fake.close();
    await db.cleanup();
  });

  it('parses its arguments and refuses what it does not know', () => {
    expect(parseReconcileArgs(['--app', 'a', '--from=2025-03-01', '--to', '2025-03-02', '--fresh'])).toEqual({
      ok: true, args: { app: 'a', from: '2025-03-01', to: '2025-03-02', fresh: true, help: false },
    });
    expect(parseReconcileArgs(['--app'])).toEqual({ ok: false, problem: '--app needs a value' });
    expect(parseReconcileArgs(['--app', '--from', 'x'])).toEqual({ ok: false, problem: '--app needs a value' });
    expect(parseReconcileArgs(['--bogus'])).toEqual({ ok: false, problem: 'unknown argument "--bogus"' });
  });

  it.each([
    [['--app', RELAY_APP, '--from', '2025-03-01'], /missing --to/],
    [['--app', RELAY_APP, '--from', '2025-02-30', '--to', '2025-03-01'], /not a calendar day/],
    [['--app', 'wxnogravity0000000', '--from', FROM_DAY, '--to', TO_DAY], /game wxnogravity0000000 has no "gravity" section; games with gravity: wx1234567891234567/],
    [['--app', 'nope', '--from', FROM_DAY, '--to', TO_DAY], /no game nope in/],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const r = await run(['--config', config(600), ...argv]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(fake.calls).toHaveLength(0);
  });

  it('exits 2 naming the variable when the app key is not in the environment', async () => {
    const out: string[] = [];
    const code = await reconcileCommand(['--config', config(600), '--app', RELAY_APP, '--from', FROM_DAY, '--to', TO_DAY], {
      out: () => undefined, err: (l) => out.push(l), env: { RELAY_SESSION_SECRET: 'x'.repeat(40) }, clock,
    });
    expect(code).toBe(2);
    expect(out.join('\n')).toMatch(/GRAVITY_APP_KEY is not set/);
  });

  it('pulls, prints the summary, writes the files, and exits 1 because there are differences', async () => {
    const outDir = join(db.dir, 'out');
    const r = await run(['--config', config(600), '--app', RELAY_APP, '--from', FROM_DAY, '--to', TO_DAY, '--out', outDir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('reconcile: page 3/5, next call in 10:02');
    expect(r.out).toMatch(/orders in both\s+2,401\n\s+of which amount mismatch\s+26\n\s+missing in Gravity\s+12\n\s+missing in the relay\s+45/);
    const missing = JSON.parse(readFileSync(join(outDir, 'missing-in-relay.json'), 'utf8'));
    expect(missing.rows.map((x: { orderId: string }) => x.orderId)).toEqual(GRAVITY_ONLY_IDS);
    expect(JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')).counts).toEqual(EXPECTED_COUNTS);
    expect(readFileSync(join(outDir, 'amount-mismatch.csv'), 'utf8').trim().split('\r\n')).toHaveLength(27);
    // The secret appears in nothing the command printed.
    expect(r.out + r.err).not.toContain(APP_KEY);
  });

  it('stops at once when interrupted while waiting, exits 130, and the stored pull resumes', async () => {
    const ac = new AbortController();
    const outDir = join(db.dir, 'out2');
    // Interrupted as soon as page 1 is stored, i.e. while waiting out the interval before page 2.
    const r = await run(['--config', config(600), '--app', RELAY_APP, '--from', '2025-03-02', '--to', '2025-03-02', '--out', outDir], ac.signal, (line) => {
      if (/^reconcile: page 1\/\d+: /.test(line)) ac.abort(new Error('interrupted'));
    });
    expect(r.err).toMatch(/page 1\/\d+: \d+ orders/);
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/stopped after page 1; run the same command again to resume/);
    expect(existsSync(outDir)).toBe(false);
    const store = await openStorage({ sqlite: db.file });
    expect((await loadHeader(store, headerKey(RELAY_APP, '2025-03-02', '2025-03-02')))?.nextPage).toBe(2);
    await store.close();
  });

  it('a real process stops on SIGINT while waiting out the interval, exits 130, and says how to resume', async () => {
    // Its own Gravity on the real clock; the child waits the real 10 minutes after page 1, and is interrupted.
    const slow = await new FakeGravity({ apps: [{ appId: GRAVITY_APP_ID, appKey: APP_KEY, orders: data.gravity }], minCallIntervalMs: 600_000 }).start();
    const child = spawn(process.execPath, [join(ROOT, 'bin/purchase-relay.js'), 'reconcile', '--config', config(600, slow.url), '--app', RELAY_APP, '--from', '2025-03-01', '--to', '2025-03-01', '--out', join(db.dir, 'out4')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (!signalled && /next call in/.test(stderr)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await slow.close();
    expect(code).toBe(130);
    expect(stderr).toMatch(/reconcile: page 1\/\d+: 500 orders\n(.|\n)*next call in 10:0[0-2](.|\n)*stopped after page 1; run the same command again to resume/);
    expect(slow.served().map((c) => c.page)).toEqual([1]);
  });

  it('runs as a real process through bin/purchase-relay.js', async () => {
    const outDir = join(db.dir, 'out3');
    // Its own Gravity with no interval, on the real clock: the child process runs on the real clock too.
    const quick = await new FakeGravity({ apps: [{ appId: GRAVITY_APP_ID, appKey: APP_KEY, orders: data.gravity }], minCallIntervalMs: 0 }).start();
    const child = spawn(process.execPath, [join(ROOT, 'bin/purchase-relay.js'), 'reconcile', '--config', config(0, quick.url), '--app', RELAY_APP, '--from', FROM_DAY, '--to', TO_DAY, '--out', outDir, '--fresh'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await quick.close();
    expect(quick.served().map((c) => c.page)).toEqual([1, 2, 3, 4, 5]);
    expect({ code, stderr: code === 1 ? '' : stderr }).toEqual({ code: 1, stderr: '' });
    expect(stdout).toMatch(/missing in the relay\s+45/);
    expect(JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')).counts).toEqual(EXPECTED_COUNTS);
  });
});
