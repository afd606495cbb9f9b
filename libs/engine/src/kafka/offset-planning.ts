// Pure offset arithmetic for the Kafka source: rate limits spread over partitions by lag.

/** End offsets per partition: everything up to `latest`, or at most `max` records in total shared by lag. */
export function planEndOffsets(
  from: ReadonlyMap<number, number>,
  latest: ReadonlyMap<number, number>,
  max?: number,
): Map<number, number> {
  const lag = new Map<number, number>();
  let total = 0;
  for (const [p, high] of latest) {
    const l = Math.max(0, high - (from.get(p) ?? high));
    lag.set(p, l);
    total += l;
  }
  const end = new Map<number, number>();
  if (max === undefined || total <= max) {
    for (const [p, high] of latest) end.set(p, Math.max(high, from.get(p) ?? high));
    return end;
  }
  let left = max;
  const share = new Map<number, number>();
  for (const [p, l] of lag) {
    const s = Math.floor((max * l) / total);
    share.set(p, s);
    left -= s;
  }
  // the remainder goes one by one to the partitions with the most lag still unread
  const byRemaining = [...lag.keys()].sort((a, b) => lag.get(b)! - share.get(b)! - (lag.get(a)! - share.get(a)!) || a - b);
  for (let i = 0; left > 0 && i < byRemaining.length; i++) {
    const p = byRemaining[i]!;
    if (lag.get(p)! > share.get(p)!) {
      share.set(p, share.get(p)! + 1);
      left--;
    }
  }
  for (const [p] of latest) end.set(p, (from.get(p) ?? 0) + share.get(p)!);
  return end;
}
