// State of a session-window aggregation: per grouping key its sessions (sorted by start, disjoint:
// each ends before the next starts), each with an id into columnar accumulator slots. Merges a new
// session with those it overlaps or touches (Spark merges when start <= the other's end), evicts
// by end, and checkpoints per partition: full = every session, delta = the keys touched since the
// last snapshot, each rewritten whole (a "clear key" row, then its sessions).
import type { AggregateSpec } from '../analysis/analyzed-plan';
import { StringDictionary } from '../columnar/string-dictionary';
import type { DataType } from '../types/data-type';
import { type StateColumn, decodeState, encodeState } from '../state/state-codec';
import { decodeObject, encodeObject, mergeAggregates, newObjects, newSlots } from './aggregate-set';
import { keyText, parseKeyText } from './dedupe-state';
import type { KeyValue, StatePartitioning } from './key-encoding';

export interface Session {
  start: number;
  end: number;
  /** Row of this session in the accumulator slots. */
  readonly id: number;
}

export interface SessionKey {
  /** Encoded key values by grouping-key position (strings as dictionary codes; the window position unused). */
  readonly values: Float64Array;
  readonly nulls: Uint8Array;
  readonly sessions: Session[];
}

const CLEAR_KEY = 0;
const SESSION = 1;

export class SessionState {
  readonly dict = new StringDictionary();
  readonly byKey = new Map<string, SessionKey>();
  slots: Float64Array[][];
  /** Descriptor-defined aggregates: objects[j][id] is a session's state (empty for slot aggregates). */
  readonly objects: unknown[][];
  private capacity = 256;
  private nextId = 0;
  private readonly free: number[] = [];
  /** Keys changed since the last snapshot (the entry keeps the key's values after it is emptied). */
  private readonly touched = new Map<string, SessionKey>();
  private count = 0;

  /** `keyTypes[c]` is the type of grouping key c, 'window' at the session window's position. */
  constructor(
    readonly keyTypes: readonly (DataType | 'window')[],
    readonly aggs: readonly AggregateSpec[],
  ) {
    this.slots = newSlots(aggs, this.capacity);
    this.objects = newObjects(aggs);
  }

  /** Number of sessions held. */
  get size(): number {
    return this.count;
  }

  /** Map key of a grouping key from its encoded values. */
  textOf(values: ArrayLike<number>, nulls: ArrayLike<number>): string {
    let text = '';
    for (let c = 0; c < this.keyTypes.length; c++) if (this.keyTypes[c] !== 'window') text += nulls[c] ? 'n|' : `${values[c]}|`;
    return text;
  }

  entry(text: string, values: ArrayLike<number>, nulls: ArrayLike<number>): SessionKey {
    let entry = this.byKey.get(text);
    if (!entry) {
      entry = { values: Float64Array.from(values), nulls: Uint8Array.from(nulls), sessions: [] };
      this.byKey.set(text, entry);
    }
    return entry;
  }

  /** A new empty session (not yet in any key). */
  newSession(start: number, end: number): Session {
    let id = this.free.pop();
    if (id === undefined) {
      id = this.nextId++;
      if (id >= this.capacity) this.grow();
    }
    return { start, end, id };
  }

  /**
   * Adds `session` to the key, merged with every session it overlaps or touches (accumulators merged
   * in start order; the earliest session survives). Returns the resulting session and the absorbed ones.
   */
  merge(text: string, entry: SessionKey, session: Session): { merged: Session; absorbed: Session[] } {
    const list = entry.sessions;
    this.touched.set(text, entry);
    let lo = 0;
    while (lo < list.length && list[lo].end < session.start) lo++;
    let hi = lo;
    while (hi < list.length && list[hi].start <= session.end) hi++;
    if (lo === hi) {
      list.splice(lo, 0, session);
      this.count++;
      return { merged: session, absorbed: [] };
    }
    const group = [...list.slice(lo, hi), session].sort((a, b) => a.start - b.start);
    const [target, ...absorbed] = group;
    for (const other of absorbed) {
      mergeAggregates(this.aggs, this.slots, this.objects, target.id, other.id, (a) => this.compareFor(a));
      if (other.end > target.end) target.end = other.end;
      this.release(other.id);
    }
    list.splice(lo, hi - lo, target);
    this.count -= hi - lo - 1;
    return { merged: target, absorbed };
  }

  /** Removes sessions with end <= watermarkMs; returns them with their keys (ids still valid until `release`). */
  evict(watermarkMs: number): { entry: SessionKey; session: Session }[] {
    const out: { entry: SessionKey; session: Session }[] = [];
    for (const [text, entry] of this.byKey) {
      const list = entry.sessions;
      let k = 0;
      while (k < list.length && list[k].end <= watermarkMs) out.push({ entry, session: list[k++] });
      if (k === 0) continue;
      list.splice(0, k);
      this.count -= k;
      this.touched.set(text, entry);
      if (list.length === 0) this.byKey.delete(text);
    }
    return out;
  }

  release(id: number): void {
    for (const group of this.slots) for (const s of group) s[id] = 0;
    for (const states of this.objects) if (states.length > id) states[id] = undefined;
    this.free.push(id);
  }

  /** Grouping key as plain values (strings decoded), in key order without the window. */
  keyValues(entry: SessionKey): KeyValue[] {
    const out: KeyValue[] = [];
    this.keyTypes.forEach((type, c) => {
      if (type === 'window') return;
      if (entry.nulls[c]) out.push(null);
      else if (type === 'string') out.push(entry.values[c] < 0 ? null : this.dict.strings[entry.values[c]]);
      else if (type === 'boolean') out.push(entry.values[c] === 1);
      else out.push(entry.values[c]);
    });
    return out;
  }

  /** One blob per partition: every session (full) or the keys touched since the last snapshot (delta). */
  snapshot(partitioning: StatePartitioning, full: boolean): Uint8Array[] {
    const keys = full ? [...this.byKey] : [...this.touched];
    this.touched.clear();
    const parts = Array.from({ length: partitioning.numPartitions }, () => [] as { op: number; key: KeyValue[]; session: Session | null }[]);
    for (const [text, entry] of keys) {
      const key = this.keyValues(entry);
      const rows = parts[partitioning.numPartitions <= 1 ? 0 : partitioning.partitionOf(key)];
      if (!full) rows.push({ op: CLEAR_KEY, key, session: null });
      for (const session of this.byKey.get(text)?.sessions ?? []) rows.push({ op: SESSION, key, session });
    }
    return parts.map((rows) => encodeState(this.columnsOf(rows), rows.length, full ? 'full' : 'delta'));
  }

  /** Applies one partition's chain: a full snapshot, then the deltas after it, oldest first. */
  restore(chain: readonly Uint8Array[]): void {
    for (const bytes of chain) {
      const blob = decodeState(bytes);
      if (blob.length === 0) continue;
      const op = blob.float('op').values;
      const keys = blob.strings('key');
      const starts = blob.float('start').values;
      const ends = blob.float('end').values;
      const slotValues = this.aggs.map((_, j) =>
        this.slots[j].map((__, s) =>
          this.isStringSlot(j, s)
            ? Float64Array.from(blob.strings(`a${j}_${s}`), (v) => (v === null ? -1 : this.dict.intern(v)))
            : blob.float(`a${j}_${s}`).values,
        ),
      );
      const objectBytes = this.aggs.map((a, j) => (a.state ? blob.binary(`a${j}`) : []));
      for (let i = 0; i < blob.length; i++) {
        const { values, nulls } = this.encodeKey(parseKeyText(keys[i] as string));
        const text = this.textOf(values, nulls);
        if (op[i] === CLEAR_KEY) {
          this.clearKey(text);
          continue;
        }
        const session = this.newSession(starts[i], ends[i]);
        this.aggs.forEach((a, j) => {
          this.slots[j].forEach((slot, s) => (slot[session.id] = slotValues[j][s][i]));
          if (a.state) this.objects[j][session.id] = decodeObject(a, objectBytes[j][i]);
        });
        this.entry(text, values, nulls).sessions.push(session);
        this.count++;
      }
    }
  }

  private clearKey(text: string): void {
    const entry = this.byKey.get(text);
    if (!entry) return;
    for (const s of entry.sessions) this.release(s.id);
    this.count -= entry.sessions.length;
    this.byKey.delete(text);
  }

  private columnsOf(rows: readonly { op: number; key: KeyValue[]; session: Session | null }[]): StateColumn[] {
    const n = rows.length;
    const ids = rows.map((r) => r.session?.id ?? -1);
    const columns: StateColumn[] = [
      { name: 'op', kind: 'float', values: Float64Array.from(rows, (r) => r.op), nulls: null },
      { name: 'key', kind: 'string', values: rows.map((r) => keyText(r.key)) },
      { name: 'start', kind: 'float', values: Float64Array.from(rows, (r) => r.session?.start ?? 0), nulls: null },
      { name: 'end', kind: 'float', values: Float64Array.from(rows, (r) => r.session?.end ?? 0), nulls: null },
    ];
    this.slots.forEach((group, j) =>
      group.forEach((slot, s) => {
        const name = `a${j}_${s}`;
        const at = (i: number) => (ids[i] < 0 ? 0 : slot[ids[i]]);
        if (this.isStringSlot(j, s)) {
          const set = (i: number) =>
            ids[i] >= 0 && group[1][ids[i]] !== 0 && at(i) >= 0 && !(group[1][ids[i]] === 1 && (this.aggs[j].fn === 'first' || this.aggs[j].fn === 'last'));
          columns.push({ name, kind: 'string', values: Array.from({ length: n }, (_, i) => (set(i) ? this.dict.strings[at(i)] : null)) });
        } else columns.push({ name, kind: 'float', values: Float64Array.from({ length: n }, (_, i) => at(i)), nulls: null });
      }),
    );
    this.aggs.forEach((a, j) => {
      if (!a.state) return;
      const states = this.objects[j];
      columns.push({ name: `a${j}`, kind: 'binary', values: ids.map((id) => (id < 0 ? null : encodeObject(a, states[id]))) });
    });
    return columns;
  }

  /** Slot 0 of min/max/first/last over strings holds a dictionary code. */
  private isStringSlot(j: number, s: number): boolean {
    const agg = this.aggs[j];
    return s === 0 && agg.type === 'string' && agg.fn !== 'count';
  }

  compareFor(agg: AggregateSpec): ((a: number, b: number) => number) | null {
    if (agg.type !== 'string') return null;
    const strings = this.dict.strings;
    return (a, b) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : 0);
  }

  private encodeKey(key: readonly KeyValue[]): { values: Float64Array; nulls: Uint8Array } {
    const values = new Float64Array(this.keyTypes.length);
    const nulls = new Uint8Array(this.keyTypes.length);
    let k = 0;
    this.keyTypes.forEach((type, c) => {
      if (type === 'window') return;
      const v = key[k++];
      if (v === null) {
        if (type === 'string') values[c] = -1;
        else nulls[c] = 1;
      } else values[c] = typeof v === 'string' ? this.dict.intern(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    return { values, nulls };
  }

  private grow(): void {
    this.capacity *= 2;
    this.slots = this.slots.map((group) =>
      group.map((s) => {
        const grown = new Float64Array(this.capacity);
        grown.set(s);
        return grown;
      }),
    );
  }
}
