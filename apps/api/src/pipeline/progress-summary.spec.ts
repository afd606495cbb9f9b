import { describe, expect, it } from 'vitest';
import { summarizeBatch, summarizeQuery } from './progress-summary';

const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 12, 0, s));

describe('progress summary', () => {
  it('reads Spark-style progress', () => {
    const b = summarizeBatch({
      queryName: 'q',
      batchId: 4,
      committedAt: at(0),
      progress: {
        numInputRows: 10,
        inputRowsPerSecond: 5,
        processedRowsPerSecond: 50,
        durationMs: { triggerExecution: 200 },
        eventTime: { watermark: '2026-11-20T11:59:00Z' },
        sources: [{ endOffset: { sales: { 0: 5, 1: 7 } }, latestOffset: { sales: { 0: 9, 1: 7 } } }],
      },
    });
    expect(b).toMatchObject({ numInputRows: 10, processedRowsPerSecond: 50, batchDurationMs: 200, watermark: '2026-11-20T11:59:00.000Z', offsetLag: 4 });
  });

  it('reads flat variants and tolerates missing fields', () => {
    const b = summarizeBatch({ queryName: 'q', batchId: 1, committedAt: at(0), progress: { durationMs: 30, watermarkMs: 0 } });
    expect(b).toMatchObject({ batchDurationMs: 30, watermark: null, offsetLag: null, numInputRows: null });
    expect(summarizeBatch({ queryName: 'q', batchId: 1, committedAt: at(0), progress: 'junk' }).batchDurationMs).toBeNull();
  });

  it('computes events per second over the listed batches', () => {
    const batches = [3, 2, 1].map((id) => summarizeBatch({ queryName: 'q', batchId: id, committedAt: at(id * 2), progress: { numInputRows: 100, durationMs: 10 * id } }));
    const s = summarizeQuery(batches, at(10));
    expect(s.eventsPerSecond).toBe(50); // 200 rows committed after the oldest batch, over 4 s
    expect(s.avgBatchDurationMs).toBe(20);
    expect(s.secondsSinceCommit).toBe(4);
  });
});
