// Progress of long work on stderr: a bar on a terminal; elsewhere (pipes, CI, containers) a plain line
// on the first step, then at most one per interval, and a last one when done.
import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  increment(by?: number, payload?: Record<string, unknown>): void;
  setTotal(total: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Default process.stderr; a bar only when it is a terminal. */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Least time between two plain lines (default 5 s). */
  readonly intervalMs?: number;
}

export const PROGRESS_LINE_INTERVAL_MS = 5_000;

export function progressBar(label: string, total: number, unit = 'items', options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return progressLines(label, total, unit, stream, options.intervalMs ?? PROGRESS_LINE_INTERVAL_MS);
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`, stream }, Presets.shades_classic);
  bar.start(total, 0);
  return { increment: (by = 1, payload) => bar.increment(by, payload), setTotal: (t) => bar.setTotal(t), stop: () => bar.stop() };
}

function progressLines(label: string, total: number, unit: string, stream: NodeJS.WritableStream, intervalMs: number): Progress {
  let done = 0;
  let lastLineAt: number | undefined;
  const line = () => {
    const share = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : '';
    stream.write(`${label}: ${done}${total > 0 ? `/${total}` : ''} ${unit}${share}\n`);
  };
  return {
    increment(by = 1) {
      done += by;
      const now = Date.now();
      if (lastLineAt !== undefined && now - lastLineAt < intervalMs) return;
      lastLineAt = now;
      line();
    },
    setTotal: (t) => void (total = t),
    stop: line,
  };
}
