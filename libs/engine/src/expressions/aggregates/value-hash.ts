// A 64-bit hash of an aggregate value, as two 32-bit halves, for sketches. Deterministic across
// processes (no seeds from the environment): a restored sketch keeps hashing values the same way.
import type { AggregateValue } from '../aggregate-descriptor';

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** Avalanche of a 32-bit word (xor-shift-multiply rounds). */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Hash64 {
  hi: number;
  lo: number;
}

/** Writes the hash of `value` into `out` (reused by callers: no allocation per value). */
export function hashValue(value: AggregateValue, out: Hash64): void {
  let a: number;
  let b: number;
  if (typeof value === 'number') {
    bits[0] = value === 0 ? 0 : value; // -0 and 0 are one value
    a = words[0];
    b = words[1];
  } else {
    a = 0x811c9dc5;
    b = value.length;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x2c1b3c6d) + 0x297a2d39;
    }
  }
  const x = avalanche(a ^ 0x9e3779b9);
  const y = avalanche(b ^ 0x632be5ab);
  out.hi = avalanche(x ^ Math.imul(y, 0x85ebca6b));
  out.lo = avalanche(y ^ Math.imul(x, 0xc2b2ae35) ^ 0x27d4eb2f);
}
