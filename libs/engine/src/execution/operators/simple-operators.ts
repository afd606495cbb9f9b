// Stateless operators: scan (a leaf the driver pushes into), project, filter, union and the collector.
import type { BoundExpr } from '../../analysis/bound-expr';
import { type ColumnBatch, columnBatch, gatherBatch } from '../../columnar/column-batch';
import type { BoolColumn } from '../../columnar/column-data';
import type { StructType } from '../../types/data-type';
import { evaluate } from '../evaluate';
import { Operator } from '../operator';

export class ScanOperator extends Operator {
  constructor(
    schema: StructType,
    readonly sourceIndex: number,
  ) {
    super(schema, []);
  }
  push(batch: ColumnBatch): void {
    this.emit(batch.schema === this.schema ? batch : columnBatch(this.schema, batch.columns, batch.length));
  }
}

export class ProjectOperator extends Operator {
  constructor(
    schema: StructType,
    input: Operator,
    private readonly exprs: readonly BoundExpr[],
  ) {
    super(schema, [input]);
  }
  push(batch: ColumnBatch): void {
    this.emit(
      columnBatch(
        this.schema,
        this.exprs.map((e) => evaluate(e, batch)),
        batch.length,
      ),
    );
  }
}

/** Row indices where a boolean column is true (null counts as false). */
export function selectedRows(mask: BoolColumn, n: number): Int32Array | null {
  let count = 0;
  const values = mask.values;
  const valid = mask.valid;
  for (let i = 0; i < n; i++) if (values[i] === 1 && (valid === null || valid[i] === 1)) count++;
  if (count === n) return null;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) if (values[i] === 1 && (valid === null || valid[i] === 1)) out[k++] = i;
  return out;
}

export class FilterOperator extends Operator {
  constructor(
    input: Operator,
    private readonly condition: BoundExpr,
  ) {
    super(input.schema, [input]);
  }
  push(batch: ColumnBatch): void {
    const rows = selectedRows(evaluate(this.condition, batch) as BoolColumn, batch.length);
    this.emit(rows === null ? batch : gatherBatch(batch, rows));
  }
}

export class UnionOperator extends Operator {
  push(batch: ColumnBatch): void {
    this.emit(columnBatch(this.schema, batch.columns, batch.length));
  }
}

/** Root of a physical plan: keeps what reaches it during one batch. */
export class CollectOperator extends Operator {
  private batches: ColumnBatch[] = [];
  constructor(input: Operator) {
    super(input.schema, [input]);
  }
  push(batch: ColumnBatch): void {
    this.batches.push(batch);
  }
  take(): ColumnBatch[] {
    const out = this.batches;
    this.batches = [];
    return out;
  }
}
