// The peers' building blocks in scripts/peers (plain ESM JavaScript, no Nx project): Spark set-up and
// runner, the sales producer both streaming peers read from, and a throw-away database for Spark's sink.
// Loaded here once at run time (scripts/ is no project to import by alias), with the types the bench uses.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './child';

const load = createRequire(__filename);
const peers = (file: string) => load(path.join(ROOT, 'scripts', 'peers', file)) as Record<string, unknown>;
const producer = peers('sales-producer.mjs');
const spark = peers('spark.mjs');

export interface ProduceOptions {
  readonly brokers: string[];
  readonly topic: string;
  readonly events: number;
  readonly skus: number;
  /** Events per second with event time = now; without it a backlog with event times over `hours`. */
  readonly rate?: number;
  readonly hours?: number;
}

export interface PeerDatabase {
  readonly name: string;
  readonly jdbcUrl: string;
  query(sql: string): Promise<Record<string, unknown>[]>;
  drop(): Promise<unknown>;
}

export const produceSales = producer.produceSales as (options: ProduceOptions) => Promise<{ produced: number; elapsedMs: number }>;
export const createPeerDatabase = peers('peer-database.mjs').createPeerDatabase as (prefix?: string) => Promise<PeerDatabase>;
export const ensureSpark = spark.ensureSpark as () => Promise<{ version: string; downloadedMs: number; compiledMs: number }>;
export const runSparkPeer = spark.runSparkPeer as (
  args: string[],
  options?: { heap?: string; onFigures?: (figures: Record<string, unknown>) => void },
) => Promise<Record<string, unknown>[]>;
