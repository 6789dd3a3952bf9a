import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SqliteStorage } from '../../../src/relay/storage/sqlite-storage';
import { makeSqliteHarness } from './sqlite-harness';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs the child until it SIGKILLs itself; returns the order ids it printed as acknowledged. */
function runChild(file: string, prefix: string, killAfter: number): Promise<{ acked: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'durability-child.ts'), file, prefix, String(killAfter)],
      { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without SIGKILL: ${signal} ${err}`));
      else resolve({ acked: out.split('\n').filter(Boolean).map((l) => l.split(' ')[1]), signal });
    });
  });
}

describe('SQLite durability', () => {
  it('keeps every acknowledged order of a process SIGKILLed right after the acknowledgement', async () => {
    const h = await makeSqliteHarness();
    await h.storage.close();
    try {
      const acked: string[] = [];
      for (const [round, killAfter] of [[0, 137], [1, 401], [2, 999]]) {
        const r = await runChild(h.file, `k${round}`, killAfter);
        expect(r.acked.length).toBeGreaterThanOrEqual(killAfter);
        acked.push(...r.acked);
      }
      const reopened = new SqliteStorage(h.file);
      await reopened.migrate();
      const stored = new Set(
        (await reopened.purchasesBetween('wx1234567891234567', 0, Number.MAX_SAFE_INTEGER)).map((p) => p.orderId),
      );
      const lost = acked.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      // Every stored purchase has its three delivery rows: a purchase is never committed without them.
      const stats = await reopened.stats();
      expect(stats.deliveries.pending).toBe(3 * stats.purchases);
      await reopened.close();
    } finally {
      await h.dispose();
    }
  }, 60_000);
});
