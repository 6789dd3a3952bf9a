import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeliveriesCommand } from '../../../src/relay/cli/deliveries-command';
import { RelayConfigSchema, type RelayConfig } from '../../../src/relay/config/config-schema';
import { SqliteStorage } from '../../../src/relay/storage/sqlite-storage';
import { makeItem } from '../storage/report-fixture';

const T0 = Date.UTC(2025, 10, 22, 8, 0, 0);

describe('purchase-relay deliveries', () => {
  let dir: string;
  let config: RelayConfig;
  let ids: { dead: number[]; pending: number; delivered: number };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-deliveries-cmd-'));
    config = RelayConfigSchema.parse({
      storage: { sqlite: join(dir, 'relay.db') },
      session: { mode: 'sandbox', secret: 'x'.repeat(32) },
      games: [{ appId: 'wxgame' }],
    });
    const s = new SqliteStorage(join(dir, 'relay.db'));
    await s.migrate();
    await s.ingest([
      makeItem({ orderId: 'ord-a', appId: 'wxgame' }, { sinks: ['tianmu', 'kakao'], receivedAt: T0 }),
      makeItem({ orderId: 'ord-b', appId: 'wxother' }, { sinks: ['tianmu', 'hive'], receivedAt: T0 }),
    ]);
    const tianmu = await s.claimDue('tianmu', T0, 10, 1000);
    for (const c of tianmu) {
      await s.complete(c.id, c.leaseToken, { outcome: 'dead', at: T0 + 1000, error: `Tianmu 10001 parameter error:\n ${c.purchase.report.orderId}` });
    }
    const [kakao] = await s.claimDue('kakao', T0, 10, 1000);
    await s.complete(kakao.id, kakao.leaseToken, { outcome: 'retry', at: T0 + 1000, nextAttemptAt: T0 + 60_000, error: 'Kakao HTTP 503' });
    const [hive] = await s.claimDue('hive', T0, 10, 1000);
    await s.complete(hive.id, hive.leaseToken, { outcome: 'delivered', at: T0 + 2000 });
    ids = { dead: tianmu.map((c) => c.id), pending: kakao.id, delivered: hive.id };
    await s.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDeliveriesCommand(argv, config, { out: (l) => out.push(l), err: (l) => err.push(l), now: () => T0 + 99_000 });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints every delivery as an aligned table', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+APP\s+ORDER\s+SINK\s+STATUS\s+ATTEMPTS\s+NEXT ATTEMPT\s+UPDATED\s+LAST ERROR$/);
    expect(lines).toHaveLength(6);
    expect(lines[lines.length - 1]).toBe('4 deliveries');
    const kakao = lines.find((l) => l.includes('kakao'))!;
    expect(kakao.split(/\s{2,}/)).toEqual([String(ids.pending), 'wxgame', 'ord-a', 'kakao', 'pending', '1', '2025-11-22T08:01:00Z', '2025-11-22T08:00:01Z', 'Kakao HTTP 503']);
    // Columns line up: every row's STATUS starts where the header's does.
    const col = lines[0].indexOf('STATUS');
    expect(lines.slice(1, 5).map((l) => l.slice(col).split(' ')[0]).sort()).toEqual(['dead', 'dead', 'delivered', 'pending']);
  });

  it('lists dead deliveries with their reason on one line', async () => {
    const { code, out } = await run('--status', 'dead');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/ord-a\s+tianmu\s+dead\s+1\s+-\s+2025-11-22T08:00:01Z\s+Tianmu 10001 parameter error: ord-a$/);
    expect(lines[3]).toBe('2 deliveries');
  });

  it('filters by sink and app, and prints JSON with --json', async () => {
    const { code, out } = await run('--sink', 'tianmu', '--app', 'wxother', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([
      expect.objectContaining({ appId: 'wxother', orderId: 'ord-b', sink: 'tianmu', status: 'dead', attempts: 1 }),
    ]);
    expect((await run('--status', 'delivered', '--json')).out).toContain(`"id": ${ids.delivered}`);
    expect((await run('--app', 'nobody')).out).toBe('no deliveries match');
  });

  it('says when the listing was cut at --limit', async () => {
    const { out } = await run('--limit', '2');
    expect(out.split('\n').pop()).toBe('2 deliveries (the first 2: raise --limit for more)');
  });

  it('re-queues chosen dead deliveries, due now', async () => {
    const { code, out } = await run('retry', String(ids.dead[0]));
    expect([code, out]).toEqual([0, 're-queued 1 of 1 delivery']);
    const listed = JSON.parse((await run('--json')).out) as Array<{ id: number; status: string; nextAttemptAt: number; attempts: number }>;
    expect(listed.find((r) => r.id === ids.dead[0])).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 99_000, attempts: 1 });
    expect(listed.find((r) => r.id === ids.dead[1])?.status).toBe('dead');
  });

  it('fails (exit 1) when a given id is not dead, still re-queuing the dead ones', async () => {
    const { code, out, err } = await run('retry', String(ids.pending), String(ids.dead[1]), '999999');
    expect(code).toBe(1);
    expect(out).toBe('re-queued 1 of 3 deliveries');
    expect(err).toMatch(/2 of the given ids were not dead/);
    expect(JSON.parse((await run('--json', '--status', 'pending')).out)).toHaveLength(2);
  });

  it('re-queues every dead delivery with --all-dead', async () => {
    expect((await run('retry', '--all-dead')).out).toBe('re-queued 2 dead deliveries');
    expect((await run('--status', 'dead')).out).toBe('no deliveries match');
    expect((await run('retry', '--all-dead')).out).toBe('re-queued 0 dead deliveries');
  });

  it.each([
    [['--status', 'lost'], /--status is one of pending, delivered, dead, not "lost"/],
    [['--sink', 'gravity'], /--sink is one of tianmu, hive, kakao/],
    [['--app'], /--app needs a value/],
    [['--limit', '0'], /--limit is a positive integer/],
    [['--verbose'], /unknown argument "--verbose"/],
    [['retry'], /retry needs delivery ids or --all-dead/],
    [['retry', '12', 'abc'], /"abc" is not a delivery id/],
    [['retry', '--all-dead', '3'], /"--all-dead" is not a delivery id/],
  ])('refuses %j with exit 2 and a clear line', async (argv, message) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')[0]).toMatch(message);
    expect(err).toContain('usage: purchase-relay deliveries');
  });

  it('exits 1 with the reason when the storage cannot be opened', async () => {
    config = { ...config, storage: { sqlite: join(dir, 'relay.db', 'not-a-dir', 'x.db') } };
    const { code, err } = await run('--status', 'dead');
    expect(code).toBe(1);
    expect(err).toMatch(/^purchase-relay deliveries: /);
  });
});
