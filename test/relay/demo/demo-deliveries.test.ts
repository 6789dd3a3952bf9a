import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDeliveries } from '../../../src/relay/demo/demo-deliveries';
import { openStorage } from '../../../src/relay/storage/open-storage';
import type { Storage } from '../../../src/relay/storage/storage';
import type { PurchaseReport } from '../../../src/shared/schemas/purchase-report';

const APP = 'wx1234567891234567';

function report(orderId: string): PurchaseReport {
  return {
    orderId, appId: APP, uid: 'openid-1', productId: '500.picsh.cre', amount: 999, currency: 'CNY', payType: 2,
    paidAt: 1_700_000_000_000, device: { type: 1 }, sdkVersion: '0.1.0',
  };
}

/** The live panel's feed over real SQLite and real capture files. */
describe('demoDeliveries', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-deliveries-'));
    storage = await openStorage({ sqlite: join(dir, 'relay.db') });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('joins each purchase’s delivery rows with the captured request that carries its order id', async () => {
    await storage.ingest([
      { report: report('order-a'), clientIp: '127.0.0.1', receivedAt: 1000, sinks: ['tianmu', 'hive', 'kakao'] },
      { report: report('order-b'), clientIp: '127.0.0.1', receivedAt: 2000, sinks: ['tianmu', 'hive'] },
    ]);
    const captured = join(dir, 'captured');
    mkdirSync(captured);
    appendFileSync(join(captured, 'tianmu.jsonl'), JSON.stringify({ at: 5, sink: 'tianmu', method: 'POST', url: 'https://t', headers: {}, body: '{"order_code":"order-a"}' }) + '\n');
    // a line still being written by the worker: skipped, not an error
    appendFileSync(join(captured, 'hive.jsonl'), '{"at": 6, "sink": "hi');

    const list = await demoDeliveries(storage, APP, captured);
    expect(list.map((p) => p.orderId)).toEqual(['order-b', 'order-a']);
    const a = list.find((p) => p.orderId === 'order-a')!;
    expect(a.sinks.tianmu).toMatchObject({ status: 'pending', captured: { method: 'POST', url: 'https://t', body: '{"order_code":"order-a"}' } });
    expect(a.sinks.hive).toMatchObject({ status: 'pending', captured: null });
    expect(a.sinks.kakao.status).toBe('pending');
    const b = list.find((p) => p.orderId === 'order-b')!;
    expect(b.sinks.tianmu.captured).toBeNull();
    expect(b.sinks.kakao).toEqual({ status: 'none', attempts: 0, lastError: null, captured: null });
  });

  it('is empty before any purchase, with no capture directory at all', async () => {
    expect(await demoDeliveries(storage, APP, join(dir, 'absent'))).toEqual([]);
  });
});
