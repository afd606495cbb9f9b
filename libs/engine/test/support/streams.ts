// Small helpers for streaming tests: an event stream of (value seconds, key) and a counting query.
import { col, count, sum, window, type DataFrame, type Engine } from '../../src/index';
import { schema } from '../../src/index';

export const EVENT_SCHEMA = schema({ value: 'long', key: 'string' });

export const toEvents = (values: number[], key = 'a') => values.map((value) => ({ value, key }));

/** eventTime = value seconds; watermark `delaySec`; count + sum(value) per tumbling `sizeSec` window. */
export function countPerWindow(events: DataFrame, sizeSec: number, delaySec: number | null = 10, slideSec?: number): DataFrame {
  let df = events.withColumn('eventTime', col('value').multiply(1000).cast('timestamp'));
  if (delaySec !== null) df = df.withWatermark('eventTime', `${delaySec} seconds`);
  return df
    .groupBy(window('eventTime', `${sizeSec} seconds`, slideSec ? `${slideSec} seconds` : undefined), col('key'))
    .agg(count().as('count'), sum('value').as('total'))
    .select(col('key'), col('window.start').divide(1000).as('start'), col('count'), col('total'));
}

export const tuples = (rows: Record<string, unknown>[]) =>
  rows.map((r) => [r.key, r.start, r.count, r.total] as const).sort((a, b) => String(a).localeCompare(String(b)));

export async function drain(engine: Engine, name: string) {
  return engine.memorySink(name)!;
}
