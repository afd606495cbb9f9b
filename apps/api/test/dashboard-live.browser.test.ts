// Issue 13 (dashboard), in Debian Chromium against the real API and Postgres: the default view puts
// live rows first and marks history; the SKU count stays the number of SKUs through many updates; a
// click lands on its row while updates stream in; no horizontal overflow at 800 px; negative stock is
// flagged; the 24 h chart follows live time with unclipped axes; the live window moves without a reload.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { commitBatch, commitProgress, insertProducts, insertVelocity, type SeedSku } from './support/seed';
import { startTestApi, type TestApi } from './support/test-api';

const OUT = join(__dirname, '..', 'test-output');
const LIVE = 560;
const HISTORY = 40;
const HOUR = 3_600_000;

describe('dashboard: live now, counts, clicks, layout, flags', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let batch = 10;
  const now = Date.now();
  const watermark = now - 10 * 60_000;
  const live: SeedSku[] = Array.from({ length: LIVE }, (_, i) => ({
    sku: `L-${String(i).padStart(4, '0')}`,
    category: ['tea', 'mugs', 'kitchen'][i % 3],
    onHand: 50 + (i % 40),
    velocityRatio: 1 + (i % 7) / 10,
    lastEventAt: new Date(now - i * 1000), // L-0000 is the most recent
  }));
  const history: SeedSku[] = Array.from({ length: HISTORY }, (_, i) => ({
    sku: `H-${String(i).padStart(4, '0')}`,
    category: 'gifts',
    onHand: 30,
    velocityRatio: 4.5, // a stale burst: must not be shown as hot
    lastEventAt: new Date(Date.parse('2011-12-09T12:00:00Z') - i * HOUR),
  }));
  const negative: SeedSku = { sku: 'L-NEG', category: 'tea', onHand: -4, lowStock: true, lastEventAt: new Date(now) };

  const rowsShown = () => page.locator('#sku-table tbody tr').count();
  const countText = () => page.locator('#row-count').textContent();

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    api = await startTestApi('api_dash_live', { SOCKET_COALESCE_MS: 50 });
    await insertProducts(api.pg, [...live, ...history, negative]);
    await commitBatch(api.pg, 1, history);
    await commitBatch(api.pg, 2, [...live, negative]);
    // The stream's watermark (what makes rows live), and a backfill row that must not move it.
    await commitProgress(api.pg, 'sales_velocity_1h', 1, { batchId: 1, watermarkMs: watermark });
    await commitProgress(api.pg, 'backfill:live_inventory', 1, { batchId: 1, watermarkMs: now + 30 * 24 * HOUR });
    // Big hourly figures for one SKU over the last day (wide y labels), and a day of 2011 for a history SKU.
    for (let h = 24; h >= 1; h--) {
      await insertVelocity(api.pg, 'L-0001', '1h', new Date(now - h * HOUR), 12_000 + h * 1_500);
      await insertVelocity(api.pg, 'H-0039', '1h', new Date(history[39].lastEventAt!.getTime() - h * HOUR), 20);
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(api.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#connection[data-state="live"]');
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('shows recent activity first, live rows marked live and backfilled history marked history', async () => {
    const first = page.locator('#sku-table tbody tr').first();
    expect(['L-NEG', 'L-0000']).toContain(await first.getAttribute('data-sku'));
    expect(await first.getAttribute('data-live')).toBe('true');
    expect(await page.locator('#live-status').textContent()).toContain(`${LIVE + 1} of ${LIVE + HISTORY + 1} SKUs live`);
    // The pipeline panel shows the stream, not the backfill's progress row.
    expect(await page.locator('#pl-batch .sub').textContent()).toBe('sales_velocity_1h');
    expect(await page.locator('#pl-watermark').getAttribute('title')).toBe(new Date(watermark).toISOString());
    // History rows are on the page only after every live one, and say so.
    await page.locator('#live-only').check();
    await expect.poll(rowsShown).toBe(LIVE + 1 > 500 ? 500 : LIVE + 1);
    await page.locator('#live-only').uncheck();
    await page.locator('th[data-sort="lastEventAt"]').click(); // ascending: oldest (history) first
    await expect.poll(() => page.locator('#sku-table tbody tr').first().getAttribute('data-sku')).toBe(`H-${String(HISTORY - 1).padStart(4, '0')}`);
    const old = page.locator('tr[data-sku="H-0000"]');
    expect(await old.getAttribute('data-live')).toBe('false');
    expect(await old.getAttribute('class')).toContain('history');
    expect(await old.locator('td[data-col="velocityRatio"]').getAttribute('class')).not.toContain('hot');
    expect(await old.locator('td[data-col="lastEventAt"]').textContent()).toBe('2011-12-09');
    await page.locator('th[data-sort="lastEventAt"]').click(); // back to newest first
    await expect.poll(() => page.locator('#sku-table tbody tr').first().getAttribute('data-live')).toBe('true');
  });

  it('keeps the SKU count at the number of SKUs after many updates, repeats included', async () => {
    const total = LIVE + HISTORY + 1;
    expect(await countText()).toBe(`500 of ${total} SKUs`);
    // Updates of SKUs beyond the first page (the oldest live ones and the history), each several times.
    const tail = [...live.slice(450), ...history.slice(0, 20)];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < tail.length; i += 30) {
        const at = new Date();
        await commitBatch(
          api.pg,
          ++batch,
          tail.slice(i, i + 30).map((s) => ({ ...s, onHand: s.onHand - round - 1, lastEventAt: at })),
        );
      }
    }
    const last = tail[tail.length - 1];
    await expect.poll(() => page.locator(`tr[data-sku="${last.sku}"] td[data-col="onHand"]`).textContent(), { timeout: 10_000 }).toBe(String(last.onHand - 4));
    await expect.poll(countText, { timeout: 5_000 }).toBe(`500 of ${total} SKUs`);
    expect(await page.locator('#row-count').getAttribute('data-total')).toBe(String(total));
    expect(await rowsShown()).toBe(500);
  });

  it('opens the clicked SKU while updates stream in and reorder the table', { timeout: 90_000 }, async () => {
    let streaming = true;
    const stream = (async () => {
      for (let n = 0; streaming; n++) {
        const at = new Date();
        const skus = live.slice(0, 60).filter((_, i) => (i + n) % 3 === 0);
        await commitBatch(
          api.pg,
          ++batch,
          skus.map((s, i) => ({ ...s, onHand: s.onHand + ((n + i) % 5), lastEventAt: new Date(at.getTime() - i) })),
        );
        await new Promise((r) => setTimeout(r, 60));
      }
    })();
    try {
      for (const nth of [4, 9, 14]) {
        // The pointer enters the rows (no actionability wait: they are moving until it does).
        await page.locator('.table-wrap').evaluate((wrap) => wrap.scrollTo(0, 0));
        const wrap = (await page.locator('.table-wrap').boundingBox())!;
        await page.mouse.move(wrap.x + 40, wrap.y + 90);
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))'); // a render has passed
        const { sku, x, y } = await page.evaluate<{ sku: string; x: number; y: number }>(
          `(() => { const tr = document.querySelectorAll('#sku-table tbody tr')[${nth}]; const r = tr.getBoundingClientRect();
                    return { sku: tr.dataset.sku, x: r.x + r.width / 3, y: r.y + r.height / 2 }; })()`,
        );
        await page.mouse.move(x, y);
        await page.mouse.down();
        await new Promise((r) => setTimeout(r, 250)); // a human press, while batches keep arriving
        await page.mouse.up();
        await expect.poll(() => page.locator('#detail-title .mono').textContent(), { timeout: 5_000 }).toBe(sku);
        expect(await page.locator(`tr[data-sku="${sku}"]`).getAttribute('class')).toContain('selected');
      }
    } finally {
      streaming = false;
      await stream;
    }
  });

  it('flags negative on-hand instead of showing it as normal stock', async () => {
    const row = page.locator('tr[data-sku="L-NEG"]');
    expect(await row.getAttribute('data-flag')).toBe('negative-stock');
    expect(await row.getAttribute('class')).toContain('negative');
    const cell = row.locator('td[data-col="onHand"]');
    expect(await cell.textContent()).toBe('-4');
    expect(await cell.getAttribute('title')).toMatch(/Negative stock/);
    expect(await page.evaluate(`getComputedStyle(document.querySelector('tr[data-sku="L-NEG"] td[data-col="onHand"]'), '::before').content`)).toBe('"NEG"');
  });

  it('charts the last 24 h of live time with axes inside the canvas', async () => {
    await page.locator('tr[data-sku="L-0001"]').click();
    await expect.poll(() => page.locator('#detail-title .mono').textContent()).toBe('L-0001');
    const chart = page.locator('#velocity-chart');
    await expect.poll(() => chart.getAttribute('data-points')).toBe('24');
    const to = Date.parse((await chart.getAttribute('data-x-to'))!);
    expect(to).toBeGreaterThanOrEqual(watermark);
    expect(to - Date.parse((await chart.getAttribute('data-x-from'))!)).toBe(24 * HOUR);
    await page.screenshot({ path: join(OUT, 'dashboard-live-chart.png') });
    // No label is cut at the canvas edges: the first and last pixel columns are empty.
    const edges = await page.evaluate(`(() => {
      const canvas = document.querySelector('#velocity-chart canvas');
      const ctx = canvas.getContext('2d');
      const column = (x) => Array.from(ctx.getImageData(x, 0, 1, canvas.height).data).filter((v, i) => i % 4 === 3 && v > 0).length;
      return { left: column(0), right: column(canvas.width - 1) };
    })()`);
    expect(edges).toEqual({ left: 0, right: 0 });

    // A history SKU: the same live day (empty), not its own day in 2011.
    await page.locator('#live-only').uncheck();
    await page.locator('#search').fill('H-0039');
    await page.locator('tr[data-sku="H-0039"]').click();
    await expect.poll(() => page.locator('#detail-title .mono').textContent()).toBe('H-0039');
    await expect.poll(() => chart.getAttribute('data-points')).toBe('0');
    expect(Date.parse((await chart.getAttribute('data-x-to'))!)).toBeGreaterThanOrEqual(watermark);
    expect(await page.locator('#chart-range').textContent()).toContain('history only');
    await page.locator('#search').fill('');
  });

  it('does not overflow horizontally at 800 px', async () => {
    await page.setViewportSize({ width: 800, height: 900 });
    await page.locator('tr[data-sku="L-0002"]').click();
    await page.waitForSelector('#velocity-chart canvas');
    const overflow = await page.evaluate(`(() => {
      const wrap = document.querySelector('.table-wrap');
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, table: wrap.scrollWidth - wrap.clientWidth };
    })()`);
    await page.screenshot({ path: join(OUT, 'dashboard-800.png'), fullPage: true });
    expect(overflow).toEqual({ page: 0, table: 0 });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('turns live rows into history when the stream watermark moves past them, without a reload', async () => {
    await page.evaluate('window.marker = 13');
    page.on('console', (m) => console.log('console', m.text()));
    page.on('websocket', (ws) => ws.on('framereceived', (f) => console.log('frame', String(f.payload).slice(0, 200))));
    await commitProgress(api.pg, 'sales_velocity_1h', 2, { batchId: 2, watermarkMs: Date.now() + 3 * HOUR });
    await expect.poll(() => page.locator('#sku-table tbody tr[data-live="true"]').count(), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => page.locator('#live-status').textContent(), { timeout: 5_000 }).toContain('0 of');
    expect(await page.evaluate('window.marker')).toBe(13);
  });
});
