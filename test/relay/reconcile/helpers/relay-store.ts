import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../../src/relay/storage/open-storage';
import type { Storage } from '../../../../src/relay/storage/storage';
import type { PurchaseReport } from '../../../../src/shared/schemas/purchase-report';

export const RELAY_APP = 'wx1234567891234567';

/** A temp dir holding the relay's real SQLite file; `cleanup` closes every handle opened here and removes it. */
export function tempDb(): { file: string; dir: string; open(): Promise<Storage>; cleanup(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'reconcile-'));
  const file = join(dir, 'relay.db');
  const opened: Storage[] = [];
  return {
    file,
    dir,
    async open() {
      const s = await openStorage({ sqlite: file });
      opened.push(s);
      return s;
    },
    async cleanup() {
      for (const s of opened) await s.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SeedPurchase {
  orderId: string;
  amount: number;
  paidAt: number;
  currency?: string;
  uid?: string;
}

/** Stores purchases through the relay's own ingest path, as `POST /v1/purchases` would. */
export async function seedPurchases(storage: Storage, purchases: readonly SeedPurchase[], appId = RELAY_APP): Promise<void> {
  for (let i = 0; i < purchases.length; i += 500) {
    const items = purchases.slice(i, i + 500).map((p) => ({
      report: report({ orderId: p.orderId, appId, amount: p.amount, paidAt: p.paidAt, currency: p.currency ?? 'CNY', uid: p.uid ?? `uid-${p.orderId}` }),
      clientIp: '203.0.113.7',
      receivedAt: p.paidAt + 1000,
      sinks: [],
    }));
    const outcomes = await storage.ingest(items);
    const bad = outcomes.filter((o) => o.status !== 'accepted');
    if (bad.length) throw new Error(`seeding: ${bad.length} purchases not accepted`);
  }
}

function report(p: Pick<PurchaseReport, 'orderId' | 'appId' | 'amount' | 'paidAt' | 'currency' | 'uid'>): PurchaseReport {
  return { ...p, productId: 'gems.500', payType: 2, device: { type: 3 }, sdkVersion: '0.1.0' };
}
