// Reads history files (NDJSON or Parquet, a file or a folder) back into sales events, in file order.
import { readdir, stat } from 'node:fs/promises';
import { SALES_CURRENCY, validateSalesValue, type SalesEvent } from '@shelfstream/domain';
import { type FileFormat } from '@shelfstream/engine';
import { readFiles } from '@shelfstream/files-connector';

export class HistoryReadError extends Error {
  constructor(
    readonly code: 'UNKNOWN_FORMAT' | 'INVALID_HISTORY_ROW',
    message: string,
  ) {
    super(message);
  }
}

/** The format of a file by extension, or of a folder by its first history file. */
export async function historyFormatOf(path: string, format?: string): Promise<FileFormat> {
  if (format === 'parquet' || format === 'json') return format;
  if (format === 'ndjson') return 'json';
  if (format !== undefined) throw new HistoryReadError('UNKNOWN_FORMAT', `unknown history format "${format}" (parquet or ndjson)`);
  const file = (await stat(path)).isDirectory()
    ? ((await readdir(path)).sort().find((n) => !/^[._]/.test(n) && /\.(parquet|ndjson|jsonl|json)$/.test(n)) ?? '')
    : path;
  if (file.endsWith('.parquet')) return 'parquet';
  if (/\.(ndjson|jsonl|json)$/.test(file)) return 'json';
  throw new HistoryReadError('UNKNOWN_FORMAT', `cannot tell the history format of ${path}; pass --format`);
}

/** Events in batches, validated against the contract (a bad row is an error: history is trusted input). */
export async function* readHistory(path: string, format?: string): AsyncGenerator<SalesEvent[]> {
  const fileFormat = await historyFormatOf(path, format);
  for await (const batch of readFiles(path, { format: fileFormat })) {
    const columns = ['event_id', 'type', 'sku', 'store', 'quantity', 'unit_price', 'currency', 'event_time'].map((name) => {
      const column = batch.getChild(name);
      if (!column) throw new HistoryReadError('INVALID_HISTORY_ROW', `history is missing column "${name}"`);
      return column;
    });
    const events: SalesEvent[] = [];
    for (let i = 0; i < batch.numRows; i++) {
      const [id, type, sku, store, quantity, price, currency, time] = columns.map((c) => c.get(i));
      const result = validateSalesValue({
        event_id: id,
        type,
        sku,
        store,
        quantity: Number(quantity),
        unit_price: Number(price),
        currency: currency ?? SALES_CURRENCY,
        event_time: time instanceof Date ? time.toISOString() : typeof time === 'number' ? new Date(time).toISOString() : time,
      });
      if (!result.ok) throw new HistoryReadError('INVALID_HISTORY_ROW', `row ${i} of ${path}: ${result.code} ${result.message}`);
      events.push(result.event);
    }
    yield events;
  }
}
