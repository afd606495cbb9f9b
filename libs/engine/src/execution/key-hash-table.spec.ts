import { describe, expect, it } from 'vitest';
import { KeyHashTable, mixHashes } from './key-hash-table';

const lookup = (table: KeyHashTable, keys: Float64Array, insert: boolean) => {
  const hashes = new Int32Array(keys.length);
  mixHashes(hashes, keys, null, keys.length);
  const out = new Int32Array(keys.length);
  table.findOrInsert([keys], [null], hashes, keys.length, out, null, insert);
  return out;
};

describe('KeyHashTable', () => {
  it('gives the same ids after reserve() as when it grows row by row', () => {
    const keys = Float64Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 20_011);
    const grown = new KeyHashTable(1);
    const reserved = new KeyHashTable(1);
    let capacities = 0;
    reserved.onGrow = () => capacities++;
    reserved.reserve(keys.length);
    expect(capacities).toBe(1);
    expect(lookup(reserved, keys, true)).toEqual(lookup(grown, keys, true));
    expect(capacities).toBe(1); // no further growth while inserting
    expect(reserved.size).toBe(20_011);
    expect(lookup(reserved, Float64Array.of(3, 20_011), false)).toEqual(Int32Array.of(lookup(grown, Float64Array.of(3), false)[0], -1));
  });
});
