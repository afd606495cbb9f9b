// A deliberately naive, row-at-a-time model of SEMANTICS.md for a windowed count/sum with watermark:
// per step it runs the data batch and, if the watermark moved, the no-data batch, and returns the
// rows written in that step. Used as an independent oracle for property tests.
export type OracleEvent = {
  key: string;
  t: number; // seconds
  v: number;
};
export interface OracleConfig {
  sizeSec: number;
  slideSec: number;
  delaySec: number;
  mode: 'append' | 'update';
  /** spark.sql.streaming.noDataMicroBatches.enabled */
  noDataBatches: boolean;
}
export type OracleRow = [key: string, startSec: number, n: number, s: number];

/** Window starts containing t, by scanning the grid (independent of the engine's formula). */
export function windowStarts(t: number, size: number, slide: number): number[] {
  const out: number[] = [];
  for (let start = Math.floor((t - size) / slide) * slide; start <= t; start += slide) {
    if (start <= t && t < start + size) out.push(start);
  }
  return out;
}

export function runOracle(steps: OracleEvent[][], cfg: OracleConfig): OracleRow[][] {
  const state = new Map<string, { key: string; start: number; n: number; s: number }>();
  let globalWm = 0; // seconds
  let lastBatchWm = 0; // watermark the previous batch ran with
  let operatorWm: number | undefined;
  const runBatch = (rows: OracleEvent[], wm: number, lateWm: number): OracleRow[] => {
    const out: OracleRow[] = [];
    const changed = new Set<string>();
    for (const e of rows) {
      for (const start of windowStarts(e.t, cfg.sizeSec, cfg.slideSec)) {
        if (start + cfg.sizeSec <= lateWm) continue; // late by window end
        const id = `${e.key}|${start}`;
        const g = state.get(id) ?? { key: e.key, start, n: 0, s: 0 };
        g.n += 1;
        g.s += e.v;
        state.set(id, g);
        changed.add(id);
      }
    }
    if (cfg.mode === 'update')
      for (const id of changed) {
        const g = state.get(id)!;
        out.push([g.key, g.start, g.n, g.s]);
      }
    for (const [id, g] of [...state]) {
      if (g.start + cfg.sizeSec <= wm) {
        if (cfg.mode === 'append') out.push([g.key, g.start, g.n, g.s]);
        state.delete(id);
      }
    }
    return out;
  };
  return steps.map((rows) => {
    const written = runBatch(rows, globalWm, lastBatchWm);
    lastBatchWm = globalWm;
    if (rows.length) {
      const candidate = Math.max(...rows.map((r) => r.t)) - cfg.delaySec;
      operatorWm = operatorWm === undefined ? candidate : Math.max(operatorWm, candidate);
      if (operatorWm > globalWm) globalWm = operatorWm;
    }
    if (cfg.noDataBatches && globalWm > lastBatchWm) {
      written.push(...runBatch([], globalWm, lastBatchWm));
      lastBatchWm = globalWm;
    }
    return written;
  });
}
