// The shape of bench-results/bench-<time>.json as `npm run bench` writes it and the docs generator reads
// it. Own benches' figures are the JSON lines each printed (read with the accessors below, which accept
// a missing or partial figure: a run without that bench, or an older bench version).
import type { ProfileSummary } from '@shelfstream/platform';
import type { RestartFigures } from './restart-after-kill';
import type { BenchOptions } from './options';
import type { TableRow } from './report';
import type { StreamFigures } from './stream-peer';

export interface MachineFacts {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export interface LoadFacts {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly samples: number;
}

export interface OwnBenchFacts {
  readonly project: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly log: string;
  readonly figures: readonly unknown[];
}

export interface BatchRunFacts {
  readonly peer: string;
  readonly threads?: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly sameAsOurs?: boolean;
}

export interface BenchResults {
  readonly at: string;
  readonly machine: MachineFacts;
  readonly options: BenchOptions;
  readonly own?: readonly OwnBenchFacts[];
  readonly spark?: string;
  readonly batch?: { readonly parquet?: string; readonly runs?: readonly BatchRunFacts[] };
  readonly stream?: Readonly<Record<string, StreamFigures | string>>;
  readonly stateMemory?: Record<string, unknown>;
  readonly restart?: RestartFigures;
  readonly loadAverage?: LoadFacts;
  readonly table?: readonly TableRow[];
  readonly error?: string;
}

/** The pipeline bench's JSON line (apps/pipeline/bench/pipeline.bench.ts). */
export interface PipelineFigures {
  readonly config?: {
    rate: number;
    seconds: number;
    backlog: number;
    triggerMs: number;
    synchronousCommit: boolean;
    partitions: number;
    profileBacklog: number;
  };
  readonly latency?: {
    produced: number;
    producedRate: number;
    measured: number;
    p50: number;
    p99: number;
    max: number;
    p50FirstThird: number;
    p50LastThird: number;
    cpuUsPerEvent?: number;
    /** Mean ms per batch phase, per query (Spark's durationMs names). */
    msPerBatch?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  readonly capacity?: { backlog: number; seconds: number; eventsPerSecond: number; inventoryBatches: number; cpuUsPerEvent?: number };
  readonly profile?: ProfileSummary;
}

export interface LookupFigures {
  readonly requestsPerSecond: number;
  readonly latencyMs: { p50: number; p99: number; max: number };
  readonly serverCpuPerRequestUs?: number;
}

/** The API bench's JSON line (apps/api/bench/api.bench.ts). */
export interface ApiFigures {
  readonly lookup?: LookupFigures;
  readonly lookupUncached?: LookupFigures;
  readonly broadcast?: { delayMs?: { p50: number; p99: number } };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The last JSON figure of an own bench that has `key`, if that bench ran. */
export function ownFigure<T>(results: BenchResults, project: string, key: string): T | undefined {
  const bench = results.own?.find((o) => o.project === project);
  const found = bench?.figures.filter((f) => isObject(f) && key in f).at(-1);
  return found as T | undefined;
}

export const ownRan = (results: BenchResults, project: string) => results.own?.some((o) => o.project === project) ?? false;

export function streamFigure(results: BenchResults, key: string): StreamFigures | undefined {
  const f = results.stream?.[key];
  return isObject(f) ? (f as unknown as StreamFigures) : undefined;
}
