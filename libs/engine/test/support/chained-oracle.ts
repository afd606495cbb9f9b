// A naive, row-at-a-time model of two chained window aggregations in append mode (SEMANTICS.md (c), (d),
// (j)): per step the data batch and, when the watermark moved, the no-data batch; in each batch both
// aggregations drop late rows by the previous batch's watermark and emit/evict by the current one, the
// second one windowing the first one's windows at their window_time (end - 1 ms). Independent of the
// engine, for the chained-aggregation oracle property.
import type { OracleEvent } from './semantics-oracle';
import { windowStarts } from './semantics-oracle';

export interface ChainedOracleConfig {
  first: { sizeSec: number; slideSec: number };
  second: { sizeSec: number; slideSec: number };
  delaySec: number;
  noDataBatches: boolean;
}
/** A row of the second aggregation: key, window start/end (s), first-level windows, events, sum of v. */
export type ChainedRow = [key: string, startSec: number, endSec: number, windows: number, n: number, s: number];

interface Item {
  key: string;
  timeMs: number;
  n: number;
  s: number;
}
interface Group extends Item {
  start: number;
  windows: number;
}

/** One window aggregation (ms): count of inputs, sums of n and s; emits a window as an item at end - 1. */
function windowStage(sizeMs: number, slideMs: number) {
  const state = new Map<string, Group>();
  return (items: readonly Item[], wm: number, lateWm: number): Group[] => {
    for (const item of items) {
      for (const start of windowStarts(item.timeMs, sizeMs, slideMs)) {
        if (start + sizeMs <= lateWm) continue; // late by window end
        const id = `${item.key}|${start}`;
        const g = state.get(id) ?? { key: item.key, start, timeMs: start + sizeMs - 1, windows: 0, n: 0, s: 0 };
        g.windows += 1;
        g.n += item.n;
        g.s += item.s;
        state.set(id, g);
      }
    }
    const emitted: Group[] = [];
    for (const [id, g] of [...state]) {
      if (g.start + sizeMs <= wm) {
        emitted.push(g);
        state.delete(id);
      }
    }
    return emitted;
  };
}

export function runChainedOracle(steps: OracleEvent[][], cfg: ChainedOracleConfig): ChainedRow[][] {
  const ms = (sec: number) => sec * 1000;
  const first = windowStage(ms(cfg.first.sizeSec), ms(cfg.first.slideSec));
  const second = windowStage(ms(cfg.second.sizeSec), ms(cfg.second.slideSec));
  let globalWm = 0;
  let lastBatchWm = 0;
  let inputWm: number | undefined;
  const runBatch = (rows: OracleEvent[], wm: number, lateWm: number): ChainedRow[] => {
    const events = rows.map((r) => ({ key: r.key, timeMs: ms(r.t), n: 1, s: r.v }));
    return second(first(events, wm, lateWm), wm, lateWm).map((g) => [g.key, g.start / 1000, (g.start + ms(cfg.second.sizeSec)) / 1000, g.windows, g.n, g.s]);
  };
  return steps.map((rows) => {
    const written = runBatch(rows, globalWm, lastBatchWm);
    lastBatchWm = globalWm;
    if (rows.length) {
      const candidate = ms(Math.max(...rows.map((r) => r.t)) - cfg.delaySec);
      inputWm = inputWm === undefined ? candidate : Math.max(inputWm, candidate);
      if (inputWm > globalWm) globalWm = inputWm;
    }
    if (cfg.noDataBatches && globalWm > lastBatchWm) {
      written.push(...runBatch([], globalWm, lastBatchWm));
      lastBatchWm = globalWm;
    }
    return written;
  });
}
