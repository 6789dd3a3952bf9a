/**
 * `npm run bench -- retention`: a soak of retention on a SQLite file. A simulated clock runs DAYS days of PER_DAY
 * purchases each (received, delivered to three sinks, pruned as the relay's retention would with a short
 * deliveredDays / dedupDays); after each day the file size and the bytes in use are printed. The size levels off once
 * both windows are full: from then on each day's new purchases reuse the pages the oldest freed.
 *
 * Knobs (env): SOAK_PER_DAY (default 4000), SOAK_DAYS (default 14), SOAK_DELIVERED_DAYS (2), SOAK_DEDUP_DAYS (6).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStorage } from '../../src/relay/storage/sqlite-storage';
import { PRUNE_BATCH } from '../../src/relay/storage/retention';
import { makeItem } from '../relay/storage/report-fixture';

const PER_DAY = Number(process.env.SOAK_PER_DAY ?? 4000);
const DAYS = Number(process.env.SOAK_DAYS ?? 14);
const DELIVERED_DAYS = Number(process.env.SOAK_DELIVERED_DAYS ?? 2);
const DEDUP_DAYS = Number(process.env.SOAK_DEDUP_DAYS ?? 6);
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'retention-soak-'));
  const file = join(dir, 'relay.db');
  const storage = new SqliteStorage(file);
  await storage.migrate();
  const probe = new Database(file, { readonly: true });
  const used = () => {
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    return ((probe.pragma('page_count', { simple: true }) as number) - (probe.pragma('freelist_count', { simple: true }) as number)) * pageSize;
  };
  let seq = 0;
  const sizes: number[] = [];
  console.log(`retention soak: ${PER_DAY} purchases a day for ${DAYS} days, 3 sinks, deliveredDays ${DELIVERED_DAYS}, dedupDays ${DEDUP_DAYS}`);
  try {
    for (let day = 0; day < DAYS; day++) {
      const at = T0 + day * DAY;
      for (let i = 0; i < PER_DAY; i += 250) {
        const n = Math.min(250, PER_DAY - i);
        await storage.ingest(
          Array.from({ length: n }, () => {
            seq++;
            // A player buys about three times over the run: first pay stays a lookup, not a new row each time.
            return makeItem({ orderId: `soak${String(seq).padStart(10, '0')}`, uid: `oSoakPlayer${seq % Math.ceil((PER_DAY * DAYS) / 3)}`, paidAt: at + i }, { receivedAt: at + i });
          }),
        );
      }
      for (const sink of ['tianmu', 'hive', 'kakao'] as const) {
        for (;;) {
          const rows = await storage.claimDue(sink, at + DAY - 1, 500, 30_000);
          if (rows.length === 0) break;
          await Promise.all(rows.map((r) => storage.complete(r.id, r.leaseToken, { outcome: 'delivered', at: at + DAY - 1 })));
        }
      }
      const end = at + DAY - 1;
      let slimmed = 0;
      let forgotten = 0;
      for (;;) {
        const r = await storage.prune({ slimBefore: end - DELIVERED_DAYS * DAY, forgetBefore: end - DEDUP_DAYS * DAY, limit: PRUNE_BATCH });
        slimmed += r.slimmed;
        forgotten += r.forgotten;
        if (r.slimmed + r.forgotten === 0) break;
      }
      // The WAL folded into the file, so the file size is the database's.
      (storage as unknown as { db: Database.Database }).db.pragma('wal_checkpoint(TRUNCATE)');
      const u = used();
      sizes.push(u);
      console.log(
        `day ${String(day + 1).padStart(2)}: ${String(seq).padStart(7)} purchases so far, slimmed ${String(slimmed).padStart(5)}, forgotten ${String(forgotten).padStart(5)}; ` +
          `file ${(statSync(file).size / 1e6).toFixed(2)} MB, in use ${(u / 1e6).toFixed(2)} MB`,
      );
    }
    // Bytes a purchase costs whole (with three delivered rows) and cut down, from the days before pruning started and
    // the steady state: steady = perDay * (deliveredDays * whole + (dedupDays - deliveredDays) * slim) + payers.
    const whole = sizes[DELIVERED_DAYS - 1] / (PER_DAY * DELIVERED_DAYS);
    const steady = sizes[sizes.length - 1];
    const slim = (steady / PER_DAY - DELIVERED_DAYS * whole) / (DEDUP_DAYS - DELIVERED_DAYS);
    const last = sizes.slice(-3);
    console.log(`whole purchase (report + 3 delivery rows + indexes): ~${Math.round(whole)} bytes; cut down: ~${Math.round(slim)} bytes (both include payers and index share)`);
    console.log(`last three days in use: ${last.map((x) => (x / 1e6).toFixed(2)).join(', ')} MB (spread ${(((Math.max(...last) - Math.min(...last)) / steady) * 100).toFixed(1)} %)`);
    console.log(`RESULT ${JSON.stringify({ whole, slim, steady, perDay: PER_DAY, deliveredDays: DELIVERED_DAYS, dedupDays: DEDUP_DAYS })}`);
  } finally {
    probe.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
