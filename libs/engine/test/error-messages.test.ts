// Failures read well and carry their codes as fields: whatever a source or sink throws (an Error with
// a code, a plain object, a string), the query's error names the offsets and the batch as JSON, keeps
// the thrown value as its cause, and errorCodes() lists the codes of the chain without parsing text.
import { describe, expect, it } from 'vitest';
import { createEngine, describeError, errorCodes, hasErrorCode, schema, toArrowSchema, type EngineError, type StreamSource } from '../src/index';

const ROWS = schema({ n: 'int' });

/** A source with one batch of offsets { "p0": 1 } whose reads throw `thrown`. */
function failingSource(thrown: unknown): StreamSource {
  return {
    name: 'flaky',
    schema: toArrowSchema(ROWS),
    latestOffset: async () => ({ p0: 1 }),
    getBatch: async () => {
      throw thrown;
    },
    commit: async () => undefined,
    stop: async () => undefined,
  };
}

async function failureOf(thrown: unknown): Promise<EngineError> {
  const q = await createEngine().readStream.source(failingSource(thrown)).writeStream.format('memory').queryName('q').start();
  return q.processAllAvailable().then(
    () => expect.unreachable('the query should fail'),
    (error: EngineError) => error,
  );
}

describe('error messages', () => {
  it('a source failing with a plain object: offsets and the object as JSON, the object kept as cause', async () => {
    const thrown = { reason: 'broker gone', partition: 0 };
    const error = await failureOf(thrown);
    expect(error.code).toBe('SOURCE_ERROR');
    expect(error.message).toBe('[SOURCE_ERROR] source flaky failed to read after the beginning up to {"p0":1}: {"reason":"broker gone","partition":0}');
    expect(error.message).not.toMatch(/object Object|undefined/);
    expect(error.cause).toBe(thrown);
  });

  it('a source failing with a coded Error: the codes of the chain are fields', async () => {
    const thrown = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    const error = await failureOf(thrown);
    expect(errorCodes(error)).toEqual(['SOURCE_ERROR', '57P03']);
    expect(hasErrorCode(error, '57P03')).toBe(true);
    expect(error.message).toContain(': the database system is starting up');
  });

  it('a sink failing with a string names the batch', async () => {
    const engine = createEngine();
    const input = engine.readStream.memory(ROWS);
    const q = await input
      .toDF()
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a third-party sink may reject with a string: the case under test
      .writeStream.sink({ addBatch: () => Promise.reject('disk full') })
      .start();
    input.addData([{ n: 1 }]);
    const error = (await q.processAllAvailable().catch((e: unknown) => e)) as EngineError;
    expect(error.message).toBe('[SINK_ERROR] the sink failed on batch 0: disk full');
    expect(errorCodes(error)).toEqual(['SINK_ERROR']);
  });

  it('describeError never prints [object Object]', () => {
    expect(describeError({ code: 'X', message: 'boom' })).toBe('X: boom');
    expect(describeError(new Error(''))).toBe('Error');
    expect(describeError({ big: 1n })).toBe('{"big":"1"}');
    expect(describeError(undefined)).toBe('undefined');
  });
});
