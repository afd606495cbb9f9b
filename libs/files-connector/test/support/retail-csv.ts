// The repository's Online Retail day CSVs and their full Arrow schema, as the file tests read them.
import { join } from 'node:path';
import { Field, Float64, Int32, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';

export const RETAIL_DAYS_DIR = join(__dirname, '../../../../data/online-retail-by-day');

export const RETAIL_CSV_SCHEMA = new Schema([
  new Field('InvoiceNo', new Utf8()),
  new Field('StockCode', new Utf8()),
  new Field('Description', new Utf8()),
  new Field('Quantity', new Int32()),
  new Field('InvoiceDate', new TimestampMillisecond('UTC')),
  new Field('UnitPrice', new Float64()),
  new Field('CustomerID', new Float64()),
  new Field('Country', new Utf8()),
]);
