// A zone-less timestamp string is UTC everywhere in the engine, whatever the process's zone (this file
// also runs under TZ=America/New_York: vitest.tz.config.ts), and an impossible date is refused
// (in CSV files: libs/files-connector/test/csv-timestamps.test.ts).
import { describe, expect, it } from 'vitest';
import { col, createEngine, lit, schema } from '../src/index';

const TEN_UTC = Date.UTC(2026, 0, 1, 10);
const engine = createEngine();

describe('zone-less timestamps are UTC', () => {
  it('runs in the zone this run asked for (TZ), so the cases below mean something there', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('in casts, rows, MemoryStream data and literals', async () => {
    const text = engine.read.rows([{ s: '2026-01-01T10:00:00' }, { s: '2026-01-01 10:00' }, { s: '2026-02-30 10:00' }], schema({ s: 'string' }));
    expect((await text.select(col('s').cast('timestamp').as('t')).collect()).map((r) => r.t)).toEqual([TEN_UTC, TEN_UTC, null]);

    const times = schema({ t: 'timestamp' });
    expect(await engine.read.rows([{ t: '2026-01-01T10:00' }], times).collect()).toEqual([{ t: TEN_UTC }]);
    expect(
      await engine.read
        .rows([{ t: '2026-01-01T10:00' }], times)
        .filter(col('t').eq('2026-01-01 10:00:00'))
        .count(),
    ).toBe(1);
    expect(
      await engine.read
        .rows([{ t: TEN_UTC }], times)
        .filter(col('t').lt(lit('2026-01-01T10:00:01')))
        .count(),
    ).toBe(1);

    const input = engine.readStream.memory(times);
    const q = await input.toDF().writeStream.format('memory').queryName('times').start();
    input.addData([{ t: '2026-01-01T10:00:00.000' }]);
    await q.processAllAvailable();
    await q.stop();
    expect(engine.table('times')).toEqual([{ t: TEN_UTC }]);
  });

  it('rows with an impossible date are refused with the reason', () => {
    expect(() => engine.read.rows([{ t: '2026-02-30 25:61' }], schema({ t: 'timestamp' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('day 30 (2026-02 has 28 days)') }),
    );
  });
});
