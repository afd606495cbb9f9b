import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ApiKeyService } from '../src/auth/api-key.service';
import { commitProgress } from './support/seed';
import { getJson, startTestApi, type TestApi } from './support/test-api';

const topic = `sales-progress-test-${randomBytes(4).toString('hex')}`;

describe('dead letters, pipeline progress, health, metrics, OpenAPI', () => {
  let api: TestApi;
  let admin: string;
  let kafkaAdmin: Admin;

  beforeAll(async () => {
    api = await startTestApi('api_ops');
    admin = (await new ApiKeyService(api.app.get(DataSource)).create('ops', ['admin'])).key;
    await api.pg.query(
      `INSERT INTO dead_letters (query_name, source, position, raw, error_code, error_message)
       VALUES ('inventory', 'kafka:sales', '3:17', convert_to('{"sku":', 'UTF8'), 'BAD_JSON', 'Unexpected end of JSON input'),
              ('inventory', 'kafka:sales', '3:18', NULL, 'BAD_JSON', 'empty record (null value)')`,
    );
    // A real topic holding 10 records; the pipeline has consumed 6 of them by batch 3.
    const kafka = new Kafka({ clientId: 'api-test', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: String(i) })) });
    await producer.disconnect();
    const t = Date.parse('2026-11-20T12:00:00Z');
    for (let b = 1; b <= 3; b++) {
      // The shape apps/pipeline writes (retail-sinks.ts).
      await commitProgress(api.pg, 'inventory', b, {
        batchId: b,
        outputRows: 2,
        watermarkMs: t + b * 1000,
        batchTimestampMs: Date.now() - 150,
        endOffsets: { [`kafka:${topic}`]: { topic, partitions: { '0': 2 * b } } },
        deadLetters: 0,
        numRowsDroppedByWatermark: b,
      });
    }
  });
  afterAll(async () => {
    await api?.stop();
    await kafkaAdmin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await kafkaAdmin?.disconnect();
  });

  it('lists dead letters with raw bytes and reason for an admin key', async () => {
    const { status, body } = await getJson<{ items: Record<string, unknown>[] }>(api, '/api/v1/dead-letters', { headers: { 'x-api-key': admin } });
    expect(status).toBe(200);
    expect(body.items).toEqual([
      expect.objectContaining({ position: '3:18', raw: null, rawText: null }), // a tombstone: no bytes at all
      expect.objectContaining({ errorCode: 'BAD_JSON', position: '3:17', rawText: '{"sku":', raw: Buffer.from('{"sku":').toString('base64') }),
    ]);
  });

  it('summarizes pipeline progress: latest batch, duration, watermark, offset lag', async () => {
    const { body } = await getJson<{ queryName: string; latest: Record<string, unknown>; batches: unknown[] }[]>(api, '/api/v1/pipeline/progress');
    expect(body).toHaveLength(1);
    expect(body[0].batches).toHaveLength(3);
    expect(body[0].latest).toMatchObject({ batchId: 3, numInputRows: 2, watermark: '2026-11-20T12:00:03.000Z', offsetLag: 4, rowsDroppedByWatermark: 3 });
    expect(body[0].latest['batchDurationMs']).toBeGreaterThanOrEqual(150);
  });

  it('reports readiness (Postgres) in /health', async () => {
    const { status, body } = await getJson<{ checks: Record<string, { ok: boolean }> }>(api, '/health');
    expect(status).toBe(200);
    expect(body.checks).toEqual({ postgres: expect.objectContaining({ ok: true }) });
  });

  it('exposes Prometheus metrics with route labels', async () => {
    await getJson(api, '/api/v1/inventory/X-1');
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toContain('shelfstream_api_http_request_duration_seconds_bucket');
    expect(text).toMatch(/route="\/api\/v1\/inventory\/:sku",status="404"/);
    // late drops are visible: rows dropped by the watermark per query, summed over its batches (1 + 2 + 3)
    expect(text).toContain('shelfstream_pipeline_rows_dropped_by_watermark{query="inventory"} 6');
  });

  it('serves the OpenAPI document and UI at /docs', async () => {
    const ui = await fetch(`${api.url}/docs`);
    expect(ui.status).toBe(200);
    const doc = await getJson<{ paths: Record<string, unknown> }>(api, '/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/inventory', '/api/v1/inventory/{sku}', '/api/v1/products']));
  });
});
