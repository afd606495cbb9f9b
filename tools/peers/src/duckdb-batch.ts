// DuckDB (@duckdb/node-api) as the batch peer: the sliding-window aggregation over a Parquet file,
// with one thread or all of them, in a fresh in-memory database per run.
import { DuckDBInstance } from '@duckdb/node-api';
import { availableParallelism } from 'node:os';
import { parquetEventsSql, slidingWindowSql, summarySql } from './sliding-window-sql';

export interface DuckDbBatchOptions {
  readonly parquet: string;
  /** Worker threads; 'all' = every core of the machine. */
  readonly threads: number | 'all';
  /** Runs on the same database (the first one includes cold file reads). Default 1. */
  readonly repeats?: number;
}

export interface BatchFigures {
  readonly peer: 'duckdb';
  readonly mode: 'batch';
  readonly threads: number;
  readonly repeat: number;
  readonly events: number;
  readonly windows: number;
  readonly orders: number;
  readonly units: number;
  readonly revenue: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export class PeerError extends Error {
  constructor(
    readonly code: 'PEER_BAD_OPTIONS' | 'PEER_QUERY_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'PeerError';
  }
}

export async function runDuckDbBatch(options: DuckDbBatchOptions): Promise<BatchFigures[]> {
  const threads = options.threads === 'all' ? availableParallelism() : options.threads;
  const repeats = options.repeats ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new PeerError('PEER_BAD_OPTIONS', `threads must be a positive integer or 'all', got ${options.threads}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new PeerError('PEER_BAD_OPTIONS', `repeats must be a positive integer, got ${repeats}`);

  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  try {
    // Timestamps without a zone are UTC, whatever the machine's zone.
    await connection.run(`set TimeZone = 'UTC'`);
    const eventsSql = parquetEventsSql(options.parquet);
    const counted = await query(connection, `select count(*) as events from (${eventsSql})`);
    const events = Number(counted.events);
    const figures: BatchFigures[] = [];
    for (let repeat = 1; repeat <= repeats; repeat++) {
      const started = process.hrtime.bigint();
      const summary = await query(connection, summarySql(slidingWindowSql(eventsSql)));
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      figures.push({
        peer: 'duckdb',
        mode: 'batch',
        threads,
        repeat,
        events,
        windows: Number(summary.windows),
        orders: Number(summary.orders),
        units: Number(summary.units),
        revenue: Number(summary.revenue),
        elapsedMs,
        eventsPerSecond: events / (elapsedMs / 1000),
      });
    }
    return figures;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function query(connection: Awaited<ReturnType<DuckDBInstance['connect']>>, sql: string): Promise<Record<string, unknown>> {
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS()[0] ?? {};
  } catch (error) {
    throw new PeerError('PEER_QUERY_FAILED', `DuckDB query failed: ${(error as Error).message}`);
  }
}
