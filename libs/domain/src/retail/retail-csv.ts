// Parsing the Online Retail CSV (RFC 4180 quoting: "A,B" and "" inside quotes) into typed rows.
import { DomainError } from '../errors/domain-error';

export const RETAIL_COLUMNS = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'] as const;

export interface RetailRow {
  readonly invoiceNo: string;
  readonly stockCode: string;
  /** Empty when the source has no description. */
  readonly description: string;
  readonly quantity: number;
  /** Local "YYYY-MM-DD HH:MM:SS" as written in the source. */
  readonly invoiceDate: string;
  readonly unitPrice: number;
  /** Integer id as a string ("17850"), or null when missing. */
  readonly customerId: string | null;
  readonly country: string;
}

/** Splits one CSV line into fields, honouring double quotes. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new DomainError('INVALID_CSV', `unterminated quote in line: ${line.slice(0, 80)}`);
  fields.push(field);
  return fields;
}

/** Checks the header line names the expected columns in order. */
export function assertRetailHeader(line: string): void {
  const header = splitCsvLine(line.replace(/^\uFEFF/, '').trimEnd());
  if (header.length !== RETAIL_COLUMNS.length || header.some((name, i) => name !== RETAIL_COLUMNS[i])) {
    throw new DomainError('INVALID_CSV', `unexpected header "${line}", expected ${RETAIL_COLUMNS.join(',')}`);
  }
}

/** Parses one data line; throws INVALID_CSV with the reason on a malformed line. */
export function parseRetailLine(line: string): RetailRow {
  const f = splitCsvLine(line.trimEnd());
  if (f.length !== RETAIL_COLUMNS.length) throw new DomainError('INVALID_CSV', `expected 8 fields, got ${f.length}: ${line.slice(0, 80)}`);
  const quantity = Number(f[3]);
  const unitPrice = Number(f[5]);
  if (!Number.isInteger(quantity)) throw new DomainError('INVALID_CSV', `Quantity "${f[3]}" is not an integer`);
  if (f[5] === '' || !Number.isFinite(unitPrice)) throw new DomainError('INVALID_CSV', `UnitPrice "${f[5]}" is not a number`);
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(f[4])) throw new DomainError('INVALID_CSV', `InvoiceDate "${f[4]}" is not YYYY-MM-DD HH:MM:SS`);
  const customer = f[6].trim();
  return {
    invoiceNo: f[0].trim(),
    stockCode: f[1].trim(),
    description: f[2].trim(),
    quantity,
    invoiceDate: f[4],
    unitPrice,
    customerId: customer === '' ? null : String(Math.trunc(Number(customer))),
    country: f[7].trim(),
  };
}

/** Source times carry no zone; the project reads them as UTC (docs/retail-data.md). */
export function retailTimeToIso(invoiceDate: string): string {
  const withSeconds = invoiceDate.length === 16 ? `${invoiceDate}:00` : invoiceDate;
  return `${withSeconds.replace(' ', 'T')}.000Z`;
}
