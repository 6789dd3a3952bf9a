/**
 * Store view model benchmark (`npm run bench`): builds the view model of a generated 500-item catalog (400 packs,
 * 100 subscriptions, every badge, discounts, trials, missing per-week prices) and compares it with a plain
 * `JSON.parse` of the same catalog's JSON, measured in the same run; then states the share of a 60 fps frame
 * (16.7 ms) it takes. Target (issue 4): under 1 % of the frame.
 */
import { loadavg } from 'os';
import { performance } from 'perf_hooks';
import { buildStoreViewModel } from '../../src/client/catalog/store-view-model';
import { normalizeCatalog } from '../../src/relay/catalog/normalize-catalog';
import type { Catalog } from '../../src/shared/schemas/catalog';

const FRAME_MS = 1000 / 60;
const PACKS = 400;
const SUBSCRIPTIONS = 100;

function sourcePayload(): unknown {
  const purchaseList = Array.from({ length: PACKS }, (_, i) => ({
    id: i, price: 99 + ((i * 7919) % 50000), originalPrice: i % 3 === 0 ? 60000 : 0, amount: 100 + i * 10,
    giftAmount: i % 4 === 0 ? 50 : 0, productId: `pack.${i}`, limitBuy: i % 10 === 0 ? 1 : 0, type: [0, 1, 2, 3, 4, 7, 42][i % 7],
    pageType: 1, createdAt: 1773387988, updatedAt: 1781245201, currency: i % 5 === 0 ? 'KRW' : undefined,
  }));
  const subscribeList = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
    id: 1000 + i, price: i % 10 === 0 ? 0 : 499 + i * 50, originPrice: 999 + i * 50, productId: `sub.${i}`, isShow: 1,
    type: [0, 1, 8, 9][i % 4], group: i % 3, discountPeriod: i % 5 === 0 ? 2 : 0, freeTryDays: i % 10 === 0 ? 3 : 0,
    subscriptionPeriod: ['First week', 'Monthly', 'Yearly', ''][i % 4], cycle: i % 4 === 3 ? 2 : undefined,
    averagePriceWeek: i % 2 ? 0 : 96, averagePriceDay: 0, purchaseCount: 0, amount: 250, giftAmount: 0,
  }));
  return { code: 200, msg: 'SUCCESS', data: { creditPage: { purchaseList, subscribeList } } };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

type Timing = { wall: number; cpu: number };

/** One round of `batch` calls: ms per call, wall clock and this process's CPU time (user + system). */
function round(fn: () => unknown, batch: number): Timing {
  let sink = 0;
  const c = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < batch; i++) sink += fn() ? 1 : 0;
  const wall = (performance.now() - t) / batch;
  const used = process.cpuUsage(c);
  if (sink < 0) console.log(sink);
  return { wall, cpu: (used.user + used.system) / 1000 / batch };
}

/**
 * The baseline and the subject measured in alternating rounds, so a machine whose load changes during the run
 * (it is shared) colours both alike; medians of each, and the median of the per-round ratios. CPU time is
 * inflated much less than the wall clock by other jobs.
 */
function compare(base: () => unknown, subject: () => unknown, rounds = 80, batch = 40) {
  for (let i = 0; i < 200; i++) {
    base();
    subject();
  }
  const b: Timing[] = [];
  const s: Timing[] = [];
  for (let r = 0; r < rounds; r++) {
    b.push(round(base, batch));
    s.push(round(subject, batch));
  }
  const pick = (xs: Timing[], k: keyof Timing) => median(xs.map((x) => x[k]));
  return {
    base: { wall: pick(b, 'wall'), cpu: pick(b, 'cpu') },
    subject: { wall: pick(s, 'wall'), cpu: pick(s, 'cpu') },
    ratio: { wall: median(s.map((x, i) => x.wall / b[i].wall)), cpu: median(s.map((x, i) => x.cpu / Math.max(b[i].cpu, 1e-6))) },
  };
}

function main(): void {
  const r = normalizeCatalog(sourcePayload(), 'wx1234567891234567', Date.now());
  if (!r.ok) throw new Error(r.error);
  const json = JSON.stringify(r.catalog);
  const catalog = JSON.parse(json) as Catalog;
  const items = catalog.packs.length + catalog.subscriptions.length;
  if (items !== PACKS + SUBSCRIPTIONS) throw new Error(`expected ${PACKS + SUBSCRIPTIONS} items, got ${items}`);
  const view = buildStoreViewModel(catalog);
  if (view.packs.length !== PACKS || view.subscriptions.length !== SUBSCRIPTIONS) throw new Error('view model lost items');

  const r2 = compare(() => JSON.parse(json), () => buildStoreViewModel(catalog));
  const parse = r2.base;
  const vm = r2.subject;
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`.padStart(10);
  console.log(`catalog: ${items} items, ${(json.length / 1024).toFixed(1)} KB of JSON; load average ${loadavg()[0]?.toFixed(2)}`);
  console.log(`                            wall clock   CPU time`);
  console.log(`JSON.parse (baseline)      ${us(parse.wall)} ${us(parse.cpu)}`);
  console.log(`buildStoreViewModel        ${us(vm.wall)} ${us(vm.cpu)}`);
  console.log(`ratio to JSON.parse        ${r2.ratio.wall.toFixed(2).padStart(10)} ${r2.ratio.cpu.toFixed(2).padStart(10)}   (median of per-round ratios)`);
  const share = (ms: number) => `${((ms / FRAME_MS) * 100).toFixed(2)} %`.padStart(10);
  console.log(`share of a 16.7 ms frame   ${share(vm.wall)} ${share(vm.cpu)}   (target < 1 %)`);
}

main();
