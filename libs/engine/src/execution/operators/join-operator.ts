// Hash join of a stream (or batch) on the left with a static, fully materialized right side:
// the right side is hashed once; each left chunk probes it (inner or left outer), pairs filtered by the
// join's extra condition.
import type { BoundExpr } from '../../analysis/bound-expr';
import type { ColumnBatch } from '../../columnar/column-batch';
import { type ColumnData, isValidAt } from '../../columnar/column-data';
import { StringDictionary } from '../../columnar/string-dictionary';
import type { JoinType } from '../../plan/plan-node';
import type { StructType } from '../../types/data-type';
import { encodeKey } from '../key-encoding';
import { conditionRows, joinedBatch, keepRows } from '../join-output';
import { KeyHashTable, mixHashes } from '../key-hash-table';
import { Operator } from '../operator';

/** 1 where no key column is null (SQL equality never matches a null). */
export function nonNullRows(columns: readonly ColumnData[], n: number): Uint8Array {
  const out = new Uint8Array(n).fill(1);
  for (const column of columns) for (let i = 0; i < n; i++) if (!isValidAt(column, i)) out[i] = 0;
  return out;
}

export class JoinOperator extends Operator {
  private dict = new StringDictionary();
  private table: KeyHashTable | null = null;
  /** Right rows grouped by key: rows of group g are order[start[g] .. start[g + 1]). */
  private start = new Int32Array(1);
  private order = new Int32Array(0);
  private right: ColumnBatch | null = null;

  constructor(
    schema: StructType,
    input: Operator,
    private readonly leftKeys: readonly number[],
    private readonly rightKeys: readonly number[],
    private readonly rightOutput: readonly number[],
    private readonly how: JoinType,
    private readonly condition: BoundExpr | null,
  ) {
    super(schema, [input]);
  }

  get isBuilt(): boolean {
    return this.right !== null;
  }

  /** (Re)builds the hash table over the static side, before a batch runs. */
  build(right: ColumnBatch): void {
    this.dict = new StringDictionary();
    const n = right.length;
    const keys = this.rightKeys.map((k) => encodeKey(right.columns[k], this.dict, n));
    const hashes = new Int32Array(n);
    keys.forEach((k) => mixHashes(hashes, k.values, k.nulls, n));
    const table = new KeyHashTable(keys.length, n);
    const gids = new Int32Array(n);
    // SQL equality: a null key never matches
    const active = nonNullRows(
      this.rightKeys.map((k) => right.columns[k]),
      n,
    );
    table.findOrInsert(
      keys.map((k) => k.values),
      keys.map((k) => k.nulls),
      hashes,
      n,
      gids,
      active,
    );
    const counts = new Int32Array(table.size + 1);
    for (let i = 0; i < n; i++) if (gids[i] >= 0) counts[gids[i] + 1]++;
    for (let g = 0; g < table.size; g++) counts[g + 1] += counts[g];
    const fill = counts.slice(0, table.size);
    const order = new Int32Array(counts[table.size]);
    for (let i = 0; i < n; i++) if (gids[i] >= 0) order[fill[gids[i]]++] = i;
    this.table = table;
    this.start = counts;
    this.order = order;
    this.right = right;
  }

  push(batch: ColumnBatch): void {
    const table = this.table!;
    const right = this.right!;
    const n = batch.length;
    const keys = this.leftKeys.map((k) => encodeKey(batch.columns[k], this.dict, n));
    const hashes = new Int32Array(n);
    keys.forEach((k) => mixHashes(hashes, k.values, k.nulls, n));
    const gids = new Int32Array(n);
    const active = nonNullRows(
      this.leftKeys.map((k) => batch.columns[k]),
      n,
    );
    table.findOrInsert(
      keys.map((k) => k.values),
      keys.map((k) => k.nulls),
      hashes,
      n,
      gids,
      active,
      false,
    );
    // candidate pairs: every right row with the same key
    let total = 0;
    for (let i = 0; i < n; i++) if (gids[i] >= 0) total += this.start[gids[i] + 1] - this.start[gids[i]];
    const leftRows = new Int32Array(total);
    const rightRows = new Int32Array(total);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const g = gids[i];
      if (g < 0) continue;
      for (let j = this.start[g]; j < this.start[g + 1]; j++) {
        leftRows[k] = i;
        rightRows[k++] = this.order[j];
      }
    }
    const candidates = joinedBatch(this.schema, batch, leftRows, right, this.rightOutput, rightRows);
    const kept = conditionRows(candidates, this.condition);
    if (this.how !== 'left') {
      this.emit(keepRows(candidates, kept));
      return;
    }
    // left outer, in left-row order: each row's pairs that passed, or one with nulls (pairs are in left order)
    const passed = kept ?? Int32Array.from({ length: total }, (_, pair) => pair);
    const outLeft: number[] = [];
    const outRight: number[] = [];
    let p = 0;
    for (let i = 0; i < n; i++) {
      const before = outLeft.length;
      for (; p < passed.length && leftRows[passed[p]] === i; p++) {
        outLeft.push(i);
        outRight.push(rightRows[passed[p]]);
      }
      if (outLeft.length === before) {
        outLeft.push(i);
        outRight.push(-1);
      }
    }
    this.emit(joinedBatch(this.schema, batch, Int32Array.from(outLeft), right, this.rightOutput, Int32Array.from(outRight)));
  }
}
