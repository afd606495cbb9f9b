// The Kafka sink: JSON records keyed by a column, one transaction per batch, replayed batch ids skipped.
import { Field, Float64, Schema, Table, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBatchFromArrays } from '@shelfstream/engine';
import { kafkaSink, kafkaSource } from '../src';
import { createTestTopic, type TestTopic } from '../src/testing';
import type { BatchContext } from '@shelfstream/engine';

let topic: TestTopic;
beforeAll(async () => {
  topic = await createTestTopic('kafka-sink', 3);
});
afterAll(() => topic?.delete());

const schema = new Schema([new Field('sku', new Utf8()), new Field('newPrice', new Float64()), new Field('decidedAt', new TimestampMillisecond('UTC'))]);
const ctx = (batchId: number): BatchContext => ({ queryName: 'pricing', batchId, outputMode: 'append', endOffsets: {}, watermarkMs: 0, batchTimestampMs: 0 });

describe('kafkaSink', () => {
  it('writes keyed JSON records once per batch id', async () => {
    const sink = kafkaSink({ topic: topic.name, keyColumn: 'sku' });
    const t = Date.UTC(2024, 5, 1);
    const rows = new Table(
      recordBatchFromArrays(schema, [
        ['a', 'b', 'a'],
        [1.5, 2, null],
        [t, t, t],
      ]),
    );
    try {
      await sink.addBatch(rows, ctx(0));
      await sink.addBatch(rows, ctx(0));
      await sink.addBatch(rows.slice(0, 1), ctx(1));
    } finally {
      await sink.close();
    }
    const reader = kafkaSource({ topic: topic.name, startingOffsets: 'earliest', valueAs: 'string' });
    try {
      const out = await reader.getBatch(undefined, (await reader.latestOffset())!);
      expect(out.numRows).toBe(4);
      const records = Array.from({ length: out.numRows }, (_, i) => ({
        key: out.getChild('key')!.get(i),
        partition: out.getChild('partition')!.get(i),
        value: JSON.parse(out.getChild('value')!.get(i) as string),
      }));
      const a = records.filter((r) => r.key === 'a');
      expect(new Set(a.map((r) => r.partition)).size).toBe(1);
      expect(records.map((r) => r.value)).toContainEqual({ sku: 'b', newPrice: 2, decidedAt: '2024-06-01T00:00:00.000Z' });
      expect(records.map((r) => r.value)).toContainEqual({ sku: 'a', newPrice: null, decidedAt: '2024-06-01T00:00:00.000Z' });
    } finally {
      await reader.stop();
    }
  });
});
