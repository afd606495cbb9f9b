// HyperLogLog sketch for approx_count_distinct: 2^p one-byte registers, each the largest rank
// (leading zeros + 1 of the hash bits after the p index bits) seen. Merge = per-register max, so it
// is mergeable and order-independent. The estimate is Ertl's improved raw estimator (2017, "New
// cardinality estimation algorithms for HyperLogLog sketches"): one formula from the register
// histogram, unbiased from small to large cardinalities without bias-correction tables. Relative
// standard error ≈ 1.04 / sqrt(2^p).
import { EngineError } from '../../errors/engine-error';
import type { AggregateValue } from '../aggregate-descriptor';
import { type Hash64, hashValue } from './value-hash';

const HASH_BITS = 64;
export const MIN_PRECISION = 4;
export const MAX_PRECISION = 18;

/** Spark's precision for a relative standard deviation: ceil(2 * log2(1.106 / rsd)). */
export function precisionFor(rsd: number): number {
  const p = Math.ceil(2 * Math.log2(1.106 / rsd));
  if (!Number.isFinite(rsd) || rsd <= 0 || p < MIN_PRECISION || p > MAX_PRECISION) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      `approx_count_distinct: rsd ${rsd} needs precision ${p}, allowed ${MIN_PRECISION}..${MAX_PRECISION} (rsd 0.39 down to ~0.0017)`,
    );
  }
  return p;
}

const hash: Hash64 = { hi: 0, lo: 0 };

export class HyperLogLog {
  readonly registers: Uint8Array;

  constructor(
    readonly precision: number,
    registers?: Uint8Array,
  ) {
    this.registers = registers ?? new Uint8Array(1 << precision);
  }

  add(value: AggregateValue): void {
    hashValue(value, hash);
    const p = this.precision;
    const index = hash.hi >>> (32 - p);
    const rest = (hash.hi << p) >>> 0; // the hi word's bits after the index, left-aligned
    const rank = rest !== 0 ? Math.clz32(rest) + 1 : Math.min(32 - p + Math.clz32(hash.lo), HASH_BITS - p) + 1;
    if (rank > this.registers[index]) this.registers[index] = rank;
  }

  merge(other: HyperLogLog): void {
    if (other.precision !== this.precision) {
      throw new EngineError('INVALID_ARGUMENT', `cannot merge HyperLogLog sketches of precision ${this.precision} and ${other.precision}`);
    }
    const a = this.registers;
    const b = other.registers;
    for (let i = 0; i < a.length; i++) if (b[i] > a[i]) a[i] = b[i];
  }

  estimate(): number {
    const m = this.registers.length;
    const q = HASH_BITS - this.precision;
    const histogram = new Float64Array(q + 2);
    for (const r of this.registers) histogram[r]++;
    let z = m * tau(1 - histogram[q + 1] / m);
    for (let k = q; k >= 1; k--) z = 0.5 * (z + histogram[k]);
    z += m * sigma(histogram[0] / m);
    return Math.round((m * m) / (2 * Math.LN2 * z));
  }

  /** Bytes: the precision, then the registers. */
  encode(): Uint8Array {
    const out = new Uint8Array(1 + this.registers.length);
    out[0] = this.precision;
    out.set(this.registers, 1);
    return out;
  }

  static decode(bytes: Uint8Array): HyperLogLog {
    const p = bytes[0];
    if (p < MIN_PRECISION || p > MAX_PRECISION || bytes.length !== 1 + (1 << p)) {
      throw new EngineError('CHECKPOINT_CORRUPT', `not a HyperLogLog sketch (${bytes.length} bytes, precision ${p})`);
    }
    return new HyperLogLog(p, bytes.slice(1));
  }
}

/** sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1), for the share of empty registers. */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const before = z;
    z += x * y;
    y += y;
    if (z === before) return z;
  }
}

/** tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k) / 3, for the share of saturated registers. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    const before = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
    if (z === before) return z / 3;
  }
}
