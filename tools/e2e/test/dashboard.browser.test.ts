// Issue 6 done-when, in Debian Chromium: the dashboard served by the API changes a row after a sale is
// produced to Kafka (no reload) and filters by category; screenshots go to tools/e2e/test-output/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DASHBOARD_SKUS } from './support/catalogue';
import { salesEvent, salesProducer, type SalesProducer } from './support/sales-events';
import { waitFor } from './support/wait';

const env = inject('e2e');
const OUT = join(__dirname, '..', 'test-output');
const [MUG, , CANDLE] = DASHBOARD_SKUS as [(typeof DASHBOARD_SKUS)[0], (typeof DASHBOARD_SKUS)[0], (typeof DASHBOARD_SKUS)[0]];

describe('dashboard in Chromium on the live system', () => {
  let producer: SalesProducer;
  let browser: Browser;
  let page: Page;
  const cell = (sku: string, col: string) => page.locator(`tr[data-sku="${sku}"] td[data-col="${col}"]`);

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    producer = await salesProducer(env.brokers, env.topics.sales);
    // One sale per SKU so each has a live_inventory row (and its category exists) before the page loads.
    await producer.send(DASHBOARD_SKUS.map((p) => salesEvent(p.sku)));
    await waitFor(
      'dashboard SKUs in the live inventory API',
      async () => {
        const res = await fetch(`${env.apiUrl}/api/v1/inventory?search=E2E-&limit=100`);
        const body = (await res.json()) as { items: { sku: string }[] };
        const skus = new Set(body.items.map((r) => r.sku));
        return DASHBOARD_SKUS.every((p) => skus.has(p.sku)) ? true : undefined;
      },
      20_000,
      200,
    );
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(env.apiUrl);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('#connection[data-state="live"]', { timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await producer?.close();
  });

  it('changes a row without a reload when a sale is produced to Kafka', async () => {
    await expect.poll(() => cell(MUG.sku, 'onHand').textContent(), { timeout: 10_000 }).toBe(String(MUG.initialStock - 1));
    await page.evaluate('window.e2eMarker = 7');
    const sentAt = Date.now();
    await producer.send([salesEvent(MUG.sku, { quantity: 4 })]);
    await expect.poll(() => cell(MUG.sku, 'onHand').textContent(), { timeout: 10_000, interval: 20 }).toBe(String(MUG.initialStock - 5));
    console.log(`[e2e] dashboard row changed ${Date.now() - sentAt} ms after the sale was produced`);
    expect(await page.evaluate('window.e2eMarker')).toBe(7); // the same page: no reload
    await page.screenshot({ path: join(OUT, 'dashboard-live.png') });
  });

  it('filters by category', async () => {
    await page.selectOption('#category', 'mugs');
    const mugs = DASHBOARD_SKUS.filter((p) => p.category === 'mugs')
      .map((p) => p.sku)
      .sort();
    await expect
      .poll(async () => (await page.locator('#sku-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sku')))).sort(), {
        timeout: 10_000,
      })
      .toEqual(mugs);
    expect(await page.locator(`tr[data-sku="${CANDLE.sku}"]`).count()).toBe(0);
    await page.screenshot({ path: join(OUT, 'dashboard-mugs.png') });
  });
});
