// Inventory rows as Arrow IPC (stream format) or CSV, for analysts.
import { Bool, Float64, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import type { InventoryRow } from './inventory-columns';

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

type Column = { key: keyof InventoryRow; type: () => DataType };

const COLUMNS: Column[] = [
  { key: 'sku', type: () => new Utf8() },
  { key: 'name', type: () => new Utf8() },
  { key: 'category', type: () => new Utf8() },
  { key: 'onHand', type: () => new Float64() },
  { key: 'unitsSold', type: () => new Float64() },
  { key: 'unitsReturned', type: () => new Float64() },
  { key: 'unitsRestocked', type: () => new Float64() },
  { key: 'unitsAdjusted', type: () => new Float64() },
  { key: 'unitsLastHour', type: () => new Float64() },
  { key: 'unitsLast24h', type: () => new Float64() },
  { key: 'baselineHourlyRate', type: () => new Float64() },
  { key: 'velocityRatio', type: () => new Float64() },
  { key: 'forecast24h', type: () => new Float64() },
  { key: 'stockoutEta', type: () => new TimestampMillisecond() },
  { key: 'reorderSuggestion', type: () => new Float64() },
  { key: 'currentPrice', type: () => new Float64() },
  { key: 'lowStock', type: () => new Bool() },
  { key: 'lastEventAt', type: () => new TimestampMillisecond() },
  { key: 'updatedAt', type: () => new TimestampMillisecond() },
  { key: 'batchId', type: () => new Float64() },
];

function cellValue(v: unknown): unknown {
  return v instanceof Date ? v.getTime() : v;
}

export function inventoryToArrow(rows: readonly InventoryRow[]): Uint8Array {
  const vectors = Object.fromEntries(
    COLUMNS.map((c) => [
      c.key,
      vectorFromArray(
        rows.map((r) => cellValue(r[c.key]) ?? null),
        c.type(),
      ),
    ]),
  );
  return tableToIPC(new Table(vectors), 'stream');
}

function csvCell(v: InventoryRow[keyof InventoryRow]): string {
  if (v === null || v === undefined) return '';
  const text = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function inventoryToCsv(rows: readonly InventoryRow[]): string {
  const header = COLUMNS.map((c) => c.key).join(',');
  const lines = rows.map((r) => COLUMNS.map((c) => csvCell(r[c.key])).join(','));
  return [header, ...lines].join('\r\n') + '\r\n';
}
