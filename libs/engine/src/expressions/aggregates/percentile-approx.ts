// percentile_approx(col, percentage, accuracy = 10000): Spark's name and semantics over numbers and
// timestamps; the result has the argument's type. State: a QuantileSketch (rank error <= n / accuracy).
import { EngineError } from '../../errors/engine-error';
import { isNumericType, typeToString } from '../../types/data-type';
import { type AggregateDescriptor, type GroupAggregate, updateByValue } from '../aggregate-descriptor';
import { QuantileSketch } from './quantile-sketch';

export const DEFAULT_ACCURACY = 10_000;

function checkParams(params: readonly number[]): { percentage: number; accuracy: number } {
  const [percentage, accuracy = DEFAULT_ACCURACY] = params;
  if (!(percentage >= 0 && percentage <= 1)) {
    throw new EngineError('INVALID_ARGUMENT', `percentile_approx: percentage must be in [0, 1], got ${percentage}`);
  }
  if (!Number.isInteger(accuracy) || accuracy < 1 || accuracy > 2 ** 31 - 1) {
    throw new EngineError('INVALID_ARGUMENT', `percentile_approx: accuracy must be a positive int, got ${accuracy}`);
  }
  return { percentage, accuracy };
}

function sketchAggregate(percentage: number, accuracy: number): GroupAggregate<QuantileSketch> {
  const create = () => new QuantileSketch(accuracy);
  return {
    create,
    update: updateByValue(create, (state, value) => state.add(value as number)),
    merge: (into, from) => into.merge(from),
    finish: (state) => state.quantile(percentage),
    encode: (state) => state.encode(),
    decode: (bytes) => QuantileSketch.decode(bytes),
  };
}

export const percentileApproxDescriptor: AggregateDescriptor = {
  name: 'percentile_approx',
  resultType(argType, params) {
    if (!isNumericType(argType)) throw new EngineError('TYPE_MISMATCH', `percentile_approx() needs a number or timestamp, got ${typeToString(argType)}`);
    checkParams(params);
    return argType;
  },
  bind(_argType, params) {
    const { percentage, accuracy } = checkParams(params);
    return sketchAggregate(percentage, accuracy);
  },
};
