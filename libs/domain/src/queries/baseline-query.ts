// Baseline: each SKU's usual hourly sales over a history, from the velocity query run in batch with
// one-day windows (sales_baseline table).
import { col, type DataFrame, lit, max, min, sum } from '@shelfstream/engine';
import { salesVelocity } from './velocity-query';

const DAY_MS = 86_400_000;
export const BASELINE_DAYS = 28;

export interface BaselineRange {
  /** Inclusive start and exclusive end of the history used (whole UTC days). */
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The last `days` whole UTC days up to (and including) the day of `lastEventMs`, never starting before
 * the day of `firstEventMs` (a shorter history gives a shorter, not a diluted, baseline).
 */
export function baselineRange(firstEventMs: number, lastEventMs: number, days = BASELINE_DAYS): BaselineRange {
  const toMs = Math.floor(lastEventMs / DAY_MS) * DAY_MS + DAY_MS;
  return { fromMs: Math.max(toMs - days * DAY_MS, Math.floor(firstEventMs / DAY_MS) * DAY_MS), toMs };
}

/** Rows: sku, hourly_rate, daily_units, days, from_time, to_time. */
export function salesBaseline(events: DataFrame, range: BaselineRange): DataFrame {
  const days = Math.round((range.toMs - range.fromMs) / DAY_MS);
  const inRange = events.filter(
    col('event_time')
      .geq(lit(new Date(range.fromMs)))
      .and(col('event_time').lt(lit(new Date(range.toMs)))),
  );
  return salesVelocity(inRange, { kind: '1d', size: '1 day' })
    .groupBy(col('sku'))
    .agg(sum('units').as('units'), min('window_start').as('first_day'), max('window_end').as('last_day'))
    .select(
      col('sku'),
      col('units')
        .cast('double')
        .divide(lit(days * 24))
        .as('hourly_rate'),
      col('units').cast('double').divide(lit(days)).as('daily_units'),
      lit(days).as('days'),
      lit(new Date(range.fromMs)).as('from_time'),
      lit(new Date(range.toMs)).as('to_time'),
    );
}
