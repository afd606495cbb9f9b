// History files (NDJSON or Parquet, file or folder) as a bounded DataFrame of typed sales events.
import { SALES_EVENTS_SCHEMA, typedSalesEvents } from '@shelfstream/domain';
import { col, type DataFrame, type Engine, toArrowSchema } from '@shelfstream/engine';
import { readFiles } from '@shelfstream/files-connector';
import { Field, Schema, Utf8 } from 'apache-arrow';
import { historyFormatOf } from '../history/history-reader';

/** The history file columns: the event contract, event_time as ISO text. */
export const HISTORY_ARROW_SCHEMA = new Schema(
  toArrowSchema(SALES_EVENTS_SCHEMA).fields.map((f) => (f.name === 'event_time' ? new Field('event_time', new Utf8(), false) : f)),
);

/** `onRows` hears the rows of each file batch as a query reads it (every query over the frame reads the files). */
export async function historyEvents(engine: Engine, path: string, format?: string, onRows?: (rows: number) => void): Promise<DataFrame> {
  const fileFormat = await historyFormatOf(path, format);
  async function* batches() {
    for await (const batch of readFiles(path, { format: fileFormat, schema: HISTORY_ARROW_SCHEMA })) {
      onRows?.(batch.numRows);
      yield batch;
    }
  }
  const raw = engine.read.source({ schema: HISTORY_ARROW_SCHEMA, batches });
  // History from `load` is validated when written; rows whose time does not parse are left out.
  return typedSalesEvents(raw).filter(col('event_time').isNotNull().and(col('sku').isNotNull()));
}
