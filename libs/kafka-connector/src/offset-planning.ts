// Pure offset arithmetic for the Kafka source: rate limits spread over partitions by lag.

/** End offsets per partition: everything up to `latest`, or at most `max` records in total shared by lag. */
export function planEndOffsets(from: ReadonlyMap<number, number>, latest: ReadonlyMap<number, number>, max?: number): Map<number, number> {
  const parts = [...latest].map(([partition, high]) => {
    const start = from.get(partition) ?? high;
    return { partition, start, high, lag: Math.max(0, high - start), take: 0 };
  });
  const total = parts.reduce((sum, p) => sum + p.lag, 0);
  if (max === undefined || total <= max) {
    return new Map(parts.map((p) => [p.partition, Math.max(p.high, p.start)]));
  }
  let left = max;
  for (const p of parts) {
    p.take = Math.floor((max * p.lag) / total);
    left -= p.take;
  }
  // the remainder goes one by one to the partitions with the most lag still unread
  const byRemaining = [...parts].sort((a, b) => b.lag - b.take - (a.lag - a.take) || a.partition - b.partition);
  for (const p of byRemaining) {
    if (left === 0) break;
    if (p.lag > p.take) {
      p.take++;
      left--;
    }
  }
  return new Map(parts.map((p) => [p.partition, p.start + p.take]));
}

/** Records between `consumed` and `latest` per partition of `latest` that has a consumed offset (Spark's offsetsBehindLatest). */
export function offsetsBehind(consumed: ReadonlyMap<number, number>, latest: ReadonlyMap<number, number>): Map<number, number> {
  const behind = new Map<number, number>();
  for (const [partition, high] of latest) {
    const at = consumed.get(partition);
    if (at !== undefined) behind.set(partition, Math.max(0, high - at));
  }
  return behind;
}
