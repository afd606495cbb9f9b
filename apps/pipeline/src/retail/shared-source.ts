// One source read once for several queries. Each query gets a view. Plans are shared: a view whose
// start is behind the newest planned end gets that end (so views run in step), and a view that has
// reached it asks the inner source for a new one. Reads are shared: getBatch is deterministic for a
// (start, end] range (StreamSource contract), so views asking for the same range share one read.
import type { Table } from 'apache-arrow';
import type { Offset, StreamSource } from '@shelfstream/engine';

const keyOf = (...offsets: (Offset | undefined)[]) => JSON.stringify(offsets.map((o) => o ?? null));

/** a >= b for offsets made of numbers in nested objects ({ topic, partitions: { "0": 12 } }). */
export function offsetAtLeast(a: Offset | undefined, b: Offset | undefined): boolean {
  if (b === undefined || b === null) return true;
  if (a === undefined || a === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a >= b;
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    return Object.entries(b).every(([k, v]) => offsetAtLeast(a[k], v));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

interface CachedBatch {
  readonly table: Promise<Table>;
  takers: number;
}

export class SharedSource {
  private plan: Promise<Offset | undefined> | undefined;
  private readonly batches = new Map<string, CachedBatch>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = 0;
  /** Reads of the inner source (tests, progress). */
  innerReads = 0;

  constructor(
    readonly inner: StreamSource,
    private readonly views: number,
    /** Runs before each read of the inner source (e.g. refresh what its parser checks against). */
    private readonly beforeRead?: () => Promise<void>,
  ) {}

  /** Inner calls one at a time (a Kafka reader is not made for concurrent fetches). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async latestOffset(start: Offset | undefined): Promise<Offset | undefined> {
    if (this.plan) {
      const end = await this.plan;
      if (end !== undefined && offsetAtLeast(end, start) && keyOf(end) !== keyOf(start)) return end;
    }
    const plan = this.serial(() => this.inner.latestOffset(start));
    this.plan = plan;
    const end = await plan.catch((error: unknown) => {
      if (this.plan === plan) this.plan = undefined;
      throw error;
    });
    return end;
  }

  private getBatch(start: Offset | undefined, end: Offset): Promise<Table> {
    const key = keyOf(start, end);
    const hit = this.batches.get(key);
    if (hit) {
      if (++hit.takers >= this.views) this.batches.delete(key);
      return hit.table;
    }
    const table = this.serial(async () => {
      this.innerReads++;
      await this.beforeRead?.();
      return this.inner.getBatch(start, end);
    });
    this.batches.set(key, { table, takers: 1 });
    table.catch(() => this.batches.delete(key));
    // views out of step never come for some ranges: keep only the newest few
    while (this.batches.size > 4 * this.views) this.batches.delete(this.batches.keys().next().value as string);
    return table;
  }

  view(): StreamSource {
    return {
      name: this.inner.name,
      schema: this.inner.schema,
      latestOffset: (start?: Offset) => this.latestOffset(start),
      getBatch: (start: Offset | undefined, end: Offset) => this.getBatch(start, end),
      commit: (end: Offset) => this.serial(() => this.inner.commit(end)),
      // the inner source stops with the last view
      stop: () => (++this.stopped === this.views ? this.serial(() => this.inner.stop()) : Promise.resolve()),
    };
  }
}
