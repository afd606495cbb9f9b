// A live inventory checkpoint written before decay names the old output schema (live_inventory gained
// last_sale_at and figures_as_of), so the engine would refuse it (CHECKPOINT_MISMATCH). Its per-SKU state
// is still understood (a SKU re-opens from its live row, which that checkpoint committed), so the
// checkpoint is adopted: its operator signature is rewritten once, and the stream resumes from its offsets.
import { LIVE_INVENTORY_SCHEMA } from '@shelfstream/domain';
import { ENGINE_SCHEMA, ensureEngineTables } from '@shelfstream/engine/postgres';
import type { Pool } from 'pg';

const NEW_COLUMNS = LIVE_INVENTORY_SCHEMA.fields.map((f) => f.name);
const OLD_COLUMNS = NEW_COLUMNS.filter((name) => name !== 'last_sale_at' && name !== 'figures_as_of');
const OLD_SIGNATURE = new RegExp(`^(\\d+):GroupStateOperator:${OLD_COLUMNS.join(',')}$`);

/** Rewrites a pre-decay signature of `queryName`'s checkpoint; true when it did. */
export async function adoptPreDecayCheckpoint(pool: Pool, queryName: string): Promise<boolean> {
  await ensureEngineTables(pool);
  const { rows } = await pool.query<{ metadata: { stateOperators?: string[] } }>(
    `SELECT metadata FROM ${ENGINE_SCHEMA}.checkpoint_metadata WHERE query_name = $1`,
    [queryName],
  );
  const operators = rows[0]?.metadata.stateOperators;
  if (!operators?.some((s) => OLD_SIGNATURE.test(s))) return false;
  const upgraded = operators.map((s) => s.replace(OLD_SIGNATURE, `$1:GroupStateOperator:${NEW_COLUMNS.join(',')}`));
  await pool.query(
    `UPDATE ${ENGINE_SCHEMA}.checkpoint_metadata SET metadata = jsonb_set(metadata, '{stateOperators}', $2::jsonb) WHERE query_name = $1`,
    [queryName, JSON.stringify(upgraded)],
  );
  return true;
}
