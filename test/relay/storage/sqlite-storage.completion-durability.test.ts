import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteStorage } from '../../../src/relay/storage/sqlite-storage';
import { makeItem } from './report-fixture';
import { makeSqliteHarness } from './sqlite-harness';

const ROOT = join(__dirname, '..', '..', '..');

interface ChildRun {
  sent: Set<number>;
  done: Set<number>;
}

/** Runs the child until it SIGKILLs itself; returns the completions it submitted and those that resolved. */
function runChild(file: string, prefix: string, total: number, killAfter: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'completion-durability-child.ts'), file, prefix, String(total), String(killAfter)],
      { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended without SIGKILL: ${signal} ${err}`));
      const run: ChildRun = { sent: new Set(), done: new Set() };
      for (const line of out.split('\n').filter(Boolean)) {
        const [what, id, kept] = line.split(' ');
        if (what === 'sent') run.sent.add(Number(id));
        else if (what === 'done' && kept === 'true') run.done.add(Number(id));
        else if (what === 'done') return reject(new Error(`a completion was refused: ${line}`));
      }
      resolve(run);
    });
  });
}

function statuses(file: string): Promise<Map<number, string>> {
  const storage = new SqliteStorage(file);
  return storage
    .migrate()
    .then(() => storage.listDeliveries({ sink: 'tianmu', limit: 1_000_000 }))
    .then(async (rows) => {
      await storage.close();
      return new Map(rows.map((r) => [r.id, r.status]));
    });
}

describe('SQLite delivery results (synchronous=NORMAL)', () => {
  it('keeps every recorded delivery of a process SIGKILLed mid-drain: only completions in flight are sent again', async () => {
    for (const [round, killAfter] of [[0, 57], [1, 240], [2, 555]]) {
      const h = await makeSqliteHarness();
      await h.storage.close();
      try {
        const total = 800;
        const run = await runChild(h.file, `c${round}`, total, killAfter);
        expect(run.done.size).toBeGreaterThanOrEqual(killAfter);
        const after = await statuses(h.file);
        // Nothing lost: every ingested delivery row is still there.
        expect(after.size).toBe(total);
        const delivered = [...after].filter(([, s]) => s === 'delivered').map(([id]) => id);
        const pending = [...after].filter(([, s]) => s === 'pending').map(([id]) => id);
        expect(delivered.length + pending.length).toBe(total);
        // Every completion the process saw committed is still committed after the kill.
        expect([...run.done].filter((id) => after.get(id) !== 'delivered')).toEqual([]);
        // Nothing is marked delivered that was never sent.
        expect(delivered.filter((id) => !run.sent.has(id))).toEqual([]);
        // What the worker would send again is at most what was in flight: sent, its completion not yet resolved.
        const inFlight = [...run.sent].filter((id) => !run.done.has(id));
        const resent = pending.filter((id) => run.sent.has(id));
        expect(resent.filter((id) => !inFlight.includes(id))).toEqual([]);
        expect(resent.length).toBeLessThanOrEqual(inFlight.length);
      } finally {
        await h.dispose();
      }
    }
  }, 90_000);

  it('records results and hands synchronous=FULL back to ingest, also after a refused result', async () => {
    const h = await makeSqliteHarness();
    try {
      const conn = (h.storage as unknown as { db: Database.Database }).db;
      await h.storage.ingest([makeItem({ orderId: 'n1' }, { sinks: ['tianmu', 'kakao'] })]);
      const [a] = await h.storage.claimDue('tianmu', Number.MAX_SAFE_INTEGER, 10, 60_000);
      const [b] = await h.storage.claimDue('kakao', Number.MAX_SAFE_INTEGER, 10, 60_000);
      const results = await Promise.all([
        h.storage.complete(a.id, a.leaseToken, { outcome: 'delivered', at: 5 }),
        h.storage.complete(b.id, b.leaseToken, { outcome: 'dead', at: 5, error: 'HTTP 400' }),
      ]);
      expect(results).toEqual([true, true]);
      expect(conn.pragma('synchronous', { simple: true })).toBe(2);
      // A second result with a used token is refused, and leaves the connection at FULL too.
      expect(await h.storage.complete(a.id, a.leaseToken, { outcome: 'delivered', at: 6 })).toBe(false);
      expect(conn.pragma('synchronous', { simple: true })).toBe(2);
      await h.storage.ingest([makeItem({ orderId: 'n2' })]);
      expect(conn.pragma('synchronous', { simple: true })).toBe(2);
      const rows = await h.storage.listDeliveries({});
      expect(rows.find((r) => r.id === a.id)?.status).toBe('delivered');
      expect(rows.find((r) => r.id === b.id)?.status).toBe('dead');
    } finally {
      await h.dispose();
    }
  });
});
