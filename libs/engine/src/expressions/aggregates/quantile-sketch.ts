// A mergeable quantile sketch with a deterministic rank-error bound, for percentile_approx. Levels
// of buffers: items at level h weigh 2^h. Compacting a level sorts it and promotes every other item
// (alternating offsets) to the next level; for any value x that moves the weighted count of items
// <= x by at most 2^h. The sketch sums those 2^h into `errorBound` and compacts only while
// errorBound + 2^h <= n / accuracy, so every rank it reports is within n / accuracy of the true
// rank (Spark's guarantee for percentile_approx's accuracy), through merges too (bounds add, n adds).
// A level compacts once it holds 2 * accuracy * (number of levels) items, so each compaction spends
// its 2^h on a large buffer: then the compactions of L levels cost at most about n / (2 accuracy),
// inside the budget, and the sketch holds O(accuracy * L^2) items, L ~ log2(n / accuracy). Below
// 2 * accuracy values nothing is compacted: the sketch is exact.
import { EngineError } from '../../errors/engine-error';

const HEADER = 4;

export class QuantileSketch {
  /** levels[h]: items of weight 2^h (unsorted). */
  levels: number[][] = [[]];
  /** Total weight (number of values folded in). */
  n = 0;
  /** Proven bound on the error of any weighted rank (sum of 2^h over compactions). */
  errorBound = 0;
  /** Per level: the offset its last compaction used (0 or 1; the next one takes the other). */
  private flips: number[] = [0];

  constructor(readonly accuracy: number) {}

  add(value: number): void {
    this.levels[0].push(value);
    this.n++;
    if (this.levels[0].length >= this.capacity()) this.compress();
  }

  merge(other: QuantileSketch): void {
    if (other.accuracy !== this.accuracy) {
      throw new EngineError('INVALID_ARGUMENT', `cannot merge quantile sketches of accuracy ${this.accuracy} and ${other.accuracy}`);
    }
    other.levels.forEach((items, h) => {
      while (this.levels.length <= h) this.addLevel();
      for (const x of items) this.levels[h].push(x);
    });
    this.n += other.n;
    this.errorBound += other.errorBound;
    this.compress();
  }

  private addLevel(): void {
    this.levels.push([]);
    this.flips.push(0);
  }

  /** Items a level holds before it compacts. */
  private capacity(): number {
    return 2 * this.accuracy * this.levels.length;
  }

  /** Compacts full levels, lowest first, while the error budget allows. */
  private compress(): void {
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h];
      const weight = 2 ** h;
      if (level.length < this.capacity() || this.errorBound + weight > this.n / this.accuracy) continue;
      const sorted = Float64Array.from(level).sort();
      // an odd item out stays at this level (the largest), the rest halve into level h + 1
      const even = sorted.length - (sorted.length % 2);
      const offset = (this.flips[h] ^= 1);
      if (h + 1 === this.levels.length) this.addLevel();
      const up = this.levels[h + 1];
      for (let i = offset; i < even; i += 2) up.push(sorted[i]);
      this.levels[h] = even < sorted.length ? [sorted[even]] : [];
      this.errorBound += weight;
    }
  }

  /**
   * Spark's percentile: the smallest value whose weighted rank (count of values <= it) reaches
   * max(1, ceil(percentage * n)); null when empty.
   */
  quantile(percentage: number): number | null {
    if (this.n === 0) return null;
    // walk the levels' sorted items in value order (a merge over the few levels), summing weights
    const sorted = this.levels.map((level) => Float64Array.from(level).sort());
    const at = new Int32Array(sorted.length);
    const target = Math.max(1, Math.ceil(percentage * this.n));
    let rank = 0;
    let last: number | null = null;
    for (;;) {
      let h = -1;
      for (let l = 0; l < sorted.length; l++) if (at[l] < sorted[l].length && (h < 0 || sorted[l][at[l]] < sorted[h][at[h]])) h = l;
      if (h < 0) return last;
      last = sorted[h][at[h]++];
      rank += 2 ** h;
      if (rank >= target) return last;
    }
  }

  /** Bytes: float64s [accuracy, n, errorBound, levels, flips..., level sizes..., items...]. */
  encode(): Uint8Array {
    const count = this.levels.length;
    const sizes = this.levels.map((l) => l.length);
    const total = sizes.reduce((a, b) => a + b, 0);
    const out = new Float64Array(HEADER + 2 * count + total);
    out.set([this.accuracy, this.n, this.errorBound, count]);
    for (let h = 0; h < count; h++) {
      out[HEADER + h] = this.flips[h];
      out[HEADER + count + h] = sizes[h];
    }
    let at = HEADER + 2 * count;
    for (const level of this.levels) {
      out.set(level, at);
      at += level.length;
    }
    return new Uint8Array(out.buffer);
  }

  static decode(bytes: Uint8Array): QuantileSketch {
    const data = new Float64Array(bytes.slice().buffer);
    const [accuracy, n, errorBound, count] = data;
    const sizes = data.subarray(HEADER + count, HEADER + 2 * count);
    if (data.length < HEADER || !(accuracy >= 1) || !(count >= 1) || data.length !== HEADER + 2 * count + sizes.reduce((a, b) => a + b, 0)) {
      throw new EngineError('CHECKPOINT_CORRUPT', `not a quantile sketch (${bytes.length} bytes)`);
    }
    const sketch = new QuantileSketch(accuracy);
    sketch.n = n;
    sketch.errorBound = errorBound;
    let at = HEADER + 2 * count;
    sketch.levels = Array.from(sizes, (size) => {
      const level = Array.from(data.subarray(at, at + size));
      at += size;
      return level;
    });
    sketch.flips = Array.from(data.subarray(HEADER, HEADER + count));
    return sketch;
  }
}
