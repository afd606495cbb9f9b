// The clock the live inventory's windowed figures are computed at, in the stream ("store time").
// Event time drives it: the newest event time the query has seen (watermark + delay). When the whole
// store is quiet the watermark stops, so the clock then runs on with processing time from the moment
// (batch timestamp) it last saw the watermark move. In live mode events carry the wall-clock time, so
// the clock follows the wall clock through a quiet hour; a replay of old history at speed is driven by
// its event times. Batch timestamps are recorded with each micro-batch, so a replayed batch computes the
// same clock (exactly once). Each SKU keeps its own copy of the base (keyed state), refreshed whenever
// one of its calls sees a newer watermark: the bases of two SKUs differ by at most one decay check.

/** Where the clock was last anchored to event time. */
export interface StoreClock {
  /** Event-time clock from the data (watermark + delay) at the anchor. */
  readonly baseMs: number;
  /** Batch timestamp (processing time) when that base was first seen. */
  readonly baseAtMs: number;
}

/** Re-anchors the clock when the data moved it forward; otherwise keeps the old anchor. */
export function anchorClock(previous: StoreClock | undefined, dataClockMs: number, processingMs: number): StoreClock {
  if (previous && previous.baseMs >= dataClockMs) return previous;
  return { baseMs: dataClockMs, baseAtMs: processingMs };
}

/** The clock now: the anchor plus the processing time since (never negative). */
export function clockAt(clock: StoreClock, processingMs: number): number {
  return clock.baseMs + Math.max(0, processingMs - clock.baseAtMs);
}
