import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { makeItem } from './report-fixture';
import { makeSqliteHarness } from './sqlite-harness';

/**
 * Bytes on disk per stored purchase: N ordinary reports (three sinks each, 32-hex order ids as the platform's
 * outTradeNo, a few hundred players) and the growth of the checkpointed database file divided by N. Measured on
 * main before the hardening: 1,139 bytes (the report JSON repeated six fields that have their own columns); after:
 * 967. The bound leaves room for page-fill noise, not for a regression.
 */
const N = 3000;
const BOUND = 1000;

describe('SQLite bytes per purchase', () => {
  it(`stores an ordinary purchase with its three deliveries in under ${BOUND} bytes`, async () => {
    const h = await makeSqliteHarness();
    try {
      const db = (h.storage as unknown as { db: Database.Database }).db;
      const size = () => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
      };
      const before = size();
      for (let b = 0; b < N / 50; b++) {
        await h.storage.ingest(
          Array.from({ length: 50 }, (_, i) =>
            makeItem(
              { orderId: randomBytes(16).toString('hex'), uid: `oI2nx3EUnScOMVVBJBYq-${(b * 50 + i) % 300}`, paidAt: 1_763_800_000_000 + b * 1000 + i },
              { sinks: ['tianmu', 'hive', 'kakao'], receivedAt: 1_763_800_001_000 + b * 1000 + i },
            ),
          ),
        );
      }
      const perPurchase = (size() - before) / N;
      console.log(`SQLite: ${perPurchase.toFixed(0)} bytes per purchase (3 deliveries each, ${N} purchases)`);
      expect(perPurchase).toBeLessThan(BOUND);
    } finally {
      await h.dispose();
    }
  });
});
