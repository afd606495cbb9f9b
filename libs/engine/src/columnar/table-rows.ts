// Arrow table -> plain rows with the engine's conventions (timestamps as ms numbers, int64 as numbers).
import type { Table } from 'apache-arrow';
import { batchesFromTable } from './arrow-import';
import { type Row, batchToRows } from './row-conversion';

export function tableToRows(table: Table): Row[] {
  return [...batchesFromTable(table)].flatMap(batchToRows);
}
