// Restart after kill -9: our engine's streaming query (engine-stream.ts child: Kafka sales ⋈ products,
// sliding 1 h/5 min windows, Postgres sink and checkpoint) is fed until its state holds ~`skus` SKUs,
// then SIGKILLed while running; a few more events are produced and a fresh process is started. Measured
// per restart: spawn → end of the first data batch (its progress line: startMs + triggerExecution, i.e.
// after the sink's and the checkpoint's Postgres commits), split into boot (spawn → modules loaded),
// restore (loaded → query started: products CSV, checkpoint and state read) and first batch. The last
// restart is profiled from loaded to started (the profile that explains the restore time).
import { createTestTopic, testBrokers } from '@shelfstream/kafka-connector/testing';
import { createTestDatabase } from '@shelfstream/postgres-connector/testing';
import type { ProfileSummary } from '@shelfstream/platform';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { type Child, runBenchScript } from './child';
import { BenchError } from './flags';
import { produceSales } from './peer-scripts';
import { VELOCITY_TABLE } from './sliding-query';
import { MAX_OFFSETS_PER_TRIGGER, writeProductsCsv } from './stream-peer';

export interface RestartRun {
  readonly totalMs: number;
  readonly bootMs: number;
  readonly restoreMs: number;
  readonly firstBatchMs: number;
  readonly stateRows: number;
}

export interface RestartFigures {
  readonly skusInState: number;
  readonly stateRows: number;
  readonly runs: readonly RestartRun[];
  readonly medianMs: number;
  readonly maxMs: number;
  /** CPU profile of the last restart's restore (loaded → started). */
  readonly restoreProfile?: ProfileSummary;
}

const AFTER_KILL_EVENTS = 1000;
const TIMEOUT_MS = 10 * 60_000;

interface Lines {
  loadedAtMs?: number;
  startedAtMs?: number;
  startProfile?: ProfileSummary;
  batches: { inputRows: number; startMs: number; durationMs: number; stateRows: number }[];
}

function start(args: readonly string[], lines: Lines): Child {
  return runBenchScript('engine-stream.ts', args, (line) => {
    if (typeof line.loadedAtMs === 'number') lines.loadedAtMs = line.loadedAtMs;
    if (typeof line.startedAtMs === 'number') lines.startedAtMs = line.startedAtMs;
    if (line.startProfile) lines.startProfile = line.startProfile as ProfileSummary;
    if (typeof line.inputRows === 'number') lines.batches.push(line as unknown as Lines['batches'][number]);
  });
}

async function until(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new BenchError('BENCH_TIMEOUT', `restart bench: no ${what} after ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function kill(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  await child.done.catch(() => undefined);
}

/** `skus`: SKUs wanted in state; the skewed producer draws from 1.5x as many SKUs, 3 events per wanted SKU. */
export async function runRestartBench(skus: number, restarts: number, log: (m: string) => void): Promise<RestartFigures> {
  const drawn = Math.round(skus * 1.5);
  const events = skus * 3;
  const products = writeProductsCsv(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-restart-')), drawn);
  log(`restart: producing ${events.toLocaleString('en-GB')} events over ${drawn.toLocaleString('en-GB')} SKUs (event time now)`);
  const topic = await createTestTopic('bench-restart', 6);
  await produceSales({ brokers: testBrokers(), topic: topic.name, events, skus: drawn, hours: 0.01 });
  const db = await createTestDatabase('bench_restart');
  const pool = new Pool({ connectionString: db.url, max: 1 });
  const args = ['--topic', topic.name, '--products', products, '--pg', db.url, '--query', 'restart', '--max-offsets', String(MAX_OFFSETS_PER_TRIGGER)];
  let child: Child | undefined;
  try {
    let lines: Lines = { batches: [] };
    child = start(args, lines);
    const first = lines;
    await until('drain of the backlog', () => first.batches.reduce((n, b) => n + b.inputRows, 0) >= events);
    const [{ n }] = (await pool.query(`select count(distinct sku)::int as n from ${VELOCITY_TABLE}`)).rows as [{ n: number }];
    log(`restart: ${n.toLocaleString('en-GB')} SKUs, ${first.batches.at(-1)?.stateRows.toLocaleString('en-GB')} state rows; ${restarts} x kill -9 and restart`);
    const runs: RestartRun[] = [];
    for (let i = 0; i < restarts; i++) {
      await kill(child);
      await produceSales({ brokers: testBrokers(), topic: topic.name, events: AFTER_KILL_EVENTS, skus: drawn, hours: 0.01 });
      lines = { batches: [] };
      const current = lines;
      const spawnedAt = Date.now();
      child = start(i === restarts - 1 ? [...args, '--profile-start'] : args, current);
      await until('first batch after restart', () => current.batches.length > 0);
      const [batch] = current.batches as [Lines['batches'][number]];
      const loaded = current.loadedAtMs ?? spawnedAt;
      const started = current.startedAtMs ?? loaded;
      const end = batch.startMs + batch.durationMs;
      const run = {
        totalMs: Math.round(end - spawnedAt),
        bootMs: loaded - spawnedAt,
        restoreMs: started - loaded,
        firstBatchMs: Math.round(end - started),
        stateRows: batch.stateRows,
      };
      log(`restart ${i + 1}: ${JSON.stringify(run)}`);
      runs.push(run);
    }
    const sorted = runs.map((r) => r.totalMs).sort((a, b) => a - b);
    return {
      skusInState: n,
      stateRows: runs[0]?.stateRows ?? 0,
      runs,
      medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      maxMs: sorted.at(-1) ?? 0,
      restoreProfile: lines.startProfile,
    };
  } finally {
    if (child) await kill(child);
    await pool.end();
    await db.drop();
    await topic.delete();
  }
}
