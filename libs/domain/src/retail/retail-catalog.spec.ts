import { describe, expect, it } from 'vitest';
import { categoryOf } from '../products/product-category';
import { mapRetailFile } from './retail-file';
import { RetailCatalogBuilder, median } from './retail-catalog';
import { RetailDeduplicator } from './retail-mapping';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const day1 = [
  HEADER,
  '1,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
  '1,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
  '2,85123A,WHITE HANGING HEART T-LIGHT HOLDER,4,2010-12-01 09:00:00,2.95,,United Kingdom',
  '3,POST,POSTAGE,1,2010-12-01 09:00:00,18.0,12583.0,France',
  'C4,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-2,2010-12-01 10:00:00,2.55,17850.0,United Kingdom',
  '5,22501,damaged,-5,2010-12-01 11:00:00,0.0,,United Kingdom',
].join('\n');
const day2 = [HEADER, '6,85123A,,10,2010-12-02 08:00:00,3.25,13047.0,United Kingdom', ''].join('\n');

describe('mapRetailFile + RetailCatalogBuilder', () => {
  const dedup = new RetailDeduplicator();
  const first = mapRetailFile('2010-12-01', day1, dedup);
  const second = mapRetailFile('2010-12-02', day2, dedup);

  it('counts what was left out and numbers events by source line', () => {
    expect(first.lines).toBe(6);
    expect(first.skipped).toEqual({ 'duplicate-row': 1, 'non-stock-code': 1 });
    expect(first.events.map((e) => [e.event_id, e.type])).toEqual([
      ['or-2010-12-01-00001', 'sale'],
      ['or-2010-12-01-00003', 'sale'],
      ['or-2010-12-01-00005', 'return'],
      ['or-2010-12-01-00006', 'adjustment'],
    ]);
  });

  it('derives base price (median), cost, stock and threshold from the history', () => {
    const builder = new RetailCatalogBuilder();
    for (const file of [first, second]) file.events.forEach((e, i) => builder.add(e, file.rows[i].description));
    const products = builder.build();
    // 22501 only has a write-off: never sold at a price, so not in the catalog.
    expect(products.map((p) => p.sku)).toEqual(['85123A']);
    const [p] = products;
    expect(p.name).toBe('WHITE HANGING HEART T-LIGHT HOLDER');
    expect(p.category).toBe('lighting & candles');
    expect(p.basePrice).toBe(2.95); // median of 2.55, 2.95, 3.25
    expect(p.unitCost).toBe(1.77);
    // sold 20, returned 2 over 2 days -> 9/day; threshold 7 days = 63; stock = net 18 + 14 days (126)
    expect(p.lowStockThreshold).toBe(63);
    expect(p.initialStock).toBe(18 + 126);
    expect(p.priceFloor).toBeLessThan(p.basePrice);
    expect(p.priceCeiling).toBeGreaterThan(p.basePrice);
  });
});

describe('helpers', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
  it('categories by keyword, first rule wins', () => {
    expect(categoryOf('PAPER CHAIN KIT 50S CHRISTMAS')).toBe('christmas');
    expect(categoryOf('JUMBO BAG RED RETROSPOT')).toBe('bags');
    expect(categoryOf('ASSORTED COLOUR BIRD ORNAMENT')).toBe('garden & outdoor');
    expect(categoryOf('')).toBe('other');
  });
});
