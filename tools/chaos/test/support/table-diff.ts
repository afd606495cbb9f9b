// Compares a database's result tables with an oracle: rows missing, extra or different, and what that
// means in events (each sale lands in the same number of windows of a kind, so orders / that number
// counts sale events).
import { VELOCITY_24H } from '@shelfstream/domain';
import { type KeyedRows, windowMs } from './sql-oracle';

export interface TableDiff {
  readonly table: string;
  readonly expectedRows: number;
  readonly actualRows: number;
  /** Up to 10 examples each. */
  readonly missing: string[];
  readonly extra: string[];
  readonly different: string[];
  readonly problems: number;
}

export function diffRows(table: string, expected: KeyedRows, actual: KeyedRows): TableDiff {
  const missing: string[] = [];
  const extra: string[] = [];
  const different: string[] = [];
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (!got) missing.push(key);
    else if (JSON.stringify(got) !== JSON.stringify(want)) different.push(`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  for (const key of actual.keys()) if (!expected.has(key)) extra.push(key);
  const problems = missing.length + extra.length + different.length;
  return {
    table,
    expectedRows: expected.size,
    actualRows: actual.size,
    missing: missing.slice(0, 10),
    extra: extra.slice(0, 10),
    different: different.slice(0, 10),
    problems,
  };
}

export interface EventBalance {
  /** Sale events the oracle counts. */
  readonly expectedSales: number;
  /** Sale events the tables count. */
  readonly salesInTables: number;
  /** Sale events counted more than once. */
  readonly duplicates: number;
  /** Sale events not counted. */
  readonly losses: number;
}

/** Sale events counted in the 24 h windows: surplus = duplicates, deficit = losses (per window). */
export function saleBalance(expected: KeyedRows, actual: KeyedRows): EventBalance {
  const per = windowMs(VELOCITY_24H).perEvent;
  let expectedOrders = 0;
  let actualOrders = 0;
  let surplus = 0;
  let deficit = 0;
  const keys = new Set([...expected.keys(), ...actual.keys()].filter((k) => k.includes(`|${VELOCITY_24H.kind}|`)));
  for (const key of keys) {
    const want = Number(expected.get(key)?.['orders'] ?? 0);
    const got = Number(actual.get(key)?.['orders'] ?? 0);
    expectedOrders += want;
    actualOrders += got;
    if (got > want) surplus += got - want;
    else deficit += want - got;
  }
  return { expectedSales: expectedOrders / per, salesInTables: actualOrders / per, duplicates: surplus / per, losses: deficit / per };
}

export function describeDiff(d: TableDiff): string {
  if (d.problems === 0) return `${d.table}: ${d.actualRows} rows equal`;
  return [
    `${d.table}: expected ${d.expectedRows} rows, got ${d.actualRows}; ${d.missing.length} missing, ${d.extra.length} extra, ${d.different.length} different`,
    ...d.missing.map((k) => `  missing ${k}`),
    ...d.extra.map((k) => `  extra ${k}`),
    ...d.different.map((k) => `  ${k}`),
  ].join('\n');
}
