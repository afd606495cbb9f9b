// One batch of a pipeline query as the API and the dashboard show it (GET /pipeline/progress, `pipeline.progress`).
// Types only: the dashboard client compiles it too.

export interface BatchSummary {
  queryName: string;
  batchId: number;
  committedAt: string;
  numInputRows: number | null;
  inputRowsPerSecond: number | null;
  outputRows: number | null;
  deadLetters: number | null;
  /** Input rows the batch dropped as later than the watermark (null when the progress does not say). */
  rowsDroppedByWatermark: number | null;
  batchDurationMs: number | null;
  /** Watermark as ISO-8601, when the query has one. */
  watermark: string | null;
  /** Records in the source topics not yet consumed (Σ over partitions of end offset − consumed). */
  offsetLag: number | null;
}
