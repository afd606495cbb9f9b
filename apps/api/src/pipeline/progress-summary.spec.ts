import { describe, expect, it } from 'vitest';
import { consumedOffsets, offsetLag, summarizeBatch, summarizeQuery } from './progress-summary';

const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 12, 0, 0) + s * 1000);
const pipelineProgress = (batchId: number, p0: number, p1: number, startS: number) => ({
  batchId,
  outputRows: 3,
  deadLetters: 1,
  numRowsDroppedByWatermark: 2,
  watermarkMs: at(0).getTime() - 60_000,
  batchTimestampMs: at(startS).getTime(),
  endOffsets: { 'kafka:sales': { topic: 'sales', partitions: { '0': p0, '1': p1 } } },
});

describe('progress summary', () => {
  it('derives input rows, rate and duration from the pipeline progress of two batches', () => {
    const previous = { queryName: 'q', batchId: 1, committedAt: at(10), progress: pipelineProgress(1, 100, 50, 9) };
    const row = { queryName: 'q', batchId: 2, committedAt: at(12), progress: pipelineProgress(2, 140, 70, 11.5) };
    const ends = new Map([
      [
        'sales',
        new Map([
          [0, 150],
          [1, 70],
        ]),
      ],
    ]);
    expect(summarizeBatch(row, previous, ends)).toMatchObject({
      numInputRows: 60,
      inputRowsPerSecond: 30,
      batchDurationMs: 500,
      outputRows: 3,
      deadLetters: 1,
      rowsDroppedByWatermark: 2,
      watermark: '2026-11-20T11:59:00.000Z',
      offsetLag: 10,
    });
  });

  it('reads Spark-style progress', () => {
    const b = summarizeBatch({
      queryName: 'q',
      batchId: 4,
      committedAt: at(0),
      progress: {
        numInputRows: 10,
        inputRowsPerSecond: 5,
        durationMs: { triggerExecution: 200 },
        eventTime: { watermark: '2026-11-20T11:59:00Z' },
        sources: [{ endOffset: { topic: 't', partitions: { 0: 5, 1: 7 } }, latestOffset: { topic: 't', partitions: { 0: 9, 1: 7 } } }],
      },
    });
    expect(b).toMatchObject({ numInputRows: 10, inputRowsPerSecond: 5, batchDurationMs: 200, watermark: '2026-11-20T11:59:00.000Z', offsetLag: 4 });
  });

  it('tolerates missing and malformed fields', () => {
    const b = summarizeBatch({ queryName: 'q', batchId: 1, committedAt: at(0), progress: 'junk' });
    expect(b).toMatchObject({ numInputRows: null, batchDurationMs: null, watermark: null, offsetLag: null });
    expect(consumedOffsets({ endOffsets: { x: { topic: 1 }, y: null } }).size).toBe(0);
    expect(offsetLag(new Map([['t', new Map([[0, 5]])]]), new Map())).toBeNull();
  });

  it('computes events per second over the listed batches', () => {
    const rows = [0, 1, 2, 3].map((i) => ({ queryName: 'q', batchId: i, committedAt: at(i * 2), progress: pipelineProgress(i, 100 * i, 0, i * 2 - 0.1) }));
    const batches = [3, 2, 1].map((i) => summarizeBatch(rows[i], rows[i - 1]));
    const s = summarizeQuery(batches, at(10));
    expect(s.eventsPerSecond).toBe(50); // 200 rows over the 4 s between the oldest and newest listed commits
    expect(s.avgBatchDurationMs).toBe(100);
    expect(s.secondsSinceCommit).toBe(4);
  });
});
