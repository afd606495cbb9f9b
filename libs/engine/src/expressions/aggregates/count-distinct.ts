// countDistinct(col): exact number of distinct non-null values (Spark's count(DISTINCT col)).
// State: the set of values seen. Bytes: a tag (0 numbers, 1 strings), then float64s or JSON text.
import { EngineError } from '../../errors/engine-error';
import { isStruct } from '../../types/data-type';
import { type AggregateDescriptor, type AggregateValue, type GroupAggregate, aligned, updateByValue } from '../aggregate-descriptor';

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

const countDistinctState: GroupAggregate<DistinctSet> = {
  create: () => new Set(),
  update: updateByValue<DistinctSet>(
    () => new Set(),
    (state, value) => state.add(value),
  ),
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
    if (isStruct(argType)) throw new EngineError('TYPE_MISMATCH', 'countDistinct() does not take a struct');
    return 'long';
  },
  bind: () => countDistinctState,
};
