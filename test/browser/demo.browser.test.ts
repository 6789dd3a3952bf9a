import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRelayLogger } from '../../src/relay/log/logger';
import { startDemo, type Demo } from '../../src/relay/demo/start-demo';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

/** Installs Debian's chromium when it is missing and we may; otherwise fails saying exactly what to run. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  let aptGet: boolean;
  try {
    execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
    aptGet = true;
  } catch {
    aptGet = false;
  }
  if (!root || !aptGet) {
    throw new Error(`${CHROMIUM} is missing: run \`sudo sh -c '${INSTALL}'\` (Debian chromium), then run the tests again`);
  }
  execSync(INSTALL, { stdio: 'inherit', timeout: 15 * 60_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) throw new Error(`\`${INSTALL}\` ran but ${CHROMIUM} is still missing`);
}

describe('the demo store in headless Chromium', () => {
  let dir: string;
  let demo: Demo;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureChromium();
    dir = mkdtempSync(join(tmpdir(), 'demo-browser-'));
    demo = await startDemo({ dataDir: dir, port: 0, log: createRelayLogger({ level: 'silent' }) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1320, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(demo.storeUrl);
    await page.waitForSelector('[data-product-id="500.picsh.cre"]', { timeout: 30_000 });
  }, 20 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const cardText = (productId: string) => page.locator(`#packs [data-product-id="${productId}"], #subscriptions [data-product-id="${productId}"]`).first().innerText();

  it('shows the sample catalog’s packs with their prices and the first-charge badge', async () => {
    const expected: Array<[string, string, string]> = [
      ['500.picsh.cre', '¥9.99', '500 diamonds'],
      ['1000.picsh.cre', '¥16.99', '1000 diamonds'],
      ['3000.picsh.cre', '¥39.99', '3000 diamonds'],
      ['5000.picsh.cre', '¥59.99', '5000 diamonds'],
    ];
    const ids = await page.locator('#packs .card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-product-id')));
    expect(ids).toEqual(expected.map((e) => e[0]));
    for (const [id, price, title] of expected) {
      const text = await cardText(id);
      expect(text).toContain(price);
      expect(text).toContain(title);
    }
    expect(await cardText('5000.picsh.cre')).toContain('First charge');
    expect(await cardText('500.picsh.cre')).not.toContain('First charge');
  });

  it('shows the subscriptions and the special offers with their prices and badges', async () => {
    expect(await cardText('week.picsh.cp')).toMatch(/Creator pack[\s\S]*¥7\.99/);
    expect(await cardText('week.picsh.up')).toMatch(/Ultra pack[\s\S]*¥12\.99/);
    const pages = await page.locator('#pages').innerText();
    for (const s of ['¥4.99', '¥7.99', '-37%', '¥3.99', '-50%', '3-day free trial', '¥49.99', '¥0.96/wk']) expect(pages).toContain(s);
    // One currency per store, and each offer titled apart.
    expect(await page.locator('.store').innerText()).not.toContain('$');
    const titles = await page.locator('#pages .card .title').allInnerTexts();
    expect(titles.length).toBeGreaterThan(1);
    expect(new Set(titles).size).toBe(titles.length);
    expect(await page.locator('.sandbox-flag').innerText()).toContain('SANDBOX');
    expect(await page.locator('#revenue-mode').innerText()).toContain('revenue: verified');
  });

  it('a cancelled sandbox payment says so and reports nothing', async () => {
    await page.locator('#packs [data-product-id="1000.picsh.cre"] button').click();
    await page.waitForSelector('#sheet:not([hidden])');
    // The product's name, not its id.
    expect(await page.locator('#sheet').innerText()).toContain('Pay ¥16.99 for 1000 diamonds?');
    await page.locator('#sheet-cancel').click();
    await page.locator('#status', { hasText: 'Cancelled' }).waitFor();
    expect((await demo.relay.storage.stats()).purchases).toBe(0);
    // The relay made the order; nothing paid it, so the demo's sandbox WeChat pushed nothing.
    const orders = await demo.relay.storage.payments.listOrders({ appId: demo.appId });
    expect(orders.map((o) => o.state)).toEqual(['pending']);
  });

  it('buys a pack through the sandbox: paid, then verified by the sandbox WeChat push, then delivered to Tianmu, Hive and Kakao, as the capture files hold', async () => {
    await page.locator('#packs [data-product-id="500.picsh.cre"] button').click();
    await page.waitForSelector('#sheet:not([hidden])');
    await page.locator('#sheet-pay').click();
    await page.locator('#status', { hasText: 'Paid ¥9.99' }).waitFor({ timeout: 30_000 });

    await page.waitForSelector('.delivery [data-step="paid"][data-done="true"]', { timeout: 30_000 });
    await page.waitForSelector('.delivery [data-step="verified"][data-done="true"]', { timeout: 30_000 });
    expect(await page.locator('.delivery [data-step="verified"]').first().innerText()).toContain('verified ¥9.99 by push');
    const delivered = (sink: string) => `.delivery .sink[data-sink="${sink}"][data-status="delivered"]`;
    for (const sink of ['tianmu', 'hive', 'kakao']) await page.waitForSelector(delivered(sink), { timeout: 60_000 });
    await page.waitForSelector('.delivery [data-step="delivered"][data-done="true"]', { timeout: 10_000 });
    const orderId = await page.locator('.delivery').first().getAttribute('data-order-id');
    // The relay's order id (32 base62), proven by the push at the order's amount.
    expect(orderId).toMatch(/^[A-Za-z0-9]{32}$/);
    const order = await demo.relay.storage.payments.getOrder(demo.appId, orderId as string);
    expect(order).toMatchObject({ state: 'paid', amount: 999, proof: { source: 'push', amount: 999 } });
    // Only the paid order is a purchase on the panel: the cancelled one is not.
    expect(await page.locator('.delivery').count()).toBe(1);
    expect(await page.locator('.delivery').first().innerText()).toContain('500 diamonds · ¥9.99');

    for (const sink of ['tianmu', 'hive', 'kakao']) {
      const lines = readFileSync(join(demo.captureDir, `${sink}.jsonl`), 'utf8').trim().split('\n');
      const mine = lines.filter((l) => l.includes(orderId as string));
      expect(mine).toHaveLength(1);
    }
    const tianmu = JSON.parse(readFileSync(join(demo.captureDir, 'tianmu.jsonl'), 'utf8').trim()) as { body: string };
    const ext = (JSON.parse(tianmu.body) as { userLog: { ext: Record<string, unknown> } }).userLog.ext;
    expect(ext).toMatchObject({ order_code: orderId, pay_amount: 999, goods_name: '500 diamonds', pay_type: 2 });

    mkdirSync(join(__dirname, '../artifacts'), { recursive: true });
    await page.locator('.delivery details summary').first().click();
    await page.screenshot({ path: join(__dirname, '../artifacts/demo.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('on a desktop: the store in a portrait phone-sized frame next to the deliveries panel', async () => {
    const phone = await page.locator('.phone').boundingBox();
    const panel = await page.locator('.panel').boundingBox();
    expect(phone && panel).toBeTruthy();
    expect(phone!.height).toBeGreaterThan(phone!.width * 1.5);
    expect(phone!.width).toBeLessThan(420);
    expect(phone!.x + phone!.width).toBeLessThanOrEqual(panel!.x);
    expect(Math.abs(phone!.y - panel!.y)).toBeLessThan(40);
  });

  // Regression: after the first purchase the deliveries panel's long URLs made a 375 px page scroll sideways.
  it('at 375 px, after a purchase with its requests open: no sideways scroll', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
    try {
      await phone.goto(demo.storeUrl);
      await phone.waitForSelector('.delivery .sink[data-sink="kakao"]', { timeout: 30_000 });
      for (const summary of await phone.locator('.delivery details summary').all()) await summary.click();
      await phone.locator('#packs [data-product-id="3000.picsh.cre"] button').click();
      await phone.waitForSelector('#sheet:not([hidden])');
      const sheet = await phone.locator('.sheet-box').boundingBox();
      expect(sheet!.x).toBeGreaterThanOrEqual(0);
      expect(sheet!.x + sheet!.width).toBeLessThanOrEqual(375);
      await phone.locator('#sheet-cancel').click();
      const widths = await phone.locator('html').evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await phone.screenshot({ path: join(__dirname, '../artifacts/demo-375.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
