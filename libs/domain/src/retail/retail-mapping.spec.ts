import { describe, expect, it } from 'vitest';
import { validateSalesValue } from '../events/sales-event-validation';
import { parseRetailLine } from './retail-csv';
import { mapRetailRow, RetailDeduplicator } from './retail-mapping';

const map = (line: string) => mapRetailRow(parseRetailLine(line), 'or-test-00001');

describe('mapRetailRow', () => {
  it('maps a priced positive line to a sale in the country store', () => {
    expect(map('536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom')).toEqual({
      kind: 'event',
      event: {
        event_id: 'or-test-00001',
        type: 'sale',
        sku: '85123A',
        store: 'united-kingdom',
        quantity: 6,
        unit_price: 2.55,
        currency: 'GBP',
        event_time: '2010-12-01T08:26:00.000Z',
      },
    });
  });

  it('maps a C invoice to a return of |q|', () => {
    expect(map('C536379,22556,PLASTERS IN TIN CIRCUS,-12,2010-12-01 09:41:00,1.65,14527.0,United Kingdom')).toMatchObject({
      kind: 'event',
      event: { type: 'return', quantity: 12, unit_price: 1.65 },
    });
  });

  it('maps a negative line without C to a write-off adjustment', () => {
    expect(map('540010,22501,damaged,-100,2011-01-04 11:13:00,0.0,,United Kingdom')).toMatchObject({
      kind: 'event',
      event: { type: 'adjustment', quantity: -100, unit_price: 0 },
    });
  });

  it('maps price 0 without customer to a positive adjustment, with customer to a free sale', () => {
    expect(map('545875,21736,found,34,2011-03-07 15:18:00,0.0,,United Kingdom')).toMatchObject({ kind: 'event', event: { type: 'adjustment', quantity: 34 } });
    expect(map('537197,22841,ROUND CAKE TIN,1,2010-12-05 14:02:00,0.0,12647.0,Germany')).toMatchObject({
      kind: 'event',
      event: { type: 'sale', quantity: 1, unit_price: 0, store: 'germany' },
    });
  });

  it('leaves out non-stock codes and bad-debt invoices', () => {
    for (const code of ['POST', 'DOT', 'M', 'C2', 'D', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'gift_0001_40', 'DCGS0069', 'PADS', 'B']) {
      expect(map(`536370,${code},x,1,2010-12-01 08:45:00,18.0,12583.0,France`)).toEqual({ kind: 'skipped', reason: 'non-stock-code' });
    }
    expect(map('A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom')).toEqual({ kind: 'skipped', reason: 'bookkeeping-invoice' });
  });

  it('produces only events that pass the sales event validation', () => {
    for (const line of ['C1,22556,x,-80995,2011-12-09 09:27:00,2.08,16446.0,United Kingdom', '2,15056BL,x,3,2011-12-09 09:27:00,5.95,,EIRE']) {
      const mapped = map(line);
      if (mapped.kind !== 'event') throw new Error('expected an event');
      expect(validateSalesValue(mapped.event).ok).toBe(true);
    }
  });
});

describe('RetailDeduplicator', () => {
  it('reports an exact duplicate once, ignoring the line ending', () => {
    const dedup = new RetailDeduplicator();
    expect(dedup.firstTime('a,b\r')).toBe(true);
    expect(dedup.firstTime('a,b')).toBe(false);
    expect(dedup.firstTime('a,c')).toBe(true);
  });
});
