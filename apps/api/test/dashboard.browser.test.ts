// Debian Chromium through playwright-core: the dashboard loads, a committed batch changes a row
// without a reload, the category filter works; screenshots go to apps/api/test-output/.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { seedDemo } from './support/demo-data';
import { commitBatch, type SeedSku } from './support/seed';
import { startTestApi, type TestApi } from './support/test-api';

const OUT = join(__dirname, '..', 'test-output');
const topic = `sales-dashboard-test-${randomBytes(4).toString('hex')}`;
const kafka = new Kafka({ clientId: 'api-test', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });

/** Appends `count` records the demo pipeline has not consumed (offset lag). */
async function appendUnconsumed(count: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (let sent = 0; sent < count; sent += 5000) {
    await producer.send({ topic, messages: Array.from({ length: Math.min(5000, count - sent) }, () => ({ value: 'x' })) });
  }
  await producer.disconnect();
}

describe('dashboard in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let skus: SeedSku[];
  let kafkaAdmin: Admin;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // The demo pipeline's source topic, a little ahead of what the pipeline consumed (offset lag).
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    api = await startTestApi('api_browser', { SOCKET_COALESCE_MS: 100 });
    skus = await seedDemo(api.pg, topic);
    const { rows } = await api.pg.query<{ consumed: string }>(
      `SELECT progress->'endOffsets'->$1->'partitions'->>'0' AS consumed FROM pipeline_progress ORDER BY batch_id DESC LIMIT 1`,
      [`kafka:${topic}`],
    );
    await appendUnconsumed(Number(rows[0]?.consumed) + 37);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(api.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#connection[data-state="live"]');
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await kafkaAdmin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await kafkaAdmin?.disconnect();
  });

  async function attributes(selector: string, name: string): Promise<(string | null)[]> {
    const rows = page.locator(selector);
    const values: (string | null)[] = [];
    for (let i = 0; i < (await rows.count()); i++) values.push(await rows.nth(i).getAttribute(name));
    return values;
  }

  const cell = (sku: string, col: string) => page.locator(`tr[data-sku="${sku}"] td[data-col="${col}"]`);

  it("shows the pipeline's offset lag and the rows its velocity query dropped as late", async () => {
    await expect.poll(() => page.locator('#pl-lag').textContent(), { timeout: 30_000 }).toBe('37');
    expect(await page.locator('#pl-dropped').textContent()).toBe('8');
  });

  it('keeps counting offset lag while no batch commits', async () => {
    await appendUnconsumed(5);
    await expect.poll(() => page.locator('#pl-lag').textContent(), { timeout: 30_000 }).toBe('42');
  });

  it('shows every SKU with low stock highlighted', async () => {
    expect(await page.locator('#sku-table tbody tr').count()).toBe(skus.length);
    const low = skus
      .filter((s) => s.lowStock)
      .map((s) => s.sku)
      .sort();
    const shown = (await attributes('#sku-table tbody tr.low', 'data-sku')).sort();
    expect(shown).toEqual(low);
  });

  it('changes a row when the pipeline commits, without reloading', async () => {
    const target = skus[0];
    await page.evaluate('window.marker = 42');
    expect(await cell(target.sku, 'onHand').textContent()).toBe('140');
    await commitBatch(api.pg, 2, [{ ...target, onHand: 7, lowStock: true }]);
    await expect.poll(() => cell(target.sku, 'onHand').textContent(), { timeout: 3000 }).toBe('7');
    expect(await page.locator(`tr[data-sku="${target.sku}"]`).getAttribute('class')).toContain('low');
    expect(await page.evaluate('window.marker')).toBe(42); // same page, no reload
  });

  it('opens a SKU with its velocity chart and price history', async () => {
    await page.locator(`tr[data-sku="${skus[1].sku}"]`).click();
    await page.waitForSelector('#velocity-chart canvas');
    await expect.poll(() => page.locator('#price-history li').count()).toBe(1);
    await page.screenshot({ path: join(OUT, 'dashboard.png') });
  });

  it('filters by category', async () => {
    await page.selectOption('#category', 'mugs');
    await expect.poll(() => page.locator('#sku-table tbody tr').count()).toBe(3);
    const categories = await attributes('#sku-table tbody tr', 'data-category');
    expect(new Set(categories)).toEqual(new Set(['mugs']));
    await page.screenshot({ path: join(OUT, 'dashboard-mugs.png') });
  });
});
