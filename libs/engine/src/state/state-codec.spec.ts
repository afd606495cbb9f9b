import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from './state-codec';

describe('state codec', () => {
  it('reads coded and plain string columns as interned ids, nulls as the given id', () => {
    const interned: string[] = ['x'];
    const intern = (text: string) => (interned.includes(text) ? interned.indexOf(text) : interned.push(text) - 1);
    const bytes = encodeState(
      [
        { name: 'coded', kind: 'codes', codes: Int32Array.of(2, -1, 0, 2), dict: ['a', 'unused', 'b'] },
        { name: 'plain', kind: 'string', values: ['b', null, 'x', 'a'] },
      ],
      4,
    );
    const blob = decodeState(bytes);
    expect(Array.from(blob.ids('coded', intern, -1))).toEqual([1, -1, 2, 1]);
    expect(Array.from(blob.ids('plain', intern, 0))).toEqual([1, 0, 0, 2]);
    expect(interned).toEqual(['x', 'b', 'a']);
  });

  it('round-trips binary columns with nulls and empty values', () => {
    const values = [Uint8Array.of(1, 2, 3), null, new Uint8Array(0), Uint8Array.of(255)];
    const blob = decodeState(encodeState([{ name: 'b', kind: 'binary', values }], 4));
    expect(blob.binary('b')).toEqual(values);
  });
});
