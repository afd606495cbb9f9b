// The `stream` command as a process: its status line reports the events it read and the real
// event-time watermark (newest sale time − the 10-minute delay of the velocity queries), and its
// /metrics endpoint (METRICS_PORT) counts the same rows.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import type { TestDatabase } from '@shelfstream/postgres-connector/testing';
import { freePort } from '@shelfstream/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog, seededDatabase, simulatedRecords } from './retail-fixture';

const ROOT = join(__dirname, '../../..');
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

describe('pipeline stream status line', () => {
  let db: TestDatabase;
  let topic: TestTopic;
  let deadLetterTopic: TestTopic;
  beforeAll(async () => {
    [db, topic, deadLetterTopic] = await Promise.all([
      bundledCatalog().then((catalog) => seededDatabase('stream_status', catalog)),
      createTestTopic('stream-status', 3, brokers),
      createTestTopic('stream-status-dl', 1, brokers),
    ]);
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), topic?.delete(), deadLetterTopic?.delete()]);
  });

  it('shows the watermark of the events read', { timeout: 180_000 }, async () => {
    const records = simulatedRecords(await bundledCatalog(), { startMs: Date.UTC(2026, 10, 16, 9), hours: 1, rate: 1, malformed: 0, seed: 5 });
    await topic.produce(records.map((r) => ({ key: r.key, value: r.value })));
    const newestSale = Math.max(...records.filter((r) => r.event?.type === 'sale').map((r) => r.eventTimeMs));
    const expected = new Date(newestSale - 10 * 60_000).toISOString();

    const metricsPort = await freePort();
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/pipeline/src/main.ts',
        'stream',
        '--topic',
        topic.name,
        '--dead-letter-topic',
        deadLetterTopic.name,
        '--trigger',
        '200ms',
        '--status-every',
        '1s',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          SWC_NODE_PROJECT: 'apps/pipeline/tsconfig.json',
          DATABASE_URL: db.url,
          KAFKA_BROKERS: brokers.join(','),
          METRICS_PORT: String(metricsPort),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    const eventsReported = () => [...output.matchAll(/^stream: last 1 s (\d+) events/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    // Resolves once the status lines have reported every record and the newest watermark.
    const seen = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.includes(`watermark ${expected}`));
        if (line && eventsReported() === records.length) resolve(line);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then((code) => reject(new Error(`stream exited (${code}) before the watermark line:\n${output}`)));
      setTimeout(() => reject(new Error(`no status lines with ${records.length} events and watermark ${expected} in 150 s:\n${output}`)), 150_000).unref();
    });
    try {
      const line = await seen;
      expect(line).toMatch(/^stream: last 1 s \d+ events, 0 dead letters; batch \d+, watermark /);
      expect(output).not.toContain('1970-01-01');
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toContain(`shelfstream_pipeline_input_rows_total{query="live_inventory"} ${records.length}`);
      expect(metrics).toMatch(/^shelfstream_pipeline_batch_duration_seconds_count\{query="live_inventory"\} [1-9]\d*$/m);
      expect(metrics).toContain('shelfstream_pipeline_process_cpu_seconds_total');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
