// NDJSON (given or inferred schema) and Arrow IPC (file and stream formats), file or folder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field, Float64, Int32, Schema, tableFromArrays, tableToIPC, Type, Utf8 } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createEngine } from '@shelfstream/engine';
import { collectTable, fileSource, readArrowFiles, readFiles, readJsonFiles, readNdjson } from '../src';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'json-arrow-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('NDJSON', () => {
  it('reads with a schema, in batches, nulls for missing fields', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify(i % 10 === 0 ? { sku: `s${i}` } : { sku: `s${i}`, qty: i, price: i / 4 }));
    await writeFile(join(dir, 'a.ndjson'), lines.join('\r\n') + '\n\n');
    const schema = new Schema([new Field('sku', new Utf8()), new Field('qty', new Int32()), new Field('price', new Float64())]);
    const sizes: number[] = [];
    for await (const b of readNdjson(join(dir, 'a.ndjson'), { schema, batchSize: 1000 })) sizes.push(b.numRows);
    expect(sizes).toEqual([1000, 1000, 500]);
    const t = await collectTable(readJsonFiles(dir, { schema }));
    expect(t.getChild('qty')!.get(7)).toBe(7);
    expect(t.getChild('qty')!.get(10)).toBeNull();
    expect(t.getChild('price')!.get(9)).toBe(2.25);
  });

  it('infers a schema, times with a zone as timestamps', async () => {
    await writeFile(join(dir, 'b.jsonl'), '{"a":1,"t":"2024-01-01T00:00:00Z","s":"x","b":true}\n{"a":2.5,"t":null,"s":"y","b":false}\n');
    const t = await collectTable(readNdjson(join(dir, 'b.jsonl')));
    expect(t.schema.fields.map((f) => [f.name, f.type.typeId])).toEqual([
      ['a', Type.Float],
      ['t', Type.Timestamp],
      ['s', Type.Utf8],
      ['b', Type.Bool],
    ]);
    expect(t.getChild('t')!.get(0)).toBe(Date.UTC(2024, 0, 1));
  });

  it('reports the line of bad JSON', async () => {
    await writeFile(join(dir, 'bad.ndjson.txt'), '{"a":1}\n{oops\n');
    await expect(collectTable(readNdjson(join(dir, 'bad.ndjson.txt')))).rejects.toThrow(/JSON_PARSE_ERROR: .*:2:/);
  });
});

describe('Arrow IPC', () => {
  it('reads the file and the stream format', async () => {
    const source = tableFromArrays({ id: Int32Array.from([1, 2, 3]), name: ['a', 'b', null] });
    await writeFile(join(dir, 'x.arrow'), tableToIPC(source, 'file'));
    await writeFile(join(dir, 'y.arrows'), tableToIPC(source, 'stream'));
    const t = await collectTable(readArrowFiles(dir));
    expect(t.numRows).toBe(6);
    expect(t.getChild('name')!.toArray()).toEqual(['a', 'b', null, 'a', 'b', null]);
  });

  it('feeds the engine as a BatchSource (schema from the first file)', async () => {
    const engine = createEngine();
    const arrowRows = await engine.read
      .source(await fileSource(dir, { format: 'arrow' }))
      .groupBy('name')
      .agg(count().as('n'))
      .collect();
    expect(arrowRows.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { name: 'a', n: 2 },
      { name: 'b', n: 2 },
      { name: null, n: 2 },
    ]);
    const json = await engine.read.source(await fileSource(join(dir, 'b.jsonl'), { format: 'json' })).count();
    expect(json).toBe(2);
  });

  it('fails with a code on a missing path', async () => {
    await expect(collectTable(readFiles(join(dir, 'missing'), { format: 'arrow' }))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});
