// countDistinct(col, ...): exact number of distinct non-null values (Spark's count(DISTINCT col)); with
// several columns (a struct argument), of distinct tuples, skipping rows where any column is null.
// State: the set of values seen, a tuple as its key text. Bytes: a tag (0 numbers, 1 strings, tuple keys
// included), then float64s or JSON text.
import { type ColumnData, type StructColumn, stringColumn } from '../../columnar/column-data';
import { EngineError } from '../../errors/engine-error';
import { isStruct } from '../../types/data-type';
import { type AggregateDescriptor, type AggregateValue, type GroupAggregate, aligned, forEachValue, updateByValue } from '../aggregate-descriptor';

type DistinctSet = Set<AggregateValue>;

const NUMBERS = 0;
const STRINGS = 1;

function encode(state: DistinctSet): Uint8Array {
  const values = [...state];
  if (values.length > 0 && typeof values[0] === 'string') {
    const text = new TextEncoder().encode(JSON.stringify(values));
    const out = new Uint8Array(1 + text.length);
    out[0] = STRINGS;
    out.set(text, 1);
    return out;
  }
  // the tag is padded to 8 bytes so the float64s stay aligned
  const out = new Uint8Array(8 + values.length * 8);
  out[0] = NUMBERS;
  new Float64Array(out.buffer, 8).set(values as number[]);
  return out;
}

function decode(bytes: Uint8Array): DistinctSet {
  if (bytes[0] === STRINGS) return new Set(JSON.parse(new TextDecoder().decode(bytes.subarray(1))) as string[]);
  if (bytes[0] === NUMBERS) return new Set(new Float64Array(aligned(bytes, 8)));
  throw new EngineError('CHECKPOINT_CORRUPT', `countDistinct state has an unknown tag ${bytes[0]}`);
}

/**
 * The rows of a struct of columns as a string column of tuple keys, null where any field is null. A key
 * is the values joined by ',', strings as JSON (so 1 and "1" differ), numbers as text (0 and -0 agree).
 */
function tupleKeys(column: StructColumn, gids: Int32Array, n: number): ColumnData {
  // each row its own group for forEachValue, which skips nulls and rows without a group
  const rows = Int32Array.from(gids.subarray(0, n), (g, i) => (g >= 0 ? i : -1));
  const keys = new Array<string>(n).fill('');
  const fields = new Int32Array(n);
  column.children.forEach((child, k) =>
    forEachValue(child, rows, n, (i, value) => {
      keys[i] += `${k === 0 ? '' : ','}${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
      fields[i]++;
    }),
  );
  return stringColumn(
    Int32Array.from(fields, (count, i) => (count === column.children.length ? i : -1)),
    keys,
  );
}

const addValues = updateByValue<DistinctSet>(
  () => new Set(),
  (state, value) => state.add(value),
);

const countDistinctState: GroupAggregate<DistinctSet> = {
  create: () => new Set(),
  update: (states, gids, n, column) => addValues(states, gids, n, column.kind === 'struct' ? tupleKeys(column, gids, n) : column),
  merge(into, from) {
    for (const value of from) into.add(value);
  },
  finish: (state) => state.size,
  encode,
  decode,
};

export const countDistinctDescriptor: AggregateDescriptor = {
  name: 'count_distinct',
  resultType(argType) {
    // a struct argument is a tuple of columns (countDistinct(a, b)); its fields cannot be structs
    if (isStruct(argType) && argType.fields.some((f) => isStruct(f.type))) throw new EngineError('TYPE_MISMATCH', 'countDistinct() does not take a struct');
    return 'long';
  },
  bind: () => countDistinctState,
};
