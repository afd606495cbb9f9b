// Per-key coalescing: between two flushes each key keeps only its newest value, and flushes are at
// least `intervalMs` apart, so a hot key reaches clients at most once per interval. A value arriving
// after a quiet period is flushed at once (no added latency when nothing is hot).

export class Coalescer<V> {
  private pending = new Map<string, V>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = -Infinity;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: (values: V[]) => void,
    /** Combines a pending value with a newer one for the same key (default: the newer wins). */
    private readonly merge: (older: V, newer: V) => V = (_older, newer) => newer,
    private readonly now: () => number = () => performance.now(),
  ) {}

  offer(key: string, value: V): void {
    if (this.stopped) return;
    const older = this.pending.get(key);
    this.pending.delete(key); // re-insert so iteration order follows the newest arrival
    this.pending.set(key, older === undefined ? value : this.merge(older, value));
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.timer = setTimeout(() => this.run(), wait);
  }

  get size(): number {
    return this.pending.size;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private run(): void {
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const values = [...this.pending.values()];
    this.pending = new Map();
    this.lastFlush = this.now();
    this.flush(values);
  }
}
