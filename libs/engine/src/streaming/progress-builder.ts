// Assembles a batch's StreamingQueryProgress from what the executor measured.
import { isDeepStrictEqual } from 'node:util';
import type { StatefulOperator } from '../execution/operator';
import type { WatermarkOperator } from '../execution/operators/watermark-operator';
import type { OffsetLogEntry } from '../types/contracts';
import type { SourceProgress, StreamingQueryProgress } from './progress';

export interface BatchMeasurements {
  readonly identity: { readonly id: string; readonly runId: string; readonly name: string };
  readonly batchId: number;
  readonly entry: OffsetLogEntry;
  readonly durations: Record<string, number>;
  readonly sources: readonly SourceProgress[];
  readonly numOutputRows: number;
  readonly watermarks: readonly WatermarkOperator[];
  readonly stateful: readonly StatefulOperator[];
}

export function buildProgress(m: BatchMeasurements): StreamingQueryProgress {
  const numInputRows = m.sources.reduce((n, s) => n + s.numInputRows, 0);
  const seconds = Math.max(m.durations.triggerExecution / 1000, 1e-6);
  const seen = m.watermarks.filter((w) => w.stats.count > 0);
  const count = seen.reduce((n, w) => n + w.stats.count, 0);
  return {
    ...m.identity,
    batchId: m.batchId,
    timestampMs: m.entry.batchTimestampMs,
    isNoDataBatch: isDeepStrictEqual(m.entry.startOffsets ?? {}, m.entry.endOffsets),
    numInputRows,
    inputRowsPerSecond: numInputRows / seconds,
    processedRowsPerSecond: numInputRows / seconds,
    numOutputRows: m.numOutputRows,
    durationMs: m.durations,
    eventTime:
      m.watermarks.length === 0
        ? {}
        : count
          ? {
              watermarkMs: m.entry.watermarkMs,
              minMs: Math.min(...seen.map((w) => w.stats.min)),
              maxMs: Math.max(...seen.map((w) => w.stats.max)),
              avgMs: seen.reduce((s, w) => s + w.stats.sum, 0) / count,
            }
          : { watermarkMs: m.entry.watermarkMs },
    stateOperators: m.stateful.map((op) => ({
      operatorId: op.operatorId,
      operatorName: op.stateKind,
      ...op.stats,
      numRowsTotal: op.numStateRows,
      ...(op.customMetrics ? { customMetrics: { ...op.customMetrics } } : {}),
    })),
    sources: m.sources,
  };
}
