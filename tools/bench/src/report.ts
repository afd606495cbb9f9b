// The one table `npm run bench` prints: figures of every run with ratios ours / peer beside them.

export interface TableRow {
  readonly section: string;
  readonly run: string;
  readonly events?: number;
  readonly eventsPerSecond?: number;
  readonly latencyMsP50?: number;
  readonly latencyMsP99?: number;
  /** ours / this peer, events/s (> 1: we are faster). */
  readonly throughputRatio?: number;
  /** ours / this peer, latency p50 (< 1: we answer sooner). */
  readonly latencyRatio?: number;
  readonly note?: string;
}

const whole = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '' : Math.round(n).toLocaleString('en-GB'));
export const ratio = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '' : `${n.toFixed(2)}x`);

export function ratioOf(ours: number | undefined, peer: number | undefined): number | undefined {
  return ours === undefined || peer === undefined || peer === 0 ? undefined : ours / peer;
}

export function formatTable(rows: readonly TableRow[]): string {
  const header = ['section', 'run', 'events', 'events/s', 'p50 ms', 'p99 ms', 'ours/peer ev/s', 'ours/peer p50', 'check / note'];
  const cells = rows.map((r) => [
    r.section,
    r.run,
    whole(r.events),
    whole(r.eventsPerSecond),
    whole(r.latencyMsP50),
    whole(r.latencyMsP99),
    ratio(r.throughputRatio),
    ratio(r.latencyRatio),
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const left = new Set([0, 1, 8]);
  const line = (c: readonly string[]) =>
    c
      .map((cell, i) => (left.has(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** One-minute load average sampled during the run (the machine is shared). */
export class LoadSampler {
  private readonly samples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly read: () => number,
    everyMs = 5000,
  ) {
    this.samples.push(read());
    this.timer = setInterval(() => this.samples.push(this.read()), everyMs);
    this.timer.unref();
  }

  stop(): { min: number; max: number; mean: number; samples: number } {
    clearInterval(this.timer);
    this.samples.push(this.read());
    const sum = this.samples.reduce((a, b) => a + b, 0);
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      min: round(Math.min(...this.samples)),
      max: round(Math.max(...this.samples)),
      mean: round(sum / this.samples.length),
      samples: this.samples.length,
    };
  }
}
