// approx_count_distinct(col, rsd = 0.05): Spark's name and precision rule; state = HyperLogLog registers.
import { EngineError } from '../../errors/engine-error';
import { isStruct } from '../../types/data-type';
import { type AggregateDescriptor, type GroupAggregate, updateByValue } from '../aggregate-descriptor';
import { HyperLogLog, precisionFor } from './hyperloglog';

export const DEFAULT_RSD = 0.05;

function hllAggregate(precision: number): GroupAggregate<HyperLogLog> {
  const create = () => new HyperLogLog(precision);
  return {
    create,
    update: updateByValue(create, (state, value) => state.add(value)),
    merge: (into, from) => into.merge(from),
    finish: (state) => state.estimate(),
    encode: (state) => state.encode(),
    decode: (bytes) => HyperLogLog.decode(bytes),
  };
}

export const approxCountDistinctDescriptor: AggregateDescriptor = {
  name: 'approx_count_distinct',
  resultType(argType, params) {
    if (isStruct(argType)) throw new EngineError('TYPE_MISMATCH', 'approx_count_distinct() does not take a struct');
    precisionFor(params[0] ?? DEFAULT_RSD);
    return 'long';
  },
  bind: (_argType, params) => hllAggregate(precisionFor(params[0] ?? DEFAULT_RSD)),
};
