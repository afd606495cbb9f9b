// Open-addressing hash table from composite keys (one float64 per key column, plus optional null
// flags) to dense group ids 0..size-1. Probing is per row but hashing is column-at-a-time.

const INITIAL_SLOTS = 1024;

/** Mixes one float64 key column into running 32-bit hashes (no allocation per row). */
export function mixHashes(hashes: Int32Array, values: Float64Array, nulls: Uint8Array | null, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let h = hashes[i] ^ (v | 0);
    h = Math.imul(h, 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
    h = Math.imul(h ^ ((v / 4294967296) | 0) ^ (nulls !== null ? nulls[i] : 0), 0x1b873593);
    hashes[i] = h ^ (h >>> 13);
  }
}

export class KeyHashTable {
  size = 0;
  keys: Float64Array[];
  nulls: (Uint8Array | null)[];
  private hashes: Int32Array;
  private slots: Int32Array;
  private mask: number;
  private capacity: number;

  constructor(readonly numKeys: number, initialCapacity = 256) {
    this.capacity = Math.max(16, initialCapacity);
    this.keys = Array.from({ length: numKeys }, () => new Float64Array(this.capacity));
    this.nulls = Array.from({ length: numKeys }, () => null);
    this.hashes = new Int32Array(this.capacity);
    let slotCount = INITIAL_SLOTS;
    while (slotCount < this.capacity * 2) slotCount <<= 1;
    this.slots = new Int32Array(slotCount);
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
    const numKeys = this.numKeys;
    for (let i = 0; i < n; i++) {
      if (active !== null && active[i] === 0) {
        out[i] = -1;
        continue;
      }
      const h = hashes[i];
      let slot = h & this.mask;
      for (;;) {
        const entry = this.slots[slot];
        if (entry === 0) {
          if (!insert) {
            out[i] = -1;
            break;
          }
          out[i] = this.insertAt(slot, h, rowKeys, rowNulls, i);
          break;
        }
        const g = entry - 1;
        if (this.hashes[g] === h) {
          let equal = true;
          for (let c = 0; c < numKeys; c++) {
            const tn = this.nulls[c];
            const rn = rowNulls[c];
            if (this.keys[c][g] !== rowKeys[c][i] || (tn !== null ? tn[g] : 0) !== (rn !== null ? rn[i] : 0)) {
              equal = false;
              break;
            }
          }
          if (equal) {
            out[i] = g;
            break;
          }
        }
        slot = (slot + 1) & this.mask;
      }
    }
  }

  private insertAt(
    slot: number,
    h: number,
    rowKeys: readonly Float64Array[],
    rowNulls: readonly (Uint8Array | null)[],
    i: number,
  ): number {
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
    this.slots[slot] = g + 1;
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return g;
  }

  private growGroups(): void {
    const capacity = this.capacity * 2;
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
    this.slots = new Int32Array(slotCount);
    this.mask = slotCount - 1;
    for (let g = 0; g < this.size; g++) {
      let slot = this.hashes[g] & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = g + 1;
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
    this.rehash(this.slots.length);
  }

  clear(): void {
    this.size = 0;
    this.slots.fill(0);
    this.nulls = this.nulls.map(() => null);
  }
}
