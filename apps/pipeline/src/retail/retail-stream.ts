// The streaming side: Kafka `sales` -> parse + validate (dead letters) -> one retail query -> Postgres.
// One query with four outputs (live inventory, 1 h and 24 h velocity, sales history): each batch reads
// and parses its Kafka range once, runs the four plans, saves their state in one checkpoint and writes
// all four tables in one transaction, with the batch's dead-letter counts as its facts.
// Scale-out (retail-stream-group.ts): one such stream per owned Kafka partition, with its own checkpoint.
import { liveInventory, SALES_EVENTS_SCHEMA, salesHistory, salesVelocity, validateSalesRecord, VELOCITY_1H, VELOCITY_24H } from '@shelfstream/domain';
import { type Clock, createEngine, type DataFrame, EngineError, type StreamingQuery, toArrowSchema } from '@shelfstream/engine';
import { kafkaDeadLetters, kafkaSource, parsedKafkaSource, type ParsedKafkaSource, type RecordParser } from '@shelfstream/kafka-connector';
import { ENGINE_SCHEMA, ensureEngineTables, postgresCheckpointStore, postgresDeadLetters } from '@shelfstream/postgres-connector';
import type { Pool } from 'pg';
import { LiveDimension } from './retail-dimension';
import { RETAIL_OUTPUTS, type RetailOutput, retailOutputsSink } from './retail-sinks';

export interface RetailStreamOptions {
  readonly brokers: string[];
  readonly topic: string;
  readonly deadLetterTopic?: string;
  /** Micro-batch trigger interval in ms. */
  readonly triggerMs: number;
  readonly maxOffsetsPerTrigger?: number;
  readonly startingOffsets?: 'earliest' | 'latest';
  /** Prefix of query names (checkpoints and commits); tests use a unique one. */
  readonly queryPrefix?: string;
  /** Only these Kafka partitions (consumer-group mode runs one stream per owned partition). */
  readonly partitions?: readonly number[];
  /** Owner id written with partition offsets; a stale owner's commit is fenced (group mode). */
  readonly owner?: string;
  /** Event times later than the record's Kafka timestamp plus this are dead-lettered (EVENT_TIME_IN_FUTURE). */
  readonly maxFutureSkewMs?: number;
  /** How often (processing time) a quiet SKU's figures are checked for decay (default 1 minute). */
  readonly decayCheck?: string | number;
  /** Batch timestamps (processing time): the system clock unless a test moves its own. */
  readonly clock?: Clock;
}

export interface RetailStream {
  /** The retail query (outputs RETAIL_OUTPUTS). */
  readonly query: StreamingQuery;
  readonly source: ParsedKafkaSource;
  /** The event-time watermark (ms; 0 before any event). */
  watermarkMs(): number;
  /** Products + baselines as the inventory query sees them (re-read when they change). */
  readonly dimension: LiveDimension;
  processAllAvailable(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Domain validation as the Kafka parse step: the dead-letter code is the validation's reason code. The
 * record's Kafka timestamp is its receive time (the same on every replay of the batch).
 */
export function salesRecordParser(skus: ReadonlySet<string>, maxFutureSkewMs?: number): RecordParser {
  return (raw, meta) => {
    const result = validateSalesRecord(raw, { knownSkus: skus, receivedAtMs: meta?.timestampMs, maxFutureSkewMs });
    return result.ok ? { ok: true, value: { ...result.event, event_time: result.eventTimeMs } } : result;
  };
}

/** The retail query's name (its checkpoint and commit key) under a prefix. */
export const retailQueryName = (prefix = ''): string => `${prefix}retail`;

/**
 * Checkpoints of the earlier four-query pipeline (`live_inventory`, ... each with its own) without one of
 * the retail query: starting would read the topic again from `startingOffsets` with empty state, so it is
 * refused with the upgrade steps instead (docs/retail-pipeline.md).
 */
async function refuseFourQueryCheckpoints(pool: Pool, prefix: string): Promise<void> {
  await ensureEngineTables(pool);
  const { rows } = await pool.query<{ query_name: string }>(
    `SELECT query_name FROM ${ENGINE_SCHEMA}.checkpoint_metadata WHERE query_name = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM ${ENGINE_SCHEMA}.checkpoint_metadata WHERE query_name = $2) ORDER BY 1`,
    [RETAIL_OUTPUTS.map((output) => `${prefix}${output}`), retailQueryName(prefix)],
  );
  if (rows.length === 0) return;
  throw new EngineError(
    'CHECKPOINT_MISMATCH',
    `checkpoints of the four-query pipeline (${rows.map((r) => r.query_name).join(', ')}) and none of the one retail query ${retailQueryName(prefix)}: ` +
      'see "Upgrading from four queries" in docs/retail-pipeline.md',
  );
}

export async function startRetailStream(pool: Pool, options: RetailStreamOptions): Promise<RetailStream> {
  const prefix = options.queryPrefix ?? '';
  await refuseFourQueryCheckpoints(pool, prefix);
  const engine = createEngine({ clock: options.clock });
  const liveDimension = new LiveDimension(pool);
  const dimension = await liveDimension.frame(engine);
  const parser = salesRecordParser(liveDimension.skus, options.maxFutureSkewMs);
  const arrowSchema = toArrowSchema(SALES_EVENTS_SCHEMA);
  const source = parsedKafkaSource(
    kafkaSource({
      topic: options.topic,
      brokers: options.brokers,
      name: `kafka:${options.topic}`,
      startingOffsets: options.startingOffsets ?? 'earliest',
      maxOffsetsPerTrigger: options.maxOffsetsPerTrigger,
      partitions: options.partitions,
    }),
    {
      schema: arrowSchema,
      parser,
      // products or baselines changed since the last batch: re-read them before a batch is validated and joined
      beforeBatch: () => liveDimension.refresh(),
      deadLetters: [
        postgresDeadLetters({ connection: pool, queryName: retailQueryName(prefix) }),
        // A stable transactional id: a restarted stream fences (and aborts) the open transaction of the
        // process it replaces instead of leaving it to hold back read-committed consumers until it times out.
        ...(options.deadLetterTopic
          ? [
              kafkaDeadLetters({
                topic: options.deadLetterTopic,
                brokers: options.brokers,
                transactionalId: `shelfstream-dead-letters:${retailQueryName(prefix)}:${options.deadLetterTopic}`,
              }),
            ]
          : []),
      ],
    },
  );
  const events = engine.readStream.source(source);
  const outputs: Record<RetailOutput, DataFrame> = {
    live_inventory: liveInventory(events, dimension, { decayCheck: options.decayCheck }),
    sales_velocity_1h: salesVelocity(events, VELOCITY_1H),
    sales_velocity_24h: salesVelocity(events, VELOCITY_24H),
    // every validated event into sales_history: the nightly baseline's history and the as-of ledger
    sales_history: salesHistory(events),
  };
  const queryName = retailQueryName(prefix);
  const query = await engine
    .writeStreams(Object.fromEntries(RETAIL_OUTPUTS.map((name) => [name, outputs[name]])))
    .outputMode('update')
    .trigger({ processingTime: options.triggerMs })
    .queryName(queryName)
    .checkpointStore(postgresCheckpointStore(queryName, pool))
    .outputsSink(retailOutputsSink(pool, prefix, options.owner))
    .start();
  return {
    query,
    source,
    watermarkMs: () => query.currentWatermarkMs,
    dimension: liveDimension,
    processAllAvailable: () => query.processAllAvailable(),
    stop: () => query.stop(),
  };
}
