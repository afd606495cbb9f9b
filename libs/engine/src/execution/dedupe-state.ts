// State of dropDuplicatesWithinWatermark: every key seen, with the event time at which it expires
// (its first row's event time + the watermark delay), a min-heap by expiry for eviction, and the
// changes since the last snapshot so most checkpoints are small deltas.
import { type StateColumn, decodeState, encodeState } from '../state/state-codec';
import type { KeyValue, StatePartitioning } from './key-encoding';

/** One key column: its value; several: their JSON text (non-finite numbers tagged, so NaN ≠ null). */
export type DedupeKey = KeyValue | string;

const tagNonFinite = (_: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? { nonFinite: String(v) } : v);
const untagNonFinite = (_: string, v: unknown): unknown =>
  v !== null && typeof v === 'object' && 'nonFinite' in v ? Number((v as { nonFinite: string }).nonFinite) : v;

const isNonFinite = (v: KeyValue): boolean => typeof v === 'number' && !Number.isFinite(v);
// a replacer or reviver makes JSON several times slower: only keys holding a non-finite number need one
export const keyText = (values: readonly KeyValue[]): string => (values.some(isNonFinite) ? JSON.stringify(values, tagNonFinite) : JSON.stringify(values));
export const parseKeyText = (text: string): KeyValue[] => (text.includes('{"nonFinite"') ? JSON.parse(text, untagNonFinite) : JSON.parse(text)) as KeyValue[];

export class DedupeState {
  private readonly expiry = new Map<DedupeKey, number>();
  private heapAt: number[] = [];
  private heapKey: DedupeKey[] = [];
  /** Changes since the last snapshot: the new expiry, or null for a removed key. */
  private readonly changes = new Map<DedupeKey, number | null>();

  constructor(private readonly width: number) {}

  get size(): number {
    return this.expiry.size;
  }
  /** The earliest expiry held (Infinity when empty). */
  get lowestExpiry(): number {
    return this.heapAt.length ? this.heapAt[0] : Infinity;
  }

  has(key: DedupeKey): boolean {
    return this.expiry.has(key);
  }

  /** Remembers `key` until the watermark reaches `expiresAt` (Infinity: for good). */
  add(key: DedupeKey, expiresAt: number): void {
    this.expiry.set(key, expiresAt);
    if (expiresAt === Infinity) return; // a batch run: nothing to evict or checkpoint
    this.changes.set(key, expiresAt);
    this.push(expiresAt, key);
  }

  /** Forgets keys whose expiry is at or before `watermarkMs`; returns how many. */
  evict(watermarkMs: number): number {
    let removed = 0;
    while (this.heapAt.length && this.heapAt[0] <= watermarkMs) {
      const key = this.pop();
      this.expiry.delete(key);
      this.changes.set(key, null);
      removed++;
    }
    return removed;
  }

  keyValues(key: DedupeKey): KeyValue[] {
    return this.width === 1 ? [key] : parseKeyText(key as string);
  }

  /** One blob per partition: every key (full) or the changes since the last snapshot (delta). */
  snapshot(partitioning: StatePartitioning, full: boolean): Uint8Array[] {
    const entries: [DedupeKey, number | null][] = full ? [...this.expiry] : [...this.changes];
    this.changes.clear();
    const parts = Array.from({ length: partitioning.numPartitions }, () => [] as [DedupeKey, number | null][]);
    for (const entry of entries) {
      const p = partitioning.numPartitions <= 1 ? 0 : partitioning.partitionOf(this.keyValues(entry[0]));
      parts[p].push(entry);
    }
    return parts.map((rows) => {
      const columns: StateColumn[] = [
        { name: 'op', kind: 'float', values: Float64Array.from(rows, ([, at]) => (at === null ? 0 : 1)), nulls: null },
        { name: 'key', kind: 'string', values: rows.map(([key]) => (this.width === 1 ? keyText([key]) : (key as string))) },
        { name: 'expires', kind: 'float', values: Float64Array.from(rows, ([, at]) => at ?? 0), nulls: null },
      ];
      return encodeState(columns, rows.length, full ? 'full' : 'delta');
    });
  }

  /** Applies one partition's chain: a full snapshot, then the deltas after it, oldest first. */
  restore(chain: readonly Uint8Array[]): void {
    for (const bytes of chain) {
      const blob = decodeState(bytes);
      if (blob.length === 0) continue;
      const op = blob.float('op').values;
      const keys = blob.strings('key');
      const expires = blob.float('expires').values;
      for (let i = 0; i < blob.length; i++) {
        const text = keys[i] as string;
        const key = this.width === 1 ? parseKeyText(text)[0] : text;
        if (op[i] === 1) this.expiry.set(key, expires[i]);
        else this.expiry.delete(key);
      }
    }
    this.heapAt = [];
    this.heapKey = [];
    for (const [key, at] of this.expiry) if (at !== Infinity) this.push(at, key);
  }

  private push(at: number, key: DedupeKey): void {
    const { heapAt, heapKey } = this;
    let i = heapAt.length;
    heapAt.push(at);
    heapKey.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapAt[parent] <= at) break;
      heapAt[i] = heapAt[parent];
      heapKey[i] = heapKey[parent];
      i = parent;
    }
    heapAt[i] = at;
    heapKey[i] = key;
  }

  private pop(): DedupeKey {
    const { heapAt, heapKey } = this;
    const top = heapKey[0];
    const lastAt = heapAt.pop()!;
    const lastKey = heapKey.pop()!;
    const n = heapAt.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const child = left + 1 < n && heapAt[left + 1] < heapAt[left] ? left + 1 : left;
      if (heapAt[child] >= lastAt) break;
      heapAt[i] = heapAt[child];
      heapKey[i] = heapKey[child];
      i = child;
    }
    heapAt[i] = lastAt;
    heapKey[i] = lastKey;
    return top;
  }
}
