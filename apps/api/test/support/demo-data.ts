// A small, realistic-looking store for the browser test and screenshots.
import type { Client } from 'pg';
import { commitBatch, commitProgress, insertPriceChange, insertProducts, insertVelocity, type SeedSku } from './seed';

const CATALOG: [string, string, string][] = [
  ['TEA', 'tea', 'Earl Grey loose leaf 250g'],
  ['TEA', 'tea', 'Assam breakfast tea 80 bags'],
  ['TEA', 'tea', 'Jasmine green tea 100g'],
  ['TEA', 'tea', 'Rooibos vanilla 40 bags'],
  ['MUG', 'mugs', 'Stoneware mug, slate'],
  ['MUG', 'mugs', 'Enamel camping mug'],
  ['MUG', 'mugs', 'Double-wall glass cup'],
  ['LGT', 'lighting', 'White hanging heart T-light holder'],
  ['LGT', 'lighting', 'Glass star frosted T-light holder'],
  ['LGT', 'lighting', 'Paper lantern, 40 cm'],
  ['KIT', 'kitchen', 'Retro spot cake stand'],
  ['KIT', 'kitchen', 'Jam making set with jars'],
  ['KIT', 'kitchen', 'Lunch bag, red retrospot'],
  ['GFT', 'gifts', 'Vintage Christmas gift wrap'],
  ['GFT', 'gifts', 'Party bunting, 5 m'],
];

export function demoSkus(now: Date): SeedSku[] {
  return CATALOG.map(([prefix, category, name], i) => {
    const onHand = [140, 36, 8, 62, 4, 88, 23, 310, 15, 57, 3, 41, 120, 75, 9][i];
    const ratio = [1.1, 2.4, 3.1, 0.7, 1.9, 0.4, 1.0, 1.3, 2.8, null, 1.6, 0.9, 0.3, 1.2, 2.2][i]!;
    const etaHours = ratio && ratio > 1 ? onHand / (ratio * 2) : null;
    return {
      sku: `${prefix}-${String(1001 + i)}`,
      category,
      onHand,
      lowStock: onHand < 10,
      velocityRatio: ratio,
      stockoutEta: etaHours ? new Date(now.getTime() + etaHours * 3600_000) : null,
      price: [6.5, 4.25, 5.95, 3.8, 12, 9.5, 14, 2.95, 3.75, 8.5, 24, 18.5, 1.65, 2.1, 4.95][i],
      lastEventAt: now,
      name,
    };
  });
}

/** `topic`: the sales topic the demo progress rows claim to read (its end offsets give the lag). */
export async function seedDemo(pg: Client, topic = 'sales', now = new Date()): Promise<SeedSku[]> {
  const skus = demoSkus(now);
  await insertProducts(pg, skus);
  await pg.query(`UPDATE products p SET name = d.name FROM (SELECT unnest($1::text[]) AS sku, unnest($2::text[]) AS name) d WHERE d.sku = p.sku`, [
    skus.map((s) => s.sku),
    CATALOG.map((c) => c[2]),
  ]);
  await commitBatch(pg, 1, skus);
  await pg.query(`UPDATE live_inventory l SET name = p.name, units_last_hour = round(coalesce(l.velocity_ratio, 0.2) * 4)
                  FROM products p WHERE p.sku = l.sku`);
  // A day of hourly windows for the first few SKUs: quiet night, busy afternoon, hot last hours.
  for (const s of skus.slice(0, 4)) {
    for (let h = 24; h >= 1; h--) {
      const hourOfDay = (now.getUTCHours() - h + 24) % 24;
      const daily = 2 + 3 * Math.max(0, Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI));
      const surge = h <= 4 ? (s.velocityRatio ?? 1) : 1;
      await insertVelocity(pg, s.sku, '1h', new Date(now.getTime() - h * 3600_000), Math.round(daily * surge));
    }
  }
  await pg.query(`INSERT INTO sales_baseline (sku, hourly_rate, daily_units, days, from_time, to_time)
                  SELECT sku, 2.5, 60, 28, now() - interval '28 days', now() FROM live_inventory`);
  const changes: [number, number, number, string][] = [
    [1, 4.25, 4.45, 'Selling 2.4× baseline for 2 h; step up 5 %'],
    [2, 5.95, 6.25, 'Stock-out in 2 h at current velocity; protect remaining stock'],
    [5, 9.5, 8.55, 'Slow seller for 7 days; markdown 10 % (floor 7.00)'],
    [8, 3.75, 3.95, 'Selling 2.8× baseline; step up capped by ceiling'],
  ];
  for (const [i, from, to, reason] of changes) {
    await insertPriceChange(pg, skus[i].sku, from, to, new Date(now.getTime() - (70 - i * 7) * 60_000), reason);
  }
  // Progress rows in the shape apps/pipeline writes: offsets advance ~900-1300 events per 1 s batch.
  let consumed = 0;
  for (let b = 1; b <= 12; b++) {
    consumed += 900 + ((b * 137) % 400);
    const committedAt = new Date(now.getTime() - (12 - b) * 1000);
    await commitProgress(pg, 'live_inventory', b, {
      batchId: b,
      outputRows: 40 + ((b * 7) % 30),
      watermarkMs: committedAt.getTime() - 60_000,
      batchTimestampMs: committedAt.getTime() - (120 + ((b * 53) % 90)),
      endOffsets: { [`kafka:${topic}`]: { topic, partitions: { '0': consumed } } },
    });
    // the 1 h velocity query beside it: its watermark, and 2 late rows dropped every third batch (8 in all)
    await commitProgress(pg, 'sales_velocity_1h', b, {
      batchId: b,
      outputRows: 12,
      watermarkMs: committedAt.getTime() - 60_000,
      batchTimestampMs: committedAt.getTime() - 100,
      endOffsets: { [`kafka:${topic}`]: { topic, partitions: { '0': consumed } } },
      numRowsDroppedByWatermark: b % 3 === 0 ? 2 : 0,
    });
    await pg.query('UPDATE pipeline_progress SET committed_at = $1 WHERE batch_id = $2', [committedAt, b]);
  }
  return skus;
}
