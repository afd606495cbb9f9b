// The backtest's hourly series comes from the domain velocity query run in batch on the engine;
// on two real days of the Online Retail data it matches an independent hourly sum of the sales.
import { fileURLToPath } from 'node:url';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOUR_MS } from '@shelfstream/domain';
import { describe, expect, it } from 'vitest';
import { hourlyVelocity, readRetailHistory } from '../src/backtest/retail-history';

const DATA = fileURLToPath(new URL('../../../data/online-retail-by-day', import.meta.url));

describe('backtest velocity series', () => {
  it('equals an independent hourly sum of sale units on real days', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'retail-'));
    for (const day of ['2010-12-01.csv', '2010-12-02.csv']) copyFileSync(join(DATA, day), join(folder, day));
    const history = readRetailHistory(folder);
    const rows = await hourlyVelocity(history.events);

    const expected = new Map<string, number>();
    for (const e of history.events) {
      if (e.type !== 'sale') continue;
      const key = `${e.sku}@${Math.floor(Date.parse(e.event_time) / HOUR_MS) * HOUR_MS}`;
      expected.set(key, (expected.get(key) ?? 0) + e.quantity);
    }
    const actual = new Map(rows.map((r) => [`${r.sku}@${r.windowStart}`, r.units]));
    expect(actual.size).toBeGreaterThan(1000);
    expect(actual).toEqual(expected);
    expect(history.products.length).toBeGreaterThan(1000);
  });
});
