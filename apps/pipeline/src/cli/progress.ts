// Progress bars for long work (only on a terminal; plain log lines otherwise).
import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  increment(by?: number, payload?: Record<string, unknown>): void;
  setTotal(total: number): void;
  stop(): void;
}

export function progressBar(label: string, total: number, unit = 'items'): Progress {
  if (!process.stderr.isTTY) {
    let done = 0;
    return {
      increment: (by = 1) => void (done += by),
      setTotal: (t) => void (total = t),
      stop: () => console.error(`${label}: ${done}/${total} ${unit}`),
    };
  }
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`, stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0);
  return { increment: (by = 1, payload) => bar.increment(by, payload), setTotal: (t) => bar.setTotal(t), stop: () => bar.stop() };
}
