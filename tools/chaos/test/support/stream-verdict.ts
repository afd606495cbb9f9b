// The end of every streaming scenario: read the topic back, build the oracle, compare the stream's
// tables with it (backfill and SQL), check the history and dead letters for repeats, record figures.
import { type Oracle, buildOracle, classifyTopic, type TopicContents } from './batch-oracle';
import { actualInventory, actualVelocity } from './sql-oracle';
import type { StreamScenario } from './stream-scenario';
import { describeDiff, diffRows, type EventBalance, saleBalance, type TableDiff } from './table-diff';

export interface StreamVerdict {
  readonly contents: TopicContents;
  readonly oracle: Oracle;
  readonly diffs: TableDiff[];
  readonly balance: EventBalance;
  /** (sku, batch_id) pairs written to inventory_history more than once. */
  readonly historyRepeats: number;
  /** Dead letters in the table, by code. */
  readonly deadLettersByCode: Record<string, number>;
  /** Records dead-lettered more than once (same position). */
  readonly deadLetterRepeats: number;
  readonly report: string;
}

export async function streamVerdict(scenario: StreamScenario): Promise<StreamVerdict> {
  const contents = classifyTopic(await scenario.topics.readAll(scenario.topic), scenario.products);
  const oracle = await buildOracle(contents, scenario.products);
  const inventory = await actualInventory(scenario.db.pool);
  const velocity = await actualVelocity(scenario.db.pool);
  const diffs = [
    diffRows('live_inventory vs backfill', oracle.backfill.inventory, inventory),
    diffRows('sales_velocity vs backfill', oracle.backfill.velocity, velocity),
    diffRows('live_inventory vs SQL', oracle.sql.inventory, inventory),
    diffRows('sales_velocity vs SQL', oracle.sql.velocity, velocity),
  ];
  const balance = saleBalance(oracle.sql.velocity, velocity);
  const pool = scenario.db.pool;
  const repeats = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT sku, batch_id FROM inventory_history GROUP BY 1, 2 HAVING count(*) > 1) r`,
  );
  const letters = await pool.query<{ error_code: string; n: number }>(`SELECT error_code, count(*)::int AS n FROM dead_letters GROUP BY 1`);
  const letterRepeats = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT source, position FROM dead_letters GROUP BY 1, 2 HAVING count(*) > 1) r`,
  );
  const deadLettersByCode = Object.fromEntries(letters.rows.map((r) => [r.error_code, r.n]));
  const report = [
    `topic: ${contents.messages} records, ${contents.valid.length} valid, ${contents.rejected} malformed ${JSON.stringify(contents.rejectedByCode)}, ${contents.duplicateIds} repeated ids`,
    `sale events: expected ${balance.expectedSales}, in tables ${balance.salesInTables}, duplicates ${balance.duplicates}, losses ${balance.losses}`,
    `dead letters in table: ${JSON.stringify(deadLettersByCode)}, repeated positions ${letterRepeats.rows[0].n}; history repeats ${repeats.rows[0].n}`,
    `backfill oracle ${oracle.backfillMs} ms`,
    ...diffs.map(describeDiff),
  ].join('\n');
  return { contents, oracle, diffs, balance, historyRepeats: repeats.rows[0].n, deadLettersByCode, deadLetterRepeats: letterRepeats.rows[0].n, report };
}
