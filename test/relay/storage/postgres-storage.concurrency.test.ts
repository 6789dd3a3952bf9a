import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type PostgresStorage } from '../../../src/relay/storage/postgres-storage';
import type { ClaimedDelivery } from '../../../src/relay/storage/storage';
import { usePgCluster } from '../../helpers/pg-cluster';
import { makePostgresHarness } from './postgres-harness';
import { makeItem } from './report-fixture';

const ROOT = join(__dirname, '../../..');
const T0 = 1_763_800_001_000;

const pg = usePgCluster();

describe('PostgreSQL: several relays on one database', () => {
  it('two relays (two pools) draining the same queue concurrently never claim one delivery twice', async () => {
    const h = await makePostgresHarness(pg());
    const relayB = (await h.openAnother()) as PostgresStorage;
    const relays = [h.storage, relayB];
    try {
      const n = 400;
      for (let i = 0; i < n; i += 100) {
        await h.storage.ingest(Array.from({ length: 100 }, (_, j) => makeItem({ orderId: `q${i + j}`, uid: `u${(i + j) % 13}` }, { receivedAt: T0, sinks: ['hive'] })));
      }
      const claimedBy = new Map<number, number>();
      let claims = 0;
      // Each relay runs 3 workers that claim small batches and complete them until the queue is empty.
      const worker = async (relay: number) => {
        for (;;) {
          const got: ClaimedDelivery[] = await relays[relay].claimDue('hive', T0, 7, 60_000);
          if (got.length === 0) return;
          for (const c of got) {
            claims++;
            claimedBy.set(c.id, (claimedBy.get(c.id) ?? 0) + 1);
            expect(await relays[relay].complete(c.id, c.leaseToken, { outcome: 'delivered', at: T0 + 1 })).toBe(true);
          }
        }
      };
      await Promise.all([0, 0, 0, 1, 1, 1].map((r) => worker(r)));
      expect(claims).toBe(n);
      expect(claimedBy.size).toBe(n);
      expect([...claimedBy.values()].every((k) => k === 1)).toBe(true);
      expect((await relayB.stats()).deliveries).toEqual({ pending: 0, delivered: n, dead: 0 });
    } finally {
      await h.dispose();
    }
  });

  it('two relays ingesting the same orders at once store each once, with exactly one first pay per player', async () => {
    const h = await makePostgresHarness(pg());
    const relayB = await h.openAnother();
    try {
      const batch = (offset: number) =>
        Array.from({ length: 60 }, (_, i) => makeItem({ orderId: `s${(i + offset) % 60}`, uid: `p${(i + offset) % 6}` }, { sinks: ['tianmu', 'kakao'] }));
      // Overlapping calls in opposite orders: the classic recipe for a deadlock without ordered locks.
      const results = await Promise.all([
        ...Array.from({ length: 6 }, (_, k) => h.storage.ingest(batch(k * 10))),
        ...Array.from({ length: 6 }, (_, k) => relayB.ingest(batch(59 - k * 10).reverse())),
      ]);
      const accepted = results.flat().filter((o) => o.status === 'accepted');
      expect(accepted).toHaveLength(60);
      expect(accepted.filter((o) => o.status === 'accepted' && o.isFirstPay)).toHaveLength(6);
      expect((await h.storage.stats()).purchases).toBe(60);
      expect(await h.storage.listDeliveries({ limit: 1000 })).toHaveLength(120);
    } finally {
      await h.dispose();
    }
  });

  it('reserveCall from two processes lets exactly one call through', async () => {
    const h = await makePostgresHarness(pg());
    try {
      const spawnRelay = () => {
        const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'postgres-reserve-child.ts'), h.url, 'gravity:shared-key', '10', String(T0)], {
          cwd: ROOT,
          env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        const ready = new Promise<void>((resolve, reject) => {
          child.stdout.on('data', () => out.includes('ready') && resolve());
          child.on('exit', (code) => reject(new Error(`child exited ${code} before ready: ${err}`)));
        });
        const done = new Promise<number>((resolve, reject) =>
          child.on('exit', (code) => {
            const m = /won (\d+)/.exec(out);
            if (code === 0 && m) resolve(Number(m[1]));
            else reject(new Error(`child exited ${code}: ${err}`));
          }),
        );
        return { child, ready, done };
      };
      const relays = [spawnRelay(), spawnRelay()];
      await Promise.all(relays.map((r) => r.ready));
      relays.forEach((r) => r.child.stdin.end('go\n'));
      const won = await Promise.all(relays.map((r) => r.done));
      expect(won[0] + won[1]).toBe(1);
      // and the one recorded call holds: a third caller inside the interval is told to wait
      expect(await h.storage.reserveCall('gravity:shared-key', 600_000, T0 + 1000)).toMatchObject({ ok: false });
    } finally {
      await h.dispose();
    }
  }, 60_000);
});
