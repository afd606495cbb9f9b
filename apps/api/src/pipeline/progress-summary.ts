// Reads the engine's per-batch progress JSON (pipeline_progress.progress) tolerantly: Spark-style
// names (numInputRows, inputRowsPerSecond, processedRowsPerSecond, durationMs.triggerExecution,
// eventTime.watermark, sources[].endOffset/latestOffset) and flat variants (durationMs, watermarkMs).

export interface BatchSummary {
  queryName: string;
  batchId: number;
  committedAt: string;
  numInputRows: number | null;
  inputRowsPerSecond: number | null;
  processedRowsPerSecond: number | null;
  batchDurationMs: number | null;
  /** Watermark as ISO-8601, when the query has one. */
  watermark: string | null;
  /** Records in the sources not yet processed (sum over partitions of latest - end), when offsets are numeric. */
  offsetLag: number | null;
}

type Json = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);

function duration(p: Json): number | null {
  const d = p['durationMs'] ?? p['batchDurationMs'];
  return num(d) ?? num(obj(d)?.['triggerExecution']) ?? num(obj(d)?.['total']);
}

function watermark(p: Json): string | null {
  const raw = obj(p['eventTime'])?.['watermark'] ?? p['watermark'] ?? p['watermarkMs'];
  if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) return new Date(raw).toISOString();
  const ms = num(raw);
  return ms !== null && ms > 0 ? new Date(ms).toISOString() : null;
}

/** Sum of latest - end over numeric per-partition offsets ({"topic": {"0": 12, ...}} or {"0": 12}). */
function offsetLag(p: Json): number | null {
  const sources = Array.isArray(p['sources']) ? (p['sources'] as unknown[]) : [];
  let lag: number | null = null;
  const walk = (end: unknown, latest: unknown) => {
    const e = num(end);
    const l = num(latest);
    if (e !== null && l !== null) {
      lag = (lag ?? 0) + Math.max(0, l - e);
      return;
    }
    const eo = obj(end);
    const lo = obj(latest);
    if (eo && lo) for (const k of Object.keys(lo)) walk(eo[k], lo[k]);
  };
  for (const s of sources) {
    const so = obj(s);
    if (so) walk(so['endOffset'], so['latestOffset']);
  }
  return lag;
}

export function summarizeBatch(row: { queryName: string; batchId: number; committedAt: Date; progress: unknown }): BatchSummary {
  const p = obj(row.progress) ?? {};
  return {
    queryName: row.queryName,
    batchId: row.batchId,
    committedAt: row.committedAt.toISOString(),
    numInputRows: num(p['numInputRows']),
    inputRowsPerSecond: num(p['inputRowsPerSecond']),
    processedRowsPerSecond: num(p['processedRowsPerSecond']),
    batchDurationMs: duration(p),
    watermark: watermark(p),
    offsetLag: offsetLag(p),
  };
}

export interface QuerySummary {
  queryName: string;
  latest: BatchSummary;
  /** Input rows per second over the listed batches (rows / span of their commit times). */
  eventsPerSecond: number | null;
  avgBatchDurationMs: number | null;
  /** Seconds since the newest commit. */
  secondsSinceCommit: number;
  batches: BatchSummary[];
}

/** `batches` newest first, all of one query. */
export function summarizeQuery(batches: BatchSummary[], now: Date): QuerySummary {
  const latest = batches[0]!;
  const durations = batches.map((b) => b.batchDurationMs).filter((d): d is number => d !== null);
  const oldest = batches[batches.length - 1]!;
  const spanS = (Date.parse(latest.committedAt) - Date.parse(oldest.committedAt)) / 1000;
  const rows = batches.slice(0, -1).reduce((s, b) => s + (b.numInputRows ?? 0), 0);
  return {
    queryName: latest.queryName,
    latest,
    eventsPerSecond: spanS > 0 ? rows / spanS : latest.inputRowsPerSecond,
    avgBatchDurationMs: durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null,
    secondsSinceCommit: Math.max(0, (now.getTime() - Date.parse(latest.committedAt)) / 1000),
    batches,
  };
}
