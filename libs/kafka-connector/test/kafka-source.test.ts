// The Kafka source against the real broker: bounded batches, exact replays of (start, end],
// starting offsets, and the Spark row columns.
import { Type } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaSource } from '../src';
import { createTestTopic, type TestTopic } from '../src/testing';
import type { Offset } from '@shelfstream/engine';

let topic: TestTopic;
const N = 3000;

beforeAll(async () => {
  topic = await createTestTopic('kafka-source', 6);
  await topic.produce(Array.from({ length: N }, (_, i) => ({ key: `sku-${i % 50}`, value: JSON.stringify({ i }) })));
});
afterAll(() => topic?.delete());

const positions = (t: import('apache-arrow').Table) =>
  Array.from({ length: t.numRows }, (_, i) => `${t.getChild('partition')!.get(i)}/${t.getChild('offset')!.get(i)}`);

describe('kafkaSource', () => {
  it('reads everything once in bounded batches; a new instance replays (start, end] exactly', async () => {
    const source = kafkaSource({ topic: topic.name, startingOffsets: 'earliest', maxOffsetsPerTrigger: 1000 });
    const ends: Offset[] = [];
    const seen = new Set<string>();
    const values: number[] = [];
    let start: Offset | undefined;
    const batches: string[][] = [];
    try {
      for (;;) {
        const end = await source.latestOffset(start);
        if (!end || JSON.stringify(end) === JSON.stringify(start)) break;
        const t = await source.getBatch(start, end);
        expect(t.numRows).toBeLessThanOrEqual(1000);
        expect(t.schema.fields.map((f) => [f.name, f.type.typeId])).toEqual([
          ['key', Type.Utf8],
          ['value', Type.Binary],
          ['topic', Type.Utf8],
          ['partition', Type.Int],
          ['offset', Type.Int],
          ['timestamp', Type.Timestamp],
        ]);
        for (const p of positions(t)) seen.add(p);
        for (let i = 0; i < t.numRows; i++) values.push(JSON.parse(Buffer.from(t.getChild('value')!.get(i) as Uint8Array).toString()).i);
        batches.push(positions(t));
        ends.push(end);
        start = end;
      }
    } finally {
      await source.stop();
    }
    expect(seen.size).toBe(N);
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(batches.length).toBe(3);

    const again = kafkaSource({ topic: topic.name, startingOffsets: 'earliest' });
    try {
      expect(positions(await again.getBatch(ends[0], ends[1]))).toEqual(batches[1]);
      expect(positions(await again.getBatch(undefined, ends[0]))).toEqual(batches[0]);
      expect(positions(await again.getBatch(ends[0], ends[1]))).toEqual(batches[1]);
    } finally {
      await again.stop();
    }
  });

  it("'latest' starts at the end; explicit offsets start where told", async () => {
    const latest = kafkaSource({ topic: topic.name });
    const explicit = kafkaSource({ topic: topic.name, startingOffsets: { '0': 5 } });
    try {
      const first = await latest.latestOffset();
      expect((await latest.getBatch(undefined, first!)).numRows).toBe(0);
      await topic.produce([{ key: 'new', value: 'x' }]);
      const next = await latest.latestOffset(first);
      const t = await latest.getBatch(first, next!);
      expect(t.numRows).toBe(1);
      expect(t.getChild('key')!.get(0)).toBe('new');

      const end = (await explicit.latestOffset()) as { partitions: Record<string, number> };
      const all = Object.values(end.partitions).reduce((a, b) => a + b, 0);
      expect((await explicit.getBatch(undefined, end)).numRows).toBe(all - 5);
    } finally {
      await latest.stop();
      await explicit.stop();
    }
  });

  it('rejects an offset of another topic', async () => {
    const source = kafkaSource({ topic: topic.name });
    await expect(source.getBatch(undefined, { topic: 'other', partitions: {} })).rejects.toMatchObject({ code: 'INVALID_OFFSET' });
    await source.stop();
  });
});
