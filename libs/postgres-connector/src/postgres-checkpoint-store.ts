// A query's checkpoint (metadata, offsets log, commit log, versioned operator state) in Postgres,
// so any process can resume a query or take over a partition's state.
import type { Pool } from 'pg';
import type { CheckpointStore, CommitLogEntry, OffsetLogEntry } from '@shelfstream/engine';
import { copyOutBinary } from './copy-binary-out';
import { ENGINE_SCHEMA, ensureEngineTables } from './engine-schema';
import { inTransaction, type OwnedPool, type PgConnection, resolvePool } from './pg-connection';

const T = {
  metadata: `${ENGINE_SCHEMA}.checkpoint_metadata`,
  offsets: `${ENGINE_SCHEMA}.offsets_log`,
  commits: `${ENGINE_SCHEMA}.commit_log`,
  state: `${ENGINE_SCHEMA}.state`,
};

/** One state part ($1 query, $2 operator, $3 partition, $4 version, $5 bytes); a rewrite of a version replaces it. */
const INSERT_STATE = `INSERT INTO ${T.state} (query_name, operator_id, partition, version, bytes) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (query_name, operator_id, partition, version) DO UPDATE SET bytes = EXCLUDED.bytes`;

export class PostgresCheckpointStore implements CheckpointStore {
  private readonly owned: OwnedPool;

  constructor(
    readonly queryName: string,
    connection?: PgConnection,
  ) {
    this.owned = resolvePool(connection);
  }

  private async pool(): Promise<Pool> {
    await ensureEngineTables(this.owned.pool);
    return this.owned.pool;
  }

  async readMetadata(): Promise<Record<string, unknown> | undefined> {
    const { rows } = await (
      await this.pool()
    ).query<{ metadata: Record<string, unknown> }>(`SELECT metadata FROM ${T.metadata} WHERE query_name = $1`, [this.queryName]);
    return rows[0]?.metadata;
  }

  async writeMetadata(metadata: Record<string, unknown>): Promise<void> {
    await (
      await this.pool()
    ).query(
      `INSERT INTO ${T.metadata} (query_name, metadata) VALUES ($1, $2)
       ON CONFLICT (query_name) DO UPDATE SET metadata = EXCLUDED.metadata`,
      [this.queryName, JSON.stringify(metadata)],
    );
  }

  /** Rewriting a batch's entry replaces it (a re-planned batch after a crash before it ran). */
  async writeOffsets(batchId: number, entry: OffsetLogEntry): Promise<void> {
    await this.writeLog(T.offsets, batchId, entry);
  }

  async latestOffsets(): Promise<{ batchId: number; entry: OffsetLogEntry } | undefined> {
    return this.latestLog<OffsetLogEntry>(T.offsets);
  }

  async writeCommit(batchId: number, entry: CommitLogEntry): Promise<void> {
    await this.writeLog(T.commits, batchId, entry);
  }

  async latestCommit(): Promise<{ batchId: number; entry: CommitLogEntry } | undefined> {
    return this.latestLog<CommitLogEntry>(T.commits);
  }

  /** The offsets-log entry of one batch (to replay it). */
  async offsetsOf(batchId: number): Promise<OffsetLogEntry | undefined> {
    const { rows } = await (
      await this.pool()
    ).query<{ entry: OffsetLogEntry }>(`SELECT entry FROM ${T.offsets} WHERE query_name = $1 AND batch_id = $2`, [this.queryName, batchId]);
    return rows[0]?.entry;
  }

  async writeState(operatorId: number, partition: number, version: number, bytes: Uint8Array): Promise<void> {
    await (
      await this.pool()
    ).query(INSERT_STATE, [this.queryName, operatorId, partition, version, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  }

  /** Every part of a version in one transaction: one commit (one WAL flush) instead of one per part; bytes go as binary parameters. */
  async writeStates(version: number, parts: readonly { operatorId: number; partition: number; bytes: Uint8Array }[]): Promise<void> {
    if (parts.length === 0) return;
    await inTransaction(await this.pool(), async (client) => {
      for (const part of parts) {
        await client.query(INSERT_STATE, [
          this.queryName,
          part.operatorId,
          part.partition,
          version,
          Buffer.from(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength),
        ]);
      }
    });
  }

  /** Through binary COPY: a plain SELECT would return the blob as hex text (see copy-binary-out.ts). */
  async readState(operatorId: number, partition: number, version: number): Promise<Uint8Array | undefined> {
    for (const n of [operatorId, partition, version]) if (!Number.isSafeInteger(n)) throw new TypeError(`state coordinates must be integers, got ${n}`);
    const client = await (await this.pool()).connect();
    try {
      const rows = await copyOutBinary(
        client,
        `SELECT bytes FROM ${T.state} WHERE query_name = ${client.escapeLiteral(this.queryName)} AND operator_id = ${operatorId} AND partition = ${partition} AND version = ${version}`,
      );
      return rows[0]?.[0] ?? undefined;
    } finally {
      client.release();
    }
  }

  /** Drops log entries before `keepFromBatchId`, and state versions before it except each partition's newest. */
  async purge(keepFromBatchId: number): Promise<void> {
    const pool = await this.pool();
    await pool.query(`DELETE FROM ${T.offsets} WHERE query_name = $1 AND batch_id < $2`, [this.queryName, keepFromBatchId]);
    await pool.query(`DELETE FROM ${T.commits} WHERE query_name = $1 AND batch_id < $2`, [this.queryName, keepFromBatchId]);
    await pool.query(
      `DELETE FROM ${T.state} s WHERE s.query_name = $1 AND s.version < $2
       AND EXISTS (SELECT 1 FROM ${T.state} n WHERE n.query_name = s.query_name AND n.operator_id = s.operator_id
                   AND n.partition = s.partition AND n.version > s.version AND n.version <= $2)`,
      [this.queryName, keepFromBatchId],
    );
  }

  close(): Promise<void> {
    return this.owned.close();
  }

  private async writeLog(table: string, batchId: number, entry: object): Promise<void> {
    await (
      await this.pool()
    ).query(
      `INSERT INTO ${table} (query_name, batch_id, entry) VALUES ($1, $2, $3)
       ON CONFLICT (query_name, batch_id) DO UPDATE SET entry = EXCLUDED.entry, written_at = now()`,
      [this.queryName, batchId, JSON.stringify(entry)],
    );
  }

  private async latestLog<E>(table: string): Promise<{ batchId: number; entry: E } | undefined> {
    const { rows } = await (
      await this.pool()
    ).query<{ batch_id: string; entry: E }>(`SELECT batch_id, entry FROM ${table} WHERE query_name = $1 ORDER BY batch_id DESC LIMIT 1`, [this.queryName]);
    const row = rows[0];
    return row ? { batchId: Number(row.batch_id), entry: row.entry } : undefined;
  }
}

export function postgresCheckpointStore(queryName: string, connection?: PgConnection): PostgresCheckpointStore {
  return new PostgresCheckpointStore(queryName, connection);
}
