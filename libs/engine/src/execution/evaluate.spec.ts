import { describe, expect, it } from 'vitest';
import { type Column, coalesce, col, createEngine, lit, schema, when } from '../index';

const engine = createEngine();
const df = engine.read.rows(
  [
    { a: 1, b: 2, s: 'x', f: true, t: '2026-01-01T00:00:00Z' },
    { a: null, b: 0, s: null, f: false, t: null },
    { a: 5, b: null, s: 'y', f: null, t: 0 },
  ],
  schema({ a: 'int', b: 'int', s: 'string', f: 'boolean', t: 'timestamp' }),
);
const values = async (c: Column) => (await df.select(c.as('out')).collect()).map((r) => r.out);

describe('expressions', () => {
  it('does arithmetic with null propagation and null on division by zero', async () => {
    expect(await values(col('a').plus(col('b')))).toEqual([3, null, null]);
    expect(await values(col('a').divide(col('b')))).toEqual([0.5, null, null]);
    expect(await values(col('b').mod(2))).toEqual([0, 0, null]);
  });

  it('uses three-valued logic for and/or', async () => {
    expect(await values(col('f').and(lit(false)))).toEqual([false, false, false]);
    expect(await values(col('f').or(lit(true)))).toEqual([true, true, true]);
    expect(await values(col('f').and(lit(true)))).toEqual([true, false, null]);
    expect(await values(col('f').not())).toEqual([false, true, null]);
  });

  it('compares strings, numbers and timestamps with ISO literals', async () => {
    expect(await values(col('s').eq('x'))).toEqual([true, null, false]);
    expect(await values(col('a').geq(col('b')))).toEqual([false, null, null]);
    expect(await values(col('t').gt('2025-12-31T00:00:00Z'))).toEqual([true, null, false]);
  });

  it('evaluates when/otherwise and coalesce', async () => {
    expect(await values(when(col('a').gt(2), 'big').when(col('a').isNull(), 'none').otherwise(col('s')))).toEqual(['x', 'none', 'big']);
    expect(await values(when(col('a').gt(2), 1))).toEqual([null, null, 1]);
    expect(await values(coalesce(col('a'), col('b'), lit(-1)))).toEqual([1, 0, 5]);
    expect(await values(coalesce(col('s'), 'dflt'))).toEqual(['x', 'dflt', 'y']);
  });

  it('casts between types', async () => {
    expect(await values(col('a').cast('string'))).toEqual(['1', null, '5']);
    expect(await values(lit('42.5').cast('double'))).toEqual([42.5, 42.5, 42.5]);
    expect(await values(lit('nope').cast('int'))).toEqual([null, null, null]);
    expect(await values(col('t').cast('string'))).toEqual(['2026-01-01T00:00:00.000Z', null, '1970-01-01T00:00:00.000Z']);
    expect(await values(col('a').divide(2).cast('int'))).toEqual([0, null, 2]);
  });

  it('rejects type errors and unknown columns with codes', () => {
    expect(() => df.select(col('s').plus(1))).toThrow(expect.objectContaining({ code: 'TYPE_MISMATCH' }));
    expect(() => df.select(col('nope'))).toThrow(expect.objectContaining({ code: 'UNRESOLVED_COLUMN' }));
    expect(() => df.filter(col('a'))).toThrow(expect.objectContaining({ code: 'TYPE_MISMATCH' }));
  });
});
