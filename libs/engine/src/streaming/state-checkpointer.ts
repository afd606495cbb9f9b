// Writes and restores the versioned state of stateful operators through a CheckpointStore, and
// decides how far old versions can be purged (never past the full snapshot a kept delta builds on).
import type { ResolvedEngineOptions } from '../engine-context';
import { EngineError } from '../errors/engine-error';
import type { StatePartitioning } from '../execution/key-encoding';
import { FULL_SNAPSHOT_EVERY, type Operator, type StatefulOperator } from '../execution/operator';
import { decodeState } from '../state/state-codec';
import type { CheckpointStore } from '../types/contracts';

export class StateCheckpointer {
  readonly partitioning: StatePartitioning;

  constructor(
    private readonly store: CheckpointStore,
    private readonly options: ResolvedEngineOptions,
    numPartitions: number,
  ) {
    const partitioner = options.statePartitioner;
    this.partitioning = {
      numPartitions,
      partitionOf: (key) => {
        const p = partitioner(key, numPartitions);
        if (!Number.isInteger(p) || p < 0 || p >= numPartitions) {
          throw new EngineError('INVALID_ARGUMENT', `statePartitioner returned ${p} for key ${JSON.stringify(key)}; expected 0..${numPartitions - 1}`);
        }
        return p;
      },
    };
  }

  /** Loads `version` (= number of batches committed before) into every operator. */
  async restore(operators: readonly StatefulOperator[], version: number): Promise<void> {
    for (const op of operators) {
      const chains = await Promise.all(Array.from({ length: this.partitioning.numPartitions }, (_, p) => this.readChain(op.operatorId, p, version)));
      op.restore(chains);
    }
  }

  /** Blobs needed for `version` of one partition: back to the last full snapshot, oldest first. */
  private async readChain(operatorId: number, partition: number, version: number): Promise<Uint8Array[]> {
    const chain: Uint8Array[] = [];
    for (let v = version; v > 0; v--) {
      const bytes = await this.store.readState(operatorId, partition, v);
      if (!bytes) {
        throw new EngineError('CHECKPOINT_CORRUPT', `state version ${v} of operator ${operatorId} partition ${partition} is missing`);
      }
      chain.unshift(bytes);
      if (decodeState(bytes).kind === 'full') break;
    }
    return chain;
  }

  /** Snapshots every operator, then writes all their partitions at once (in one call when the store can). */
  async save(operators: readonly (StatefulOperator & Operator)[], version: number): Promise<void> {
    const parts = operators.flatMap((op) =>
      op.snapshot(this.partitioning, version).map((bytes, partition) => ({ operatorId: op.operatorId, partition, bytes })),
    );
    if (this.store.writeStates) await this.store.writeStates(version, parts);
    else await Promise.all(parts.map((s) => this.store.writeState(s.operatorId, s.partition, version, s.bytes)));
  }

  /** After committing `batchId`: keep `minBatchesToRetain` batches and the full snapshot they build on. */
  async purgeAfter(batchId: number): Promise<void> {
    const retain = this.options.minBatchesToRetain;
    const keepFrom = Math.floor((batchId + 1 - retain) / FULL_SNAPSHOT_EVERY) * FULL_SNAPSHOT_EVERY;
    if (keepFrom > 0 && batchId % retain === 0) await this.store.purge(keepFrom);
  }
}
