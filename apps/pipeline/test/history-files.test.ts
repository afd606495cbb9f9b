// load -> history files (NDJSON and Parquet) -> readHistory gives back the same events, on real data.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesEvent } from '@shelfstream/domain';
import { runLoad } from '../src/commands/load.command';
import { catalogFrom } from '../src/commands/seed.command';
import { readHistory } from '../src/history/history-reader';
import { DEFAULT_RETAIL_DIR } from '../src/history/retail-source';

describe('load + readHistory on two real days', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'p5-load-'));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('writes one file per day and format plus the catalog, and both formats read back equal', async () => {
    const summary = await runLoad({ from: DEFAULT_RETAIL_DIR, out, format: 'both', since: '2010-12-01', until: '2010-12-02' });
    expect(summary.days).toBe(2);
    expect(summary.lines).toBe(summary.events + Object.values(summary.skipped).reduce((a, b) => a + (b ?? 0), 0));
    expect((await readdir(out)).sort()).toEqual([
      '_catalog.json',
      'sales-2010-12-01.ndjson',
      'sales-2010-12-01.parquet',
      'sales-2010-12-02.ndjson',
      'sales-2010-12-02.parquet',
    ]);

    const read = async (format: string) => {
      const all: SalesEvent[] = [];
      for await (const batch of readHistory(out, format)) all.push(...batch);
      return all;
    };
    const fromJson = await read('ndjson');
    const fromParquet = await read('parquet');
    expect(fromJson.length).toBe(summary.events);
    expect(fromParquet).toEqual(fromJson);
    for (let i = 1; i < fromJson.length; i++) expect(fromJson[i].event_time >= fromJson[i - 1].event_time).toBe(true);

    const catalog = await catalogFrom(out);
    expect(catalog.length).toBe(summary.products);
    expect(new Set(fromJson.filter((e) => e.type === 'sale' && e.unit_price > 0).map((e) => e.sku))).toEqual(new Set(catalog.map((p) => p.sku)));
  });
});
