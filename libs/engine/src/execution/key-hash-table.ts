// Open-addressing hash table from composite keys (one float64 per key column, plus optional null
// flags) to dense group ids 0..size-1. Probing is per row but hashing is column-at-a-time.

const INITIAL_SLOTS = 1024;
const CACHE_MASK = (1 << 15) - 1;
const CACHE_FROM_GROUPS = 65_536;
const EMPTY_CACHE = new Int32Array(2 * (CACHE_MASK + 1));

/** Mixes one float64 key column into running 32-bit hashes (no allocation per row). */
export function mixHashes(hashes: Int32Array, values: Float64Array, nulls: Uint8Array | null, n: number): void {
  for (let i = 0; i < n; i++) hashes[i] = mixHash(hashes[i], values[i], nulls !== null ? nulls[i] : 0);
}

/** Mixes one key value (and its null flag) into a running hash. */
export function mixHash(hash: number, v: number, isNull: number): number {
  let h = hash ^ (v | 0);
  h = Math.imul(h, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  h = Math.imul(h ^ ((v / 4294967296) | 0) ^ isNull, 0x1b873593);
  return h ^ (h >>> 13);
}

/** murmur3 finalizer: spreads the bits before taking the slot from the low bits. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class KeyHashTable {
  size = 0;
  keys: Float64Array[];
  nulls: (Uint8Array | null)[];
  private hashes: Int32Array;
  /** Allocated once the table outgrows the CPU caches (small tables do not need it). */
  private cache = EMPTY_CACHE;
  /** Pairs (group id + 1, hash) per slot; 0 = empty. */
  private slots: Int32Array;
  private mask: number;
  private capacity: number;

  constructor(
    readonly numKeys: number,
    initialCapacity = 256,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.keys = Array.from({ length: numKeys }, () => new Float64Array(this.capacity));
    this.nulls = Array.from({ length: numKeys }, () => null);
    this.hashes = new Int32Array(this.capacity);
    let slotCount = INITIAL_SLOTS;
    while (slotCount < this.capacity * 2) slotCount <<= 1;
    this.slots = new Int32Array(slotCount * 2);
    this.mask = slotCount - 1;
  }

  /** Called whenever capacity grows, so owners can grow their per-group arrays. */
  onGrow: (capacity: number) => void = () => undefined;

  get groupCapacity(): number {
    return this.capacity;
  }

  /**
   * Group id of each row (inserting new keys); rows with active[i] === 0 get -1.
   * `rowKeys[c][i]` is the key value, `rowNulls[c]` flags nulls (or null if the column has none).
   */
  findOrInsert(
    rowKeys: readonly Float64Array[],
    rowNulls: readonly (Uint8Array | null)[],
    hashes: Int32Array,
    n: number,
    out: Int32Array,
    active: Uint8Array | null = null,
    insert = true,
  ): void {
    if (this.cache === EMPTY_CACHE && this.size >= CACHE_FROM_GROUPS) this.cache = new Int32Array(2 * (CACHE_MASK + 1));
    const cache = this.cache;
    const useCache = cache !== EMPTY_CACHE;
    const single = this.numKeys === 1 && rowNulls[0] === null && this.nulls[0] === null;
    for (let i = 0; i < n; i++) {
      if (active !== null && active[i] === 0) {
        out[i] = -1;
        continue;
      }
      const h = hashes[i];
      const mixed = fmix(h);
      // a direct-mapped cache of recently used groups keeps time-local workloads in CPU cache
      const ci = (mixed & CACHE_MASK) << 1;
      const cached = cache[ci] - 1;
      if (useCache && cached >= 0 && cache[ci + 1] === h && this.sameKey(cached, rowKeys, rowNulls, i, single)) {
        out[i] = cached;
        continue;
      }
      // slots hold (group id + 1, hash) pairs so most mismatches never touch the key arrays
      let slot = mixed & this.mask;
      for (;;) {
        const slots = this.slots;
        const entry = slots[slot << 1];
        if (entry === 0) {
          if (!insert) {
            out[i] = -1;
            break;
          }
          out[i] = this.insertAt(slot, h, rowKeys, rowNulls, i);
          break;
        }
        if (slots[(slot << 1) + 1] === h && this.sameKey(entry - 1, rowKeys, rowNulls, i, single)) {
          out[i] = entry - 1;
          break;
        }
        slot = (slot + 1) & this.mask;
      }
      if (useCache) {
        cache[ci] = out[i] + 1;
        cache[ci + 1] = h;
      }
    }
  }

  private sameKey(g: number, rowKeys: readonly Float64Array[], rowNulls: readonly (Uint8Array | null)[], i: number, single: boolean): boolean {
    if (single) return this.keys[0][g] === rowKeys[0][i];
    for (let c = 0; c < this.numKeys; c++) {
      const tn = this.nulls[c];
      const rn = rowNulls[c];
      if (this.keys[c][g] !== rowKeys[c][i] || (tn !== null ? tn[g] : 0) !== (rn !== null ? rn[i] : 0)) return false;
    }
    return true;
  }

  private insertAt(slot: number, h: number, rowKeys: readonly Float64Array[], rowNulls: readonly (Uint8Array | null)[], i: number): number {
    const g = this.size++;
    if (g >= this.capacity) this.growGroups();
    this.hashes[g] = h;
    for (let c = 0; c < this.numKeys; c++) {
      this.keys[c][g] = rowKeys[c][i];
      const rn = rowNulls[c];
      if (rn !== null && rn[i] !== 0) {
        if (this.nulls[c] === null) this.nulls[c] = new Uint8Array(this.capacity);
        (this.nulls[c] as Uint8Array)[g] = 1;
      }
    }
    this.slots[slot << 1] = g + 1;
    this.slots[(slot << 1) + 1] = h;
    if (this.size * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    return g;
  }

  /** Makes room for `more` new groups at once: one grow and one rehash instead of many while inserting. */
  reserve(more: number): void {
    const needed = this.size + more;
    let capacity = this.capacity;
    while (capacity < needed) capacity *= 2;
    if (capacity > this.capacity) this.growGroups(capacity);
    let slotCount = this.mask + 1;
    while (slotCount < needed * 2) slotCount <<= 1; // insertAt rehashes past half full
    if (slotCount > this.mask + 1) this.rehash(slotCount);
  }

  private growGroups(capacity = this.capacity * 2): void {
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a);
      return b;
    };
    this.keys = this.keys.map(grow);
    this.nulls = this.nulls.map((a) => (a ? grow(a) : null));
    this.hashes = grow(this.hashes);
    this.capacity = capacity;
    this.onGrow(capacity);
  }

  private rehash(slotCount: number): void {
    if (this.slots.length === slotCount * 2) this.slots.fill(0);
    else this.slots = new Int32Array(slotCount * 2);
    this.mask = slotCount - 1;
    for (let g = 0; g < this.size; g++) {
      const h = this.hashes[g];
      let slot = fmix(h) & this.mask;
      while (this.slots[slot << 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot << 1] = g + 1;
      this.slots[(slot << 1) + 1] = h;
    }
  }

  /** Keeps only the listed groups (in that order, renumbered 0..k-1). */
  compact(kept: Int32Array): void {
    const k = kept.length;
    for (let c = 0; c < this.numKeys; c++) {
      const keys = this.keys[c];
      const nulls = this.nulls[c];
      for (let j = 0; j < k; j++) {
        keys[j] = keys[kept[j]];
        if (nulls) nulls[j] = nulls[kept[j]];
      }
      if (nulls) nulls.fill(0, k);
    }
    for (let j = 0; j < k; j++) this.hashes[j] = this.hashes[kept[j]];
    this.size = k;
    if (this.cache !== EMPTY_CACHE) this.cache.fill(0);
    this.rehash(this.mask + 1);
  }

  clear(): void {
    this.size = 0;
    if (this.cache !== EMPTY_CACHE) this.cache.fill(0);
    this.slots.fill(0);
    this.nulls = this.nulls.map(() => null);
  }
}
