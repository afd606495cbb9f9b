import { Field, Float64, Int64, Schema, Table, Utf8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { recordBatchFromArrays } from '@shelfstream/engine';
import { copyEscape, copyRows } from './copy-text';

describe('COPY text encoding', () => {
  it('escapes backslash, tab, newline and carriage return, leaves the rest, refuses NUL', () => {
    expect(copyEscape('plain "text" ✓', () => 'x')).toBe('plain "text" ✓');
    expect(copyEscape('a\\b\tc\nd\re', () => 'x')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyEscape('\\N', () => 'x')).toBe('\\\\N');
    expect(() => copyEscape('a\0b', () => 'column "c", row 3')).toThrow(/SINK_ERROR: column "c", row 3: text contains a NUL/);
  });

  it('one line per chosen row: ordinal, then fields; \\N for null; chunks end on a row', () => {
    const schema = new Schema([new Field('s', new Utf8()), new Field('n', new Int64()), new Field('f', new Float64())]);
    const table = new Table(
      recordBatchFromArrays(schema, [
        ['a', null, 'c\td'],
        [1n, 2n, null],
        [0.5, Number.NaN, -Infinity],
      ]),
    );
    const all = copyRows(table, ['s', 'n', 'f']);
    expect(all.columns.map((c) => c.arrayType)).toEqual(['text', 'int8', 'float8']);
    expect(all.chunks.join('')).toBe('0\ta\t1\t0.5\n1\t\\N\t2\tNaN\n2\tc\\td\t\\N\t-Infinity\n');
    const some = copyRows(table, ['f', 's'], [2, 0], 8);
    expect(some.rows).toBe(2);
    expect(some.chunks).toEqual(['0\t-Infinity\tc\\td\n', '1\t0.5\ta\n']);
  });
});
