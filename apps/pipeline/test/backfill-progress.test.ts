// Backfill reports real progress off a terminal: history rows read, per file batch, against the rows
// all its passes will read (known after the first), ending at exactly 100 %.
import { PassThrough } from 'node:stream';
import type { TestDatabase } from '@shelfstream/postgres-connector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../src/commands/backfill.command';
import { BUNDLED_HISTORY, bundledCatalog, seededDatabase } from './retail-fixture';

describe('backfill progress', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await seededDatabase('backfill_progress', await bundledCatalog());
  });
  afterAll(() => db?.drop());

  it('counts the rows each pass reads up to the total of every pass', { timeout: 300_000 }, async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const summary = await runBackfill({ from: BUNDLED_HISTORY, baselineDays: 28 }, db.url, { stream, intervalMs: 0 });

    const lines = text.split('\n').filter(Boolean);
    const counts = lines.map((line) => {
      const match = /^backfill: (\d+)(?:\/(\d+))? history rows read/.exec(line);
      expect(match, line).not.toBeNull();
      return { done: Number(match?.[1]), total: match?.[2] === undefined ? undefined : Number(match[2]) };
    });
    // 14 files, read by 5 passes (count, baseline, 1 h and 24 h velocity, inventory)
    expect(lines.length).toBeGreaterThanOrEqual(14 * 5);
    const passes = 5;
    expect(lines.at(-1)).toBe(`backfill: ${summary.events * passes}/${summary.events * passes} history rows read (100%)`);
    for (let i = 1; i < counts.length; i++) expect(counts[i].done).toBeGreaterThanOrEqual(counts[i - 1].done);
    expect(counts.filter((c) => c.total !== undefined).every((c) => c.total === summary.events * passes)).toBe(true);
  });
});
