// One day file of the Online Retail dataset -> sales events plus counts of what was left out.
import type { SalesEvent } from '../events/sales-event';
import { assertRetailHeader, parseRetailLine, type RetailRow } from './retail-csv';
import { mapRetailRow, retailEventId, type RetailDeduplicator, type RetailSkipReason } from './retail-mapping';

export interface RetailFileResult {
  readonly events: SalesEvent[];
  /** Parsed rows that became events, index-aligned with `events` (used to build the catalog). */
  readonly rows: RetailRow[];
  readonly skipped: Partial<Record<RetailSkipReason, number>>;
  readonly lines: number;
}

/** `day` is the file's date ("2010-12-01"); lines are numbered from 1 after the header. */
export function mapRetailFile(day: string, text: string, dedup: RetailDeduplicator): RetailFileResult {
  const lines = text.split('\n');
  assertRetailHeader(lines[0] ?? '');
  const events: SalesEvent[] = [];
  const rows: RetailRow[] = [];
  const skipped: Partial<Record<RetailSkipReason, number>> = {};
  let count = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    count++;
    if (!dedup.firstTime(line)) {
      skipped['duplicate-row'] = (skipped['duplicate-row'] ?? 0) + 1;
      continue;
    }
    const row = parseRetailLine(line);
    const mapped = mapRetailRow(row, retailEventId(day, i));
    if (mapped.kind === 'event') {
      events.push(mapped.event);
      rows.push(row);
    } else skipped[mapped.reason] = (skipped[mapped.reason] ?? 0) + 1;
  }
  return { events, rows, skipped, lines: count };
}
