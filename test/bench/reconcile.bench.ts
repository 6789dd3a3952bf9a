/**
 * `npm run bench -- reconcile`: what reconciliation costs on the relay's side for a full day at the default Gravity
 * limit (144 pages of 500 = 72,000 orders), each figure against a baseline measured in the same run:
 * - comparing 72,000 Gravity orders with 72,000 relay purchases vs the bare cost of indexing both by order id;
 * - one page call to a fake Gravity on 127.0.0.1 (sign, JWT, HTTP, zod parse of 500 rows) vs a plain fetch + JSON.parse
 *   of the same bytes;
 * - storing each page in SQLite (synchronous=FULL) and reading a whole pull back (resume / reuse) vs JSON alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareOrders } from '../../src/relay/reconcile/compare';
import { fetchOrderPage } from '../../src/relay/reconcile/gravity-client';
import type { GravityOrder } from '../../src/relay/reconcile/gravity-order';
import { loadPages, newHeader, savePage } from '../../src/relay/reconcile/reconcile-state';
import type { ReconcilePurchase } from '../../src/relay/storage/reconcile-store';
import { reconcileWindow } from '../../src/relay/reconcile/reconcile-window';
import { openStorage } from '../../src/relay/storage/open-storage';
import { FakeGravity } from '../fakes/gravity/fake-gravity';

const PAGES = 144;
const PAGE_SIZE = 500;
const N = PAGES * PAGE_SIZE;
const W = reconcileWindow('2025-03-01', '2025-03-01');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(runs: number, f: () => unknown): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return median(out);
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

async function main(): Promise<void> {
  const gravity: GravityOrder[] = [];
  const relay: ReconcilePurchase[] = [];
  for (let i = 0; i < N; i++) {
    const orderId = `ord_${i}`;
    gravity.push({ orderId, amount: 600 + (i % 50) * 100, currency: 'CNY', payEventTime: '2025-03-01 12:00:00', status: i % 3 ? 'posted' : 'not_posted' });
    if (i % 100 !== 1) relay.push({ orderId, uid: `u${i}`, amount: 600 + (i % 50) * 100 + (i % 100 === 2 ? 1 : 0), currency: 'CNY', paidAt: W.fromMs + (i % 86_400) * 1000 });
  }

  // 1. compare vs indexing both sides.
  const base = await time(9, () => {
    const m = new Map(gravity.map((g) => [g.orderId, g]));
    let hits = 0;
    for (const r of relay) if (m.has(r.orderId)) hits++;
    return hits;
  });
  const cmp = await time(9, () => compareOrders(gravity, relay, W));
  const c = compareOrders(gravity, relay, W).counts;
  console.log(`compare ${N.toLocaleString()} orders: ${fmt(cmp)} vs index-only baseline ${fmt(base)} = ${ratio(cmp, base)} (both ${c.both}, missing in relay ${c.missingInRelay}, mismatch ${c.amountMismatch})`);

  // 2. one page call: the relay's client vs a plain fetch + JSON.parse of the very bytes the fake answers.
  const fake = await new FakeGravity({
    apps: [{ appId: 1, appKey: 'bench-key', orders: gravity.slice(0, 5000).map((g) => ({ orderId: g.orderId, amount: g.amount, payEventTime: g.payEventTime, status: '回传成功' })) }],
    minCallIntervalMs: 0,
  }).start();
  const answer = await fetchRawFromFake(fake);
  const plain = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer);
    });
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  const query = { url: fake.url, appId: 1, appKey: 'bench-key', fromDay: '2025-03-01', toDay: '2025-03-01', page: 1 };
  const check = await fetchOrderPage(query);
  if (!check.ok || check.page.orders.length !== PAGE_SIZE) throw new Error('the fake did not answer a full page');
  const rawCall = await time(31, async () => JSON.parse(await (await fetch(plainUrl, { method: 'POST', body: '{}' })).text()));
  const clientCall = await time(31, () => fetchOrderPage(query));
  console.log(
    `one page of ${PAGE_SIZE} rows (${(Buffer.byteLength(answer) / 1024).toFixed(0)} KiB): relay client (sign, JWT, fake's checks, zod) ${fmt(clientCall)} ` +
      `vs plain fetch + JSON.parse ${fmt(rawCall)} = ${ratio(clientCall, rawCall)}; Gravity allows one call per 600,000 ms`,
  );
  await fake.close();
  await new Promise<void>((r) => plain.close(() => r()));

  // 3. the stored pull: SQLite writes per page and the read-back of a full day.
  const dir = mkdtempSync(join(tmpdir(), 'reconcile-bench-'));
  try {
    const store = await openStorage({ sqlite: join(dir, 'relay.db') });
    const h = newHeader(1, PAGE_SIZE, Date.now());
    const pages = Array.from({ length: PAGES }, (_, p) => gravity.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE));
    let p = 0;
    const save = await time(PAGES, () => savePage(store, h.runId, ++p, pages[p - 1]));
    const jsonOnly = await time(PAGES, () => JSON.stringify(pages[0].map((o) => [o.orderId, o.amount, o.currency, o.payEventTime, o.status])));
    console.log(`store one page of ${PAGE_SIZE}: ${fmt(save)} vs JSON.stringify alone ${fmt(jsonOnly)} = ${ratio(save, jsonOnly)}`);
    const texts = pages.map((pg) => JSON.stringify(pg.map((o) => [o.orderId, o.amount, o.currency, o.payEventTime, o.status])));
    const load = await time(5, () => loadPages(store, h.runId, PAGES));
    const parseOnly = await time(5, () => texts.map((t) => JSON.parse(t)));
    const bytes = texts.reduce((s, t) => s + t.length, 0);
    console.log(`read back a ${PAGES}-page pull (${N.toLocaleString()} orders, ${(bytes / 1024 / 1024).toFixed(1)} MiB of state): ${fmt(load)} vs JSON.parse alone ${fmt(parseOnly)} = ${ratio(load, parseOnly)}`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bytes the fake answers for page 1, fetched with a valid signature. */
async function fetchRawFromFake(fake: FakeGravity): Promise<string> {
  const { gravitySign } = await import('../../src/relay/reconcile/gravity-sign');
  const { gravityJwt } = await import('../../src/relay/reconcile/gravity-jwt');
  const { buildOrderListBody } = await import('../../src/relay/reconcile/gravity-client');
  const body: Record<string, unknown> = { ...buildOrderListBody({ appId: 1, fromDay: '2025-03-01', toDay: '2025-03-01', page: 1 }) };
  body.sign = gravitySign(body, 'bench-key');
  const res = await fetch(fake.url, { method: 'POST', headers: { authorization: gravityJwt('bench-key', body.sign as string) }, body: JSON.stringify(body) });
  return res.text();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
