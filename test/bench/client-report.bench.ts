/**
 * Client report benchmark (`npm run bench`):
 *  1. payment success → report durable: from the moment the fake platform calls `success` to the moment the
 *     queued report is in storage, over 10,000 purchases (median, p99), as a ratio to a bare setStorageSync of the
 *     same payload measured in the same run;
 *  2. flush throughput of a 1,000-report backlog to a relay over real HTTP on 127.0.0.1 (reports/s), as a ratio to
 *     bare setStorageSync writes of the same 1,000 payloads.
 */
import { performance } from 'perf_hooks';
import { createPurchaseKit } from '../../src/client/create-purchase-kit';
import { createWxPlatform } from '../../src/client/platform/wx';
import { FakeWx } from '../fakes/platform/fake-wx';
import { FakeClock } from '../fakes/platform/fake-clock';
import { FakeRelay } from '../fakes/relay/fake-relay';

const PURCHASES = 10000;
const BACKLOG = 1000;

function stats(xs: number[]) {
  const s = xs.slice().sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p99: q(0.99) };
}
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

async function main() {
  const relay = await new FakeRelay().start();
  const wx = new FakeWx();
  wx.snapshotStorage = false;
  wx.storage.logWrites = false;
  const platform = createWxPlatform({ api: wx.api, payment: { offerId: '1450000000' }, clock: new FakeClock() });
  const kit = createPurchaseKit({ relayUrl: relay.url, appId: 'wx1234567891234567', platform });
  await kit.login();

  // Time stamps: the platform's success callback, and the storage write that makes the report durable.
  let successAt = 0;
  const latencies: number[] = [];
  const api = wx.api as unknown as Record<string, (o: Record<string, unknown>) => unknown>;
  const pay = api.requestMidasPayment;
  api.requestMidasPayment = (o) => {
    const success = o.success as (r: unknown) => void;
    return pay({ ...o, success: (r: unknown) => ((successAt = performance.now()), success(r)) });
  };
  const set = wx.storage.set.bind(wx.storage);
  wx.storage.set = (key, value) => {
    set(key, value);
    if (successAt && key.startsWith('mp:v1:o:') && (value as string).startsWith('{"s":"q"')) {
      latencies.push(performance.now() - successAt);
      successAt = 0;
    }
  };

  const product = { productId: '500.picsh.cre', price: 600, currency: 'CNY', name: '500 diamonds' };
  for (let i = 0; i < PURCHASES; i++) {
    const r = await kit.purchase(product);
    if (r.status !== 'paid') throw new Error(`purchase ${i}: ${r.status}`);
  }
  await kit.flush();

  // Baseline: a bare setStorageSync of the same payload (one stored queued order), same process, same run.
  const sample = JSON.parse(wx.storage.data.get(Array.from(wx.storage.data.keys()).find((k) => k.startsWith('mp:v1:o:')) ?? '') as string ?? 'null') ?? {
    s: 'q',
    r: relay.accepted.values().next().value,
  };
  const baseline: number[] = [];
  for (let i = 0; i < PURCHASES; i++) {
    const t = performance.now();
    wx.api.setStorageSync(`bench:${i % 100}`, JSON.stringify(sample));
    baseline.push(performance.now() - t);
  }
  const d = stats(latencies);
  const b = stats(baseline);
  console.log(`payment success → durable (${latencies.length} purchases): median ${us(d.median)}, p99 ${us(d.p99)}`);
  console.log(`bare setStorageSync of the same payload:         median ${us(b.median)}, p99 ${us(b.p99)}`);
  console.log(`ratio: median ×${(d.median / b.median).toFixed(2)}, p99 ×${(d.p99 / b.p99).toFixed(2)}`);
  if (latencies.length !== PURCHASES) throw new Error(`measured ${latencies.length} of ${PURCHASES}`);

  // Flush throughput: a backlog of 1,000 reports (the relay was down), then the relay comes back.
  relay.mode = '5xx';
  for (let i = 0; i < BACKLOG; i++) kit.reportPurchase({ productId: 'web.pack', amount: 500 + i, currency: 'USD' });
  await kit.flush();
  relay.mode = 'ok';
  const before = relay.accepted.size;
  const t0 = performance.now();
  await kit.flush();
  const flushMs = performance.now() - t0;
  if (relay.accepted.size - before !== BACKLOG || kit.queuedCount() !== 0) throw new Error('backlog not drained');
  const payloads = Array.from({ length: BACKLOG }, () => JSON.stringify(sample));
  const t1 = performance.now();
  for (let i = 0; i < BACKLOG; i++) wx.api.setStorageSync(`bench:b${i}`, payloads[i]);
  const writeMs = performance.now() - t1;
  console.log(`flush of a ${BACKLOG}-report backlog: ${flushMs.toFixed(1)} ms, ${Math.round((BACKLOG / flushMs) * 1000)} reports/s (batches of 50, real HTTP, relay parses with zod)`);
  console.log(`bare setStorageSync of the same ${BACKLOG} payloads: ${writeMs.toFixed(2)} ms; ratio ×${(flushMs / writeMs).toFixed(1)}`);

  kit.close();
  await relay.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
