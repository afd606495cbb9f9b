// The sink of a query with several outputs (engine.writeStreams): per batch, ONE transaction writes
// every output's rows into its table, each output's extra SQL, the source offsets and the batch id, so
// readers see all outputs of a batch or none; or (commit: 'per-output') one transaction per output, side
// by side. Either way a replayed batch id changes nothing (exactly once).
import type { BatchContext, OutputsSink, QueryOutput } from '@shelfstream/engine';
import { ConnectorError } from '@shelfstream/engine';
import type { Table } from 'apache-arrow';
import type { PoolClient } from 'pg';
import { type PgConnection, resolvePool } from './pg-connection';
import { type BatchWriteResult, checkOutputMode, commitOnce, type PostgresTableOptions, writeTable } from './postgres-sink';

export interface PostgresOutputOptions extends PostgresTableOptions {
  /** Extra SQL after this output's rows, in the batch's transaction (e.g. NOTIFY). Not called for a skipped batch. */
  readonly beforeCommit?: (client: PoolClient, data: Table, context: BatchContext) => Promise<void>;
}

export interface PostgresOutputsSinkOptions {
  readonly connection?: PgConnection;
  /** The table of each output, by output name; every output of the query needs one. */
  readonly outputs: Readonly<Record<string, PostgresOutputOptions>>;
  /** Name in the engine's commit table (default `outputs`). */
  readonly name?: string;
  /** Owner id written with Kafka partition offsets (consumer-group mode fences stale owners). */
  readonly owner?: string;
  /**
   * `together` (default): one transaction for every output of a batch, so readers see all tables at the same
   * batch. `per-output`: a transaction per output on its own connection, side by side (each still exactly
   * once by its own commit record `<name>/<output>`): faster, as Postgres and this process then work at
   * the same time, but a reader may see one table a batch ahead of another for a moment.
   */
  readonly commit?: 'together' | 'per-output';
}

export class PostgresOutputsSink implements OutputsSink {
  private readonly owned;
  lastResult: BatchWriteResult | undefined;

  constructor(private readonly options: PostgresOutputsSinkOptions) {
    this.owned = resolvePool(options.connection);
  }

  async addOutputs(outputs: readonly QueryOutput[], context: BatchContext): Promise<void> {
    const tables = outputs.map((output) => {
      const table = this.options.outputs[output.name];
      if (!table) {
        const known = Object.keys(this.options.outputs).join(', ');
        throw new ConnectorError('INVALID_OPTION', `Postgres outputs sink: no table for output '${output.name}' (it has ${known || 'none'})`);
      }
      checkOutputMode(table, output.context.outputMode);
      return { output, table };
    });
    const name = this.options.name ?? 'outputs';
    const write = (client: PoolClient, { output, table }: (typeof tables)[number]) =>
      writeTable(client, table, output.data, output.context).then(async (rows) => {
        if (table.beforeCommit) await table.beforeCommit(client, output.data, output.context);
        return rows;
      });
    if (this.options.commit === 'per-output') {
      const results = await Promise.all(
        tables.map((t) => commitOnce(this.owned.pool, context, `${name}/${t.output.name}`, this.options.owner, (client) => write(client, t))),
      );
      this.lastResult = { skipped: results.every((r) => r.skipped), rows: results.reduce((n, r) => n + r.rows, 0) };
      return;
    }
    this.lastResult = await commitOnce(this.owned.pool, context, name, this.options.owner, async (client) => {
      let rows = 0;
      for (const t of tables) rows += await write(client, t);
      return rows;
    });
  }

  /** Ends the pool if the sink created it. */
  close(): Promise<void> {
    return this.owned.close();
  }
}

export function postgresOutputsSink(options: PostgresOutputsSinkOptions): PostgresOutputsSink {
  return new PostgresOutputsSink(options);
}
