// Descriptors of the aggregates whose per-group state is an object (see aggregate-descriptor.ts).
import type { AggregateDescriptor } from '../aggregate-descriptor';
import type { ObjectAggregateFn } from '../expr-node';
import { approxCountDistinctDescriptor } from './approx-count-distinct';
import { countDistinctDescriptor } from './count-distinct';
import { percentileApproxDescriptor } from './percentile-approx';

const DESCRIPTORS: Record<ObjectAggregateFn, AggregateDescriptor> = {
  count_distinct: countDistinctDescriptor,
  approx_count_distinct: approxCountDistinctDescriptor,
  percentile_approx: percentileApproxDescriptor,
};

export function aggregateDescriptor(fn: ObjectAggregateFn): AggregateDescriptor {
  return DESCRIPTORS[fn];
}

export const isObjectAggregate = (fn: string): fn is ObjectAggregateFn => Object.hasOwn(DESCRIPTORS, fn);
