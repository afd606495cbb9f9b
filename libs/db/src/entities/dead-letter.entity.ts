import { Column, Entity, Index } from 'typeorm';
import { bigintTransformer } from '../transformers';

/** An input record that failed validation, kept with its raw bytes and the reason. */
@Entity({ name: 'dead_letters' })
@Index('dead_letters_received_at_idx', ['receivedAt'])
export class DeadLetterEntity {
  @Column({ name: 'id', type: 'bigint', primary: true, generated: 'increment', transformer: bigintTransformer })
  id!: number;

  @Column({ name: 'query_name', type: 'text' })
  queryName!: string;

  /** Where it came from, e.g. `kafka:sales` or a file path. */
  @Column({ name: 'source', type: 'text' })
  source!: string;

  /** Position inside the source, e.g. `3:1042` (partition:offset) or a line number. */
  @Column({ name: 'position', type: 'text' })
  position!: string;

  /** The record's bytes; null for a record without a value (a Kafka tombstone). */
  @Column({ name: 'raw', type: 'bytea', nullable: true })
  raw!: Buffer | null;

  @Column({ name: 'error_code', type: 'text' })
  errorCode!: string;

  @Column({ name: 'error_message', type: 'text' })
  errorMessage!: string;

  @Column({ name: 'batch_id', type: 'bigint', nullable: true, transformer: bigintTransformer })
  batchId!: number | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
