// Unsupported streaming plans fail at start() with an EngineError code, before any data moves.
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, schema } from '../src/index';
import { EVENT_SCHEMA, countPerWindow } from './support/streams';

const engine = createEngine();
const events = () => engine.readStream.memory(EVENT_SCHEMA).toDF();

describe('streaming analysis', () => {
  it('rejects append on an aggregation without watermark', async () => {
    const df = countPerWindow(events(), 5, null);
    await expect(df.writeStream.outputMode('append').format('memory').queryName('a1').start()).rejects.toMatchObject({ code: 'UNSUPPORTED_OUTPUT_MODE' });
  });

  it('rejects complete mode without aggregation', async () => {
    await expect(events().writeStream.outputMode('complete').format('memory').queryName('a2').start()).rejects.toMatchObject({
      code: 'UNSUPPORTED_OUTPUT_MODE',
    });
  });

  it('rejects a watermark on a column that is not a timestamp', () => {
    expect(() => events().withWatermark('key', '1 minute')).toThrow(expect.objectContaining({ code: 'INVALID_WATERMARK' }));
    expect(() => events().withWatermark('value', '-1 minute')).toThrow(expect.objectContaining({ code: 'INVALID_WATERMARK' }));
  });

  it('rejects a stream on the right side of a static frame; stream-stream joins append only', async () => {
    const staticDf = engine.read.rows([{ key: 'a', name: 'A' }], schema({ key: 'string', name: 'string' }));
    expect(() => staticDf.join(events(), 'key')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_JOIN' }));
    const joined = events().join(events().select('key'), 'key');
    await expect(joined.writeStream.outputMode('update').format('memory').queryName('ss1').start()).rejects.toMatchObject({ code: 'UNSUPPORTED_OUTPUT_MODE' });
  });

  it('rejects a union of a stream with a batch frame', () => {
    expect(() => events().union(engine.read.rows([], EVENT_SCHEMA))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_OPERATION' }));
  });

  it('rejects collect() on a stream and writeStream on a batch frame', async () => {
    await expect(events().collect()).rejects.toMatchObject({ code: 'NOT_BATCH' });
    const batch = engine.read.rows([], EVENT_SCHEMA);
    expect(() => batch.writeStream).toThrow(expect.objectContaining({ code: 'NOT_STREAMING' }));
  });

  it('rejects bad windows and durations', () => {
    expect(() => countPerWindow(events(), 5, 10, 10)).toThrow(expect.objectContaining({ code: 'INVALID_WINDOW' }));
    expect(() => events().withWatermark('value', '3 fortnights')).toThrow(expect.objectContaining({ code: 'INVALID_DURATION' }));
  });

  it('rejects a query without a sink and two queries with one name', async () => {
    const df = events().groupBy(col('key')).agg(count());
    await expect(df.writeStream.outputMode('update').start()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const q = await df.writeStream.outputMode('update').format('memory').queryName('dup').start();
    await expect(df.writeStream.outputMode('update').format('memory').queryName('dup').start()).rejects.toMatchObject({ code: 'QUERY_ALREADY_ACTIVE' });
    await q.stop();
  });
});
