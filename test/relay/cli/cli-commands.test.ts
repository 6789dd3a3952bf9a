import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/relay/cli/run-cli';
import { reconcileCommand } from '../../../src/relay/cli/reconcile-command';
import { SqliteStorage } from '../../../src/relay/storage/sqlite-storage';
import { makeItem } from '../storage/report-fixture';

interface Ran {
  code: number;
  out: string;
  err: string;
}

const never = new Promise<string>(() => undefined);

async function cli(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; stop?: Promise<string> } = {}): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: opts.env ?? {}, cwd: opts.cwd, stopSignal: opts.stop ?? never });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function seedDatabase(file: string): Promise<void> {
  const s = new SqliteStorage(file);
  await s.migrate();
  await s.ingest([makeItem({ orderId: 'ord-cli', appId: 'wx1234567891234567' }, { sinks: ['tianmu'], receivedAt: Date.now() })]);
  await s.close();
}

describe('purchase-relay: version and help', () => {
  it('--version prints the package version', async () => {
    const version = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')).version;
    for (const flag of ['--version', '-v']) expect(await cli([flag])).toEqual({ code: 0, out: version, err: '' });
  });

  it.each([
    ['start', /usage: purchase-relay start/],
    ['deliveries', /usage: purchase-relay deliveries/],
    ['reconcile', /usage: purchase-relay reconcile/],
    ['demo', /usage: purchase-relay demo/],
  ])('%s --help prints its usage, exit 0, and runs nothing', async (command, usage) => {
    // `never` as the stop signal: a command that started serving would not resolve at all.
    const r = await cli([command, '--help'], { env: { RELAY_CONFIG: '/nonexistent/relay.json' } });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(usage);
    expect(r.err).toBe('');
  });
});

describe('purchase-relay: read-only commands need only the storage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-cli-ro-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('deliveries reads the database of a full production config with only its storage variable set', async () => {
    const db = join(dir, 'relay.db');
    await seedDatabase(db);
    const config = JSON.parse(readFileSync(resolve(__dirname, '../../../examples/wechat-game.relay.json'), 'utf8'));
    config.storage = { sqlite: 'env:RELAY_DB_FILE' };
    writeFileSync(join(dir, 'relay.json'), JSON.stringify(config));
    const r = await cli(['deliveries', '--config', join(dir, 'relay.json')], { env: { RELAY_DB_FILE: db } });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ord-cli\s+tianmu\s+pending/);
  });

  it('deliveries --status dead, as the README writes it, finds ./relay.json', async () => {
    const db = join(dir, 'relay.db');
    await seedDatabase(db);
    writeFileSync(join(dir, 'relay.json'), JSON.stringify({ storage: { sqlite: db }, session: { mode: 'wechat', secret: 'env:UNSET_SECRET' }, games: [{ appId: 'wx1', wechat: { appSecret: 'env:UNSET_TOO' } }] }));
    const r = await cli(['deliveries', '--status', 'dead'], { cwd: dir });
    expect(r).toEqual({ code: 0, out: 'no deliveries match', err: '' });
  });

  it('deliveries with no config at all reads the demo database under ./data (or --data DIR)', async () => {
    mkdirSync(join(dir, 'data'));
    await seedDatabase(join(dir, 'data', 'relay.db'));
    expect((await cli(['deliveries'], { cwd: dir })).out).toMatch(/ord-cli/);
    expect((await cli(['deliveries', '--data', join(dir, 'data'), '--json'])).out).toMatch(/"orderId": "ord-cli"/);
    const none = await cli(['deliveries'], { cwd: join(dir, 'data') });
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no config \(--config, RELAY_CONFIG, \.\/relay\.json\) and no demo database at .*data\/data\/relay\.db/);
  });

  it('a misspelt key still fails a read-only command: the file is checked whole', async () => {
    writeFileSync(join(dir, 'relay.json'), JSON.stringify({ storage: { sqlite: join(dir, 'x.db') }, sesion: {}, games: [] }));
    const r = await cli(['deliveries'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sesion: unknown key; did you mean "session"\?$/m);
  });

  it('reconcile, as the README writes it, finds ./relay.json and needs only storage and gravity', async () => {
    writeFileSync(
      join(dir, 'relay.json'),
      JSON.stringify({
        storage: { sqlite: join(dir, 'relay.db') },
        session: { mode: 'wechat', secret: 'env:UNSET_SECRET' },
        games: [{ appId: 'wx1234567891234567', wechat: { appSecret: 'env:UNSET_TOO' }, gravity: { url: 'http://127.0.0.1:1/list/', appId: 17802622, appKey: 'env:GRAVITY_KEY' } }],
      }),
    );
    const err: string[] = [];
    const stopped = new AbortController();
    stopped.abort(new Error('interrupted'));
    const code = await reconcileCommand(['--app', 'wx1234567891234567', '--from', '2025-11-01', '--to', '2025-11-01', '--out', join(dir, 'out')], {
      out: () => undefined,
      err: (l) => err.push(l),
      cwd: dir,
      env: { GRAVITY_KEY: 'gravity-key-0123456789' },
      signal: stopped.signal,
    });
    expect(err.join('\n')).not.toMatch(/give --config|bad config|not set/);
    // Past the config and the storage: stopped before its first Gravity call (130), not a usage error (2).
    expect(code).toBe(130);
    const usage = await cli(['reconcile', '--app', 'wx1', '--from', '2025-11-01', '--to', '2025-11-01'], { cwd: join(dir, 'nowhere') });
    expect(usage.err).toMatch(/give --config FILE, set RELAY_CONFIG, or put a relay.json in this directory/);
  });
});

describe('purchase-relay: port in use', () => {
  let busy: Server;
  let port: number;
  let dir: string;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    port = (busy.address() as AddressInfo).port;
    dir = mkdtempSync(join(tmpdir(), 'relay-cli-port-'));
  });
  afterAll(async () => {
    await new Promise((r) => busy.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('start says the port is taken and how to pick another', async () => {
    const file = join(dir, 'relay.json');
    writeFileSync(file, JSON.stringify({ port, storage: { sqlite: join(dir, 'relay.db') }, session: { mode: 'sandbox', secret: 'sandbox-secret-0123456789' }, games: [{ appId: 'wx1' }] }));
    const r = await cli(['start', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`127.0.0.1:${port} is in use`);
    expect(r.err).toMatch(/--port N or "port" in/);
  });

  it('demo says the port is taken and how to pick another', async () => {
    const r = await cli(['demo', '--port', String(port), '--data', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} is in use.*npm start -- --port`));
  });
});

describe('purchase-relay demo: tells how to inspect its own deliveries', () => {
  it('prints a deliveries command, and that command works while the demo runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-cli-demo-'));
    let stop!: (s: string) => void;
    const out: string[] = [];
    const running = runCli(['demo', '--port', '0', '--data', dir], {
      out: (l) => out.push(l),
      err: () => undefined,
      env: {},
      stopSignal: new Promise((r) => (stop = r)),
    });
    try {
      const until = Date.now() + 60_000;
      while (!out.join('\n').includes('deliveries') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      const command = /npx purchase-relay (deliveries[^\s(]*(?: --data \S+)?)/.exec(out.join('\n'));
      expect(command?.[1]).toBe(`deliveries --data ${dir}`);
      const r = await cli(command![1].split(' '));
      expect(r).toEqual({ code: 0, out: 'no deliveries match', err: '' });
    } finally {
      stop('SIGTERM');
      expect(await running).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
