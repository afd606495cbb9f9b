// A zone-less timestamp cell in a CSV file is UTC whatever the process's zone (this file also runs under
// TZ=America/New_York: vitest.tz.config.ts), and an impossible date is refused with the reason.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTable, readCsv } from '../src';

const TEN_UTC = Date.UTC(2026, 0, 1, 10);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-times-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('zone-less timestamps in CSV are UTC', () => {
  it('in CSV: zone-less cells are UTC, an impossible date is a CSV_PARSE_ERROR (null in permissive mode)', async () => {
    const file = join(dir, 'times.csv');
    const csvSchema = new Schema([new Field('id', new Utf8()), new Field('t', new TimestampMillisecond('UTC'))]);
    await writeFile(file, 'id,t\na,2026-01-01 10:00:00\nb,2026-01-01T10:00\nc,2026-01-01T12:00:00+02:00\n');
    const table = await collectTable(readCsv(file, { schema: csvSchema }));
    expect(table.getChild('t')!.toArray()).toEqual(new BigInt64Array([BigInt(TEN_UTC), BigInt(TEN_UTC), BigInt(TEN_UTC)]));

    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'id,t\na,2026-02-30 25:61\n');
    await expect(collectTable(readCsv(bad, { schema: csvSchema }))).rejects.toMatchObject({
      code: 'CSV_PARSE_ERROR',
      message: expect.stringContaining('no such time: day 30 (2026-02 has 28 days)'),
    });
    const permissive = await collectTable(readCsv(bad, { schema: csvSchema, mode: 'permissive' }));
    expect(permissive.getChild('t')!.get(0)).toBeNull();
  });
});
