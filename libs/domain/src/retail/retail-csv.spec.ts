import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { assertRetailHeader, parseRetailLine, retailTimeToIso, splitCsvLine } from './retail-csv';

describe('retail CSV parsing', () => {
  it('splits quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('536477,22041,"RECORD FRAME 7"" SINGLE, SIZE ",48')).toEqual(['536477', '22041', 'RECORD FRAME 7" SINGLE, SIZE ', '48']);
  });

  it('parses a row: float customer id to an integer string, trims text', () => {
    expect(parseRetailLine('536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER ,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\r')).toEqual({
      invoiceNo: '536365',
      stockCode: '85123A',
      description: 'WHITE HANGING HEART T-LIGHT HOLDER',
      quantity: 6,
      invoiceDate: '2010-12-01 08:26:00',
      unitPrice: 2.55,
      customerId: '17850',
      country: 'United Kingdom',
    });
  });

  it('keeps a missing customer as null and a missing description as empty', () => {
    const row = parseRetailLine('536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom');
    expect(row.customerId).toBeNull();
    expect(row.description).toBe('');
  });

  it('rejects malformed lines with INVALID_CSV', () => {
    for (const line of [
      '1,2,3',
      '536365,85123A,X,six,2010-12-01 08:26:00,2.55,,UK',
      '536365,85123A,X,6,01/12/2010 08:26,2.55,,UK',
      '536365,85123A,"X,6,2010-12-01 08:26:00,2.55,,UK',
    ]) {
      expect(() => parseRetailLine(line)).toThrowError(DomainError);
    }
  });

  it('checks the header', () => {
    expect(() => assertRetailHeader('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r')).not.toThrow();
    expect(() => assertRetailHeader('a,b')).toThrowError(/unexpected header/);
  });

  it('reads source times as UTC', () => {
    expect(retailTimeToIso('2011-06-01 09:05:00')).toBe('2011-06-01T09:05:00.000Z');
    expect(Date.parse(retailTimeToIso('2011-06-01 09:05'))).toBe(Date.UTC(2011, 5, 1, 9, 5));
  });
});
