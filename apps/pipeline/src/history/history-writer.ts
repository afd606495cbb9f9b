// Writes sales events as history files: NDJSON (one contract JSON value per line) and/or Parquet.
import { writeFile } from 'node:fs/promises';
import { encodeSalesEvent, type SalesEvent } from '@shelfstream/domain';
import { parquetWriteBuffer } from 'hyparquet-writer';

export type HistoryFormat = 'ndjson' | 'parquet';

/** Stable sort by event time (the file order is kept within a minute). */
export function sortByEventTime(events: readonly SalesEvent[]): SalesEvent[] {
  return events
    .map((event, index) => ({ event, index, t: Date.parse(event.event_time) }))
    .sort((a, b) => a.t - b.t || a.index - b.index)
    .map((x) => x.event);
}

export function ndjsonOf(events: readonly SalesEvent[]): string {
  return events.map((e) => `${encodeSalesEvent(e)}\n`).join('');
}

/** Same columns as the JSON contract; event_time stays an ISO-8601 UTC string, so both formats read alike. */
export function parquetOf(events: readonly SalesEvent[]): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: [
      { name: 'event_id', data: events.map((e) => e.event_id), type: 'STRING' },
      { name: 'type', data: events.map((e) => e.type), type: 'STRING' },
      { name: 'sku', data: events.map((e) => e.sku), type: 'STRING' },
      { name: 'store', data: events.map((e) => e.store), type: 'STRING' },
      { name: 'quantity', data: Int32Array.from(events.map((e) => e.quantity)), type: 'INT32' },
      { name: 'unit_price', data: Float64Array.from(events.map((e) => e.unit_price)), type: 'DOUBLE' },
      { name: 'currency', data: events.map((e) => e.currency), type: 'STRING' },
      { name: 'event_time', data: events.map((e) => e.event_time), type: 'STRING' },
    ],
  });
}

export async function writeHistoryFile(path: string, format: HistoryFormat, events: readonly SalesEvent[]): Promise<void> {
  if (format === 'ndjson') await writeFile(path, ndjsonOf(events));
  else await writeFile(path, new Uint8Array(parquetOf(events)));
}
