// API_READS_REQUIRE_KEY=true in Chromium: the page loads without a key and asks for one; a read key
// given once as /?key=... (or typed into the form) loads the data and the live feed, and leaves the URL.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService } from '../src/auth/api-key.service';
import { launchChromium } from './support/browser';
import { commitBatch, insertProducts } from './support/seed';
import { startTestApi, type TestApi } from './support/test-api';

describe('dashboard when reads need a key', () => {
  let api: TestApi;
  let browser: Browser;
  let reader: string;

  beforeAll(async () => {
    api = await startTestApi('api_dash_private', { API_READS_REQUIRE_KEY: true });
    const skus = [
      { sku: 'TEA-1', category: 'tea', onHand: 9 },
      { sku: 'MUG-1', category: 'mugs', onHand: 4 },
    ];
    await insertProducts(api.pg, skus);
    await commitBatch(api.pg, 1, skus);
    reader = (await api.app.get(ApiKeyService).create('dashboard', ['read'])).key;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('asks for a key when none is given', async () => {
    const page = await browser.newPage();
    await page.goto(api.url);
    await page.waitForSelector('#key-form:not([hidden])');
    expect(await page.locator('#connection').textContent()).toBe('API key needed');
    await page.close();
  });

  it('takes the key once as /?key=..., keeps it for the session and drops it from the address', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/?key=${encodeURIComponent(reader)}`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#connection[data-state="live"]');
    expect(await page.locator('#sku-table tbody tr').count()).toBe(2);
    expect(page.url()).toBe(`${api.url}/`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]'); // still has it (sessionStorage)
    await page.close();
  });

  it('takes a key typed into the form', async () => {
    const page = await browser.newPage();
    await page.goto(api.url);
    await page.locator('#key-input').fill(reader);
    await page.locator('#key-form button').click();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#connection[data-state="live"]');
    expect(await page.locator('#sku-table tbody tr').count()).toBe(2);
    await page.close();
  });
});
