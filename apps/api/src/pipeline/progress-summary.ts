// Reads the per-batch progress JSON the pipeline stores in pipeline_progress.progress. The pipeline
// writes {batchId, outputRows, watermarkMs, batchTimestampMs, endOffsets: {"kafka:<topic>": {topic,
// partitions: {"0": n}}}, deadLetters?, numRowsDroppedByWatermark}; Spark-style fields (numInputRows, inputRowsPerSecond,
// durationMs.triggerExecution, eventTime.watermark, sources[].endOffset/latestOffset) are read too.
// What is not stored is derived: input rows from the offset delta to the previous batch, batch
// duration from batch start to commit, offset lag from the topic's end offsets (given by the caller).
import type { BatchSummary } from './batch-summary';

export interface ProgressRow {
  queryName: string;
  batchId: number;
  committedAt: Date;
  progress: unknown;
}

/** topic -> partition -> offset */
export type TopicOffsets = Map<string, Map<number, number>>;

type Json = Record<string, unknown>;

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);

function explicitDuration(p: Json): number | null {
  const d = p['durationMs'] ?? p['batchDurationMs'];
  return num(d) ?? num(obj(d)?.['triggerExecution']) ?? num(obj(d)?.['total']);
}

function watermark(p: Json): string | null {
  const raw = obj(p['eventTime'])?.['watermark'] ?? obj(p['eventTime'])?.['watermarkMs'] ?? p['watermark'] ?? p['watermarkMs'];
  if (typeof raw === 'string' && Number.isNaN(Number(raw)) && !Number.isNaN(Date.parse(raw))) return new Date(raw).toISOString();
  const ms = num(raw);
  return ms !== null && ms > 0 ? new Date(ms).toISOString() : null;
}

function collect(offsets: unknown[]): TopicOffsets {
  const found: TopicOffsets = new Map();
  for (const offset of offsets) {
    const o = obj(offset);
    const parts = obj(o?.['partitions']);
    if (typeof o?.['topic'] !== 'string' || !parts) continue;
    const map = found.get(o['topic']) ?? new Map<number, number>();
    for (const [k, v] of Object.entries(parts)) {
      const n = num(v);
      if (n !== null) map.set(Number(k), n);
    }
    found.set(o['topic'], map);
  }
  return found;
}

const sourcesOf = (p: Json): unknown[] => (Array.isArray(p['sources']) ? p['sources'] : []);

/** {topic, partitions: {p: n}} offsets found in `endOffsets` (pipeline) or `sources[].endOffset` (Spark style). */
export function consumedOffsets(progress: unknown): TopicOffsets {
  const p = obj(progress) ?? {};
  return collect([...Object.values(obj(p['endOffsets']) ?? {}), ...sourcesOf(p).map((s) => obj(s)?.['endOffset'])]);
}

function total(offsets: TopicOffsets): number {
  let n = 0;
  for (const parts of offsets.values()) for (const v of parts.values()) n += v;
  return n;
}

/** Σ (end − consumed) over the partitions the batch consumed; null without end offsets for them. */
export function offsetLag(consumed: TopicOffsets, ends: TopicOffsets): number | null {
  let lag: number | null = null;
  for (const [topic, parts] of consumed) {
    const topicEnds = ends.get(topic);
    if (!topicEnds) continue;
    for (const [partition, at] of parts) {
      const end = topicEnds.get(partition);
      if (end !== undefined) lag = (lag ?? 0) + Math.max(0, end - at);
    }
  }
  return lag;
}

/** Summarizes `row`; `previous` (the query's batch before it) lets rates be derived from offsets. */
export function summarizeBatch(row: ProgressRow, previous?: ProgressRow, topicEnds?: TopicOffsets): BatchSummary {
  const p = obj(row.progress) ?? {};
  const committedMs = row.committedAt.getTime();
  const startMs = num(p['batchTimestampMs']);
  const consumed = consumedOffsets(p);
  let numInputRows = num(p['numInputRows']);
  let rate = num(p['inputRowsPerSecond']);
  if (previous && (numInputRows === null || rate === null)) {
    const prevConsumed = consumedOffsets(previous.progress);
    const delta = prevConsumed.size && consumed.size ? total(consumed) - total(prevConsumed) : null;
    const seconds = (committedMs - previous.committedAt.getTime()) / 1000;
    numInputRows ??= delta !== null && delta >= 0 ? delta : null;
    rate ??= numInputRows !== null && seconds > 0 ? numInputRows / seconds : null;
  }
  const explicitLag = offsetLag(consumed, latestFromSources(p));
  return {
    queryName: row.queryName,
    batchId: row.batchId,
    committedAt: row.committedAt.toISOString(),
    numInputRows,
    inputRowsPerSecond: rate,
    outputRows: num(p['outputRows']) ?? num(p['numOutputRows']),
    deadLetters: num(p['deadLetters']),
    rowsDroppedByWatermark: num(p['numRowsDroppedByWatermark']),
    batchDurationMs: explicitDuration(p) ?? (startMs !== null ? Math.max(0, committedMs - startMs) : null),
    watermark: watermark(p),
    offsetLag: explicitLag ?? (topicEnds ? offsetLag(consumed, topicEnds) : null),
  };
}

function latestFromSources(p: Json): TopicOffsets {
  return collect(sourcesOf(p).map((s) => obj(s)?.['latestOffset']));
}

export interface QuerySummary {
  queryName: string;
  latest: BatchSummary;
  /** Input rows per second over the listed batches. */
  eventsPerSecond: number | null;
  avgBatchDurationMs: number | null;
  /** Seconds since the newest commit. */
  secondsSinceCommit: number;
  batches: BatchSummary[];
}

/** `batches` newest first, all of one query. */
export function summarizeQuery(batches: BatchSummary[], now: Date): QuerySummary {
  const latest = batches[0];
  const durations = batches.map((b) => b.batchDurationMs).filter((d): d is number => d !== null);
  const oldest = batches[batches.length - 1];
  const spanS = (Date.parse(latest.committedAt) - Date.parse(oldest.committedAt)) / 1000;
  const counted = batches.slice(0, -1).map((b) => b.numInputRows);
  const rows = counted.every((n) => n !== null) ? counted.reduce<number>((s, n) => s + (n ?? 0), 0) : null;
  return {
    queryName: latest.queryName,
    latest,
    eventsPerSecond: spanS > 0 && rows !== null ? rows / spanS : latest.inputRowsPerSecond,
    avgBatchDurationMs: durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null,
    secondsSinceCommit: Math.max(0, (now.getTime() - Date.parse(latest.committedAt)) / 1000),
    batches,
  };
}

/** The watermark (ISO) a stored progress JSON reports, or null. */
export function progressWatermark(progress: unknown): string | null {
  return watermark(obj(progress) ?? {});
}
