// Benchmark: the Postgres sink's two write methods side by side in one run, on the retail shapes:
// velocity (12 sliding windows per SKU: 3-column key, upsert of rows that mostly exist) and inventory
// (upsert by SKU plus an appended history row each). Alternates copy / unnest per round so load drifts
// hit both alike; prints wall ms, this process's CPU ms and the Postgres backend's CPU ms per batch.
// Run: node -r @swc-node/register bench/postgres-sink.bench.ts [--skus 1000] [--rounds 10]
import fs from 'node:fs';
import { Field, Float64, Int32, Int64, Schema, Table, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { Pool } from 'pg';
import { recordBatchFromArrays } from '@shelfstream/engine';
import { postgresSink, type PostgresSinkOptions } from '../src';
import { createTestDatabase } from '../src/testing';
import type { BatchContext } from '@shelfstream/engine';

const args = new Map(
  process.argv
    .slice(2)
    .map((a, i, all) => [a, all[i + 1]] as const)
    .filter(([a]) => a.startsWith('--')),
);
const SKUS = Number(args.get('--skus') ?? 1000);
const ROUNDS = Number(args.get('--rounds') ?? 10);
const METHODS = ['copy', 'unnest'] as const;
const FIVE_MIN = 300_000;
const TICKS_PER_S = 100; // Linux USER_HZ: /proc/<pid>/stat times are in 1/100 s

const velocitySchema = new Schema([
  new Field('sku', new Utf8()),
  new Field('window_kind', new Utf8()),
  new Field('window_start', new TimestampMillisecond('UTC')),
  new Field('window_end', new TimestampMillisecond('UTC')),
  new Field('units', new Int64()),
  new Field('revenue', new Float64()),
  new Field('orders', new Int64()),
]);
const inventorySchema = new Schema([
  new Field('sku', new Utf8()),
  new Field('on_hand', new Int32()),
  new Field('price', new Float64()),
  new Field('last_event_at', new TimestampMillisecond('UTC')),
]);

/** One batch of 12 sliding windows per SKU; `round` moves the newest window so most rows already exist. */
function velocityBatch(round: number): Table {
  const sku: string[] = [];
  const kind: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const units: bigint[] = [];
  const revenue: number[] = [];
  const orders: bigint[] = [];
  const t0 = Date.UTC(2026, 0, 1) + round * FIVE_MIN;
  for (let s = 0; s < SKUS; s++)
    for (let w = 0; w < 12; w++) {
      sku.push(`SKU-${String(s).padStart(6, '0')}`);
      kind.push('1h');
      start.push(t0 - w * FIVE_MIN);
      end.push(t0 - w * FIVE_MIN + 12 * FIVE_MIN);
      units.push(BigInt(round + w + 1));
      revenue.push((round + w + 1) * 2.49);
      orders.push(BigInt(round + 1));
    }
  return new Table(recordBatchFromArrays(velocitySchema, [sku, kind, start, end, units, revenue, orders]));
}

function inventoryBatch(round: number): Table {
  const ids = Array.from({ length: SKUS }, (_, s) => s);
  return new Table(
    recordBatchFromArrays(inventorySchema, [
      ids.map((s) => `SKU-${String(s).padStart(6, '0')}`),
      ids.map((s) => 1000 - round - (s % 7)),
      ids.map((s) => 1 + (s % 50) / 4),
      ids.map(() => Date.UTC(2026, 0, 1) + round * 1000),
    ]),
  );
}

const cpuTicks = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};

interface Totals {
  wallMs: number;
  nodeCpuMs: number;
  pgCpuMs: number;
  rows: number;
}

async function main(): Promise<void> {
  const db = await createTestDatabase('bench_pg_sink');
  const pool = new Pool({ connectionString: db.url, max: 1 }); // one connection: its backend's CPU is the write's
  try {
    for (const m of METHODS) {
      await pool.query(
        `CREATE TABLE velocity_${m} (sku text, window_kind text, window_start timestamptz, window_end timestamptz, units int, revenue numeric(14,2), orders int, batch_id bigint, PRIMARY KEY (sku, window_kind, window_start))`,
      );
      await pool.query(
        `CREATE TABLE inventory_${m} (sku text PRIMARY KEY, on_hand int, price numeric(12,2), last_event_at timestamptz, batch_id bigint, updated_at timestamptz)`,
      );
      await pool.query(
        `CREATE TABLE history_${m} (id bigserial PRIMARY KEY, sku text, on_hand int, price numeric(12,2), last_event_at timestamptz, batch_id bigint)`,
      );
    }
    const backend = Number((await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const sinks = (m: (typeof METHODS)[number]): [string, PostgresSinkOptions][] => [
      ['velocity', { connection: pool, writeMethod: m, table: `velocity_${m}`, keyColumns: ['sku', 'window_kind', 'window_start'], batchIdColumn: 'batch_id' }],
      [
        'inventory',
        {
          connection: pool,
          writeMethod: m,
          table: `inventory_${m}`,
          keyColumns: ['sku'],
          batchIdColumn: 'batch_id',
          commitTimeColumn: 'updated_at',
          history: { table: `history_${m}`, batchIdColumn: 'batch_id' },
        },
      ],
    ];
    const totals = new Map<string, Totals>();
    for (let round = 0; round < ROUNDS; round++) {
      const batches: Record<string, Table> = { velocity: velocityBatch(round), inventory: inventoryBatch(round) };
      for (const m of round % 2 === 0 ? METHODS : [...METHODS].reverse()) {
        for (const [shape, options] of sinks(m)) {
          const sink = postgresSink(options);
          const context: BatchContext = {
            queryName: `bench-${shape}-${m}`,
            batchId: round,
            outputMode: 'update',
            endOffsets: {},
            watermarkMs: 0,
            batchTimestampMs: 0,
          };
          const [cpu0, pg0, t0] = [process.cpuUsage(), cpuTicks(backend), performance.now()];
          await sink.write(batches[shape], context);
          const cpu = process.cpuUsage(cpu0);
          if (round === 0) continue; // warm-up: first inserts, stage table creation
          const t = totals.get(`${shape} ${m}`) ?? { wallMs: 0, nodeCpuMs: 0, pgCpuMs: 0, rows: 0 };
          t.wallMs += performance.now() - t0;
          t.nodeCpuMs += (cpu.user + cpu.system) / 1000;
          t.pgCpuMs += ((cpuTicks(backend) - pg0) * 1000) / TICKS_PER_S;
          t.rows += batches[shape]?.numRows ?? 0;
          totals.set(`${shape} ${m}`, t);
        }
      }
    }
    const rounds = ROUNDS - 1;
    const results = [...totals].map(([name, t]) => ({
      run: name,
      rowsPerBatch: t.rows / rounds,
      wallMsPerBatch: +(t.wallMs / rounds).toFixed(1),
      nodeCpuMsPerBatch: +(t.nodeCpuMs / rounds).toFixed(1),
      pgCpuMsPerBatch: +(t.pgCpuMs / rounds).toFixed(1),
    }));
    console.table(results);
    for (const shape of ['velocity', 'inventory']) {
      const [c, u] = METHODS.map((m) => results.find((r) => r.run === `${shape} ${m}`));
      if (c && u)
        console.log(
          `${shape}: copy / unnest wall ${(c.wallMsPerBatch / u.wallMsPerBatch).toFixed(2)}x, node CPU ${(c.nodeCpuMsPerBatch / u.nodeCpuMsPerBatch).toFixed(2)}x, Postgres CPU ${(c.pgCpuMsPerBatch / u.pgCpuMsPerBatch).toFixed(2)}x`,
        );
    }
    console.log(JSON.stringify({ skus: SKUS, rounds, results }));
  } finally {
    await pool.end();
    await db.drop();
  }
}

void main();
