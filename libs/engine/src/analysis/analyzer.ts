// Logical plan -> analyzed plan: resolves names, infers types and schemas, tracks event-time columns.
import { EngineError } from '../errors/engine-error';
import { type ExprNode, type SessionWindowNode, type TimeWindowNode, exprName, unalias } from '../expressions/expr-node';
import { aggregateDescriptor, isObjectAggregate } from '../expressions/aggregates/index';
import type { AggregateNode, DedupeNode, GroupStateNode, JoinNode, PlanNode } from '../plan/plan-node';
import { type DataType, type Field, WINDOW_TYPE, isNumericType, isStruct, sameType, structType, typeToString } from '../types/data-type';
import { type AggregateSpec, type AnalyzedPlan, type EventTimeKey, type WindowSpec, timestampEventColumns, walkPlan } from './analyzed-plan';
import type { BoundExpr } from './bound-expr';
import { analyzeExpr, resolveColumn, windowTime } from './expression-analyzer';
import { splitJoinCondition, streamJoinSpec } from './join-analysis';

const NO_EVENT_TIME: ReadonlyMap<number, number> = new Map();

function checkUnique(fields: readonly Field[], where: string): void {
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) {
      throw new EngineError('DUPLICATE_COLUMN', `${where} would produce two columns named '${f.name}'; rename one with as()`);
    }
    seen.add(f.name);
  }
}

export function analyzePlan(root: PlanNode): AnalyzedPlan {
  let nextWatermarkId = 0;

  const visit = (node: PlanNode): AnalyzedPlan => {
    switch (node.kind) {
      case 'LocalRelation':
        return { kind: 'LocalRelation', input: node.input, schema: node.input.schema, streaming: false, eventTime: NO_EVENT_TIME };
      case 'StreamRelation':
        return { kind: 'StreamRelation', source: node.source, schema: node.schema, streaming: true, eventTime: NO_EVENT_TIME };
      case 'Project': {
        const child = visit(node.child);
        const exprs = node.exprs.map((e) => analyzeExpr(e, child.schema));
        const fields = exprs.map((e, i) => ({ name: exprName(node.exprs[i]), type: e.type, nullable: true }));
        checkUnique(fields, 'select');
        const eventTime = new Map<number, number>();
        node.exprs.forEach((e, i) => {
          const id = eventTimeId(e, child);
          if (id !== undefined) eventTime.set(i, id);
        });
        return { kind: 'Project', child, exprs, schema: structType(fields), streaming: child.streaming, eventTime };
      }
      case 'Filter': {
        const child = visit(node.child);
        const condition = analyzeExpr(node.condition, child.schema);
        if (condition.type !== 'boolean') {
          throw new EngineError('TYPE_MISMATCH', `filter condition must be boolean, got ${typeToString(condition.type)}`);
        }
        return { kind: 'Filter', child, condition, schema: child.schema, streaming: child.streaming, eventTime: child.eventTime };
      }
      case 'Watermark': {
        const child = visit(node.child);
        const ref = resolveColumn(child.schema, node.column);
        if (ref.kind !== 'Ref' || ref.type !== 'timestamp') {
          throw new EngineError('INVALID_WATERMARK', `withWatermark needs a top-level timestamp column, '${node.column}' is ${typeToString(ref.type)}`);
        }
        const watermarkId = nextWatermarkId++;
        const eventTime = new Map(child.eventTime);
        eventTime.set(ref.index, watermarkId);
        return {
          kind: 'Watermark',
          child,
          column: ref.index,
          delayMs: node.delayMs,
          watermarkId,
          schema: child.schema,
          streaming: child.streaming,
          eventTime,
        };
      }
      case 'Aggregate':
        return analyzeAggregate(node, visit(node.child));
      case 'Join':
        return analyzeJoin(node, visit(node.left), visit(node.right));
      case 'GroupState':
        return analyzeGroupState(node, visit(node.child));
      case 'Dedupe':
        return analyzeDedupe(node, visit(node.child));
      case 'Union': {
        const children = node.children.map(visit);
        const first = children[0];
        for (const other of children.slice(1)) {
          const ok =
            other.schema.fields.length === first.schema.fields.length &&
            other.schema.fields.every((f, i) => f.name === first.schema.fields[i].name && sameType(f.type, first.schema.fields[i].type));
          if (!ok) throw new EngineError('TYPE_MISMATCH', 'union needs inputs with the same column names and types, in the same order');
        }
        if (children.some((c) => c.streaming) && !children.every((c) => c.streaming)) {
          throw new EngineError('UNSUPPORTED_OPERATION', 'union between streaming and batch DataFrames is not supported');
        }
        const eventTime = new Map<number, number>();
        for (const c of [...children].reverse()) c.eventTime.forEach((id, index) => eventTime.set(index, id));
        return { kind: 'Union', children, schema: first.schema, streaming: children.some((c) => c.streaming), eventTime };
      }
    }
  };
  return visit(root);
}

function aggregateSpec(node: ExprNode, child: AnalyzedPlan): AggregateSpec {
  const call = unalias(node);
  if (call.kind !== 'AggregateCall') {
    throw new EngineError('INVALID_AGGREGATION', `agg() takes aggregate functions (sum, count, ...), got '${exprName(node)}'`);
  }
  const arg = call.arg ? analyzeExpr(call.arg, child.schema) : null;
  // a struct of columns is countDistinct(a, b, ...)'s tuple; struct columns are not aggregate arguments
  if (arg && isStruct(arg.type) && call.fn !== 'count' && !(call.fn === 'count_distinct' && call.arg?.kind === 'Struct')) {
    throw new EngineError('TYPE_MISMATCH', `${call.fn}() does not take a struct`);
  }
  if (isObjectAggregate(call.fn)) {
    if (!arg) throw new EngineError('INVALID_AGGREGATION', `${call.fn}() needs a column`);
    const descriptor = aggregateDescriptor(call.fn);
    const type = descriptor.resultType(arg.type, call.params);
    return { fn: call.fn, arg, type, state: descriptor.bind(arg.type, call.params) };
  }
  let type: DataType;
  switch (call.fn) {
    case 'count':
      type = 'long';
      break;
    case 'sum':
    case 'avg':
      if (!arg || !isNumericType(arg.type) || arg.type === 'timestamp') {
        throw new EngineError('TYPE_MISMATCH', `${call.fn}() needs a number, got ${arg ? typeToString(arg.type) : 'nothing'}`);
      }
      type = call.fn === 'avg' || arg.type === 'double' ? 'double' : 'long';
      break;
    default:
      type = (arg as BoundExpr).type;
  }
  return { fn: call.fn, arg, type, state: null };
}

function analyzeAggregate(node: AggregateNode, child: AnalyzedPlan): AnalyzedPlan {
  let window: WindowSpec | null = null;
  let eventTimeKey: EventTimeKey | null = null;
  const fields: Field[] = [];
  const eventTime = new Map<number, number>();
  const keys = node.keys.map((keyNode, index): BoundExpr | null => {
    const inner = unalias(keyNode);
    if (inner.kind === 'TimeWindow' || inner.kind === 'SessionWindow') {
      if (window) throw new EngineError('UNSUPPORTED_OPERATION', 'only one time/session window per aggregation is allowed');
      window = analyzeWindow(inner, child);
      fields.push({ name: exprName(keyNode), type: WINDOW_TYPE, nullable: false });
      const id = eventTimeId(inner.timeColumn, child);
      if (id !== undefined) {
        eventTimeKey = { keyIndex: index, kind: 'window' };
        eventTime.set(index, id);
      }
      return null;
    }
    const key = analyzeExpr(keyNode, child.schema);
    if (isStruct(key.type)) throw new EngineError('UNSUPPORTED_OPERATION', `cannot group by a struct ('${exprName(keyNode)}')`);
    fields.push({ name: exprName(keyNode), type: key.type, nullable: true });
    const id = eventTimeId(keyNode, child);
    if (id !== undefined) {
      eventTime.set(index, id);
      eventTimeKey ??= { keyIndex: index, kind: 'timestamp' };
    }
    return key;
  });
  const aggs = node.aggs.map((a) => aggregateSpec(a, child));
  aggs.forEach((a, i) => fields.push({ name: exprName(node.aggs[i]), type: a.type, nullable: true }));
  checkUnique(fields, 'groupBy().agg()');
  if (node.aggs.length === 0) throw new EngineError('INVALID_AGGREGATION', 'agg() needs at least one aggregate');
  return {
    kind: 'Aggregate',
    child,
    keys,
    window,
    aggs,
    eventTimeKey,
    schema: structType(fields),
    streaming: child.streaming,
    eventTime,
  };
}

/**
 * The watermark id of an expression that carries event time (Spark's watermark metadata): a column that
 * does, or window_time() of a window column that does. Anything computed from them does not.
 */
function eventTimeId(node: ExprNode, child: AnalyzedPlan): number | undefined {
  const inner = unalias(node);
  if (inner.kind === 'WindowTime') return eventTimeId(inner.window, child);
  if (inner.kind !== 'ColumnRef') return undefined;
  const ref = resolveColumn(child.schema, inner.name);
  return ref.kind === 'Ref' ? child.eventTime.get(ref.index) : undefined;
}

function analyzeWindow(node: TimeWindowNode | SessionWindowNode, child: AnalyzedPlan): WindowSpec {
  const column = analyzeExpr(node.timeColumn, child.schema);
  // as Spark: a window over a window column windows its window_time()
  const time = sameType(column.type, WINDOW_TYPE) ? windowTime(column) : column;
  const what = node.kind === 'TimeWindow' ? 'window()' : 'session_window()';
  if (time.type !== 'timestamp') {
    throw new EngineError('TYPE_MISMATCH', `${what} needs a timestamp column, got ${typeToString(time.type)}`);
  }
  if (node.kind === 'SessionWindow') return { kind: 'session', time, gapMs: node.gapMs };
  return { kind: 'time', time, sizeMs: node.sizeMs, slideMs: node.slideMs, startMs: node.startMs };
}

function analyzeJoin(node: JoinNode, left: AnalyzedPlan, right: AnalyzedPlan): AnalyzedPlan {
  if (right.streaming && !left.streaming) {
    throw new EngineError('UNSUPPORTED_JOIN', `a ${node.how} join with the stream on the right side is not supported; put the stream on the left`);
  }
  const split = node.condition ? splitJoinCondition(node.condition, left.schema, right.schema) : { keys: [], rest: null };
  const named = node.on.map((name) => [resolveTop(left, name, 'left'), resolveTop(right, name, 'right')] as const);
  const keys = [...named, ...split.keys];
  if (keys.length === 0) {
    throw new EngineError('INVALID_ARGUMENT', 'join needs at least one key: column names, or a condition with a leftColumn = rightColumn equality');
  }
  keys.forEach(([l, r]) => {
    const lf = left.schema.fields[l];
    const rf = right.schema.fields[r];
    if (!(sameType(lf.type, rf.type) || (isNumericType(lf.type) && isNumericType(rf.type))) || isStruct(lf.type)) {
      throw new EngineError(
        'TYPE_MISMATCH',
        `join key '${lf.name}' is ${typeToString(lf.type)} on the left and '${rf.name}' ${typeToString(rf.type)} on the right`,
      );
    }
  });
  const leftKeys = keys.map(([l]) => l);
  const rightKeys = keys.map(([, r]) => r);
  const usingKeys = named.map(([, r]) => r);
  const rightOutput = right.schema.fields.map((_, i) => i).filter((i) => !usingKeys.includes(i));
  const fields = [...left.schema.fields, ...rightOutput.map((i) => ({ ...right.schema.fields[i], nullable: true }))];
  checkUnique(fields, node.condition ? 'join (a join on a condition keeps the columns of both sides)' : 'join');
  const schema = structType(fields);
  const condition = split.rest ? analyzeExpr(split.rest, schema) : null;
  if (condition && condition.type !== 'boolean') {
    throw new EngineError('TYPE_MISMATCH', `join condition must be boolean, got ${typeToString(condition.type)}`);
  }
  const nLeft = left.schema.fields.length;
  const toSide = (o: number) => (o < nLeft ? { side: 0 as const, index: o } : { side: 1 as const, index: rightOutput[o - nLeft] });
  const streamJoin = left.streaming && right.streaming ? streamJoinSpec(left, right, keys, condition, toSide) : null;
  const eventTime = new Map(left.eventTime);
  if (streamJoin) {
    rightOutput.forEach((r, j) => {
      const id = right.eventTime.get(r);
      if (id !== undefined) eventTime.set(nLeft + j, id);
    });
  }
  return {
    kind: 'Join',
    left,
    right,
    leftKeys,
    rightKeys,
    rightOutput,
    how: node.how,
    condition,
    streamJoin,
    schema,
    streaming: left.streaming,
    eventTime,
  };
}

function resolveTop(plan: AnalyzedPlan, name: string, side: string): number {
  const index = plan.schema.fields.findIndex((f) => f.name === name);
  if (index < 0) throw new EngineError('UNRESOLVED_COLUMN', `join key '${name}' is not a column of the ${side} side`);
  return index;
}

function analyzeGroupState(node: GroupStateNode, child: AnalyzedPlan): AnalyzedPlan {
  if (node.keys.length === 0) throw new EngineError('INVALID_ARGUMENT', 'groupByKey needs at least one key');
  const keys = node.keys.map((k) => analyzeExpr(k, child.schema));
  keys.forEach((k, i) => {
    if (isStruct(k.type)) throw new EngineError('UNSUPPORTED_OPERATION', `cannot group by a struct ('${exprName(node.keys[i])}')`);
  });
  const eventTimeColumns = timestampEventColumns(child);
  if (node.spec.timeout === 'eventTime' && child.streaming && eventTimeColumns.length === 0) {
    throw new EngineError('INVALID_STATE_TIMEOUT', "an 'eventTime' timeout needs withWatermark() before groupByKey()");
  }
  return {
    kind: 'GroupState',
    child,
    keys,
    keyNames: node.keys.map(exprName),
    spec: node.spec,
    eventTimeColumn: eventTimeColumns.length ? eventTimeColumns[0] : null,
    schema: node.spec.outputSchema,
    streaming: child.streaming,
    eventTime: NO_EVENT_TIME,
  };
}

function analyzeDedupe(node: DedupeNode, child: AnalyzedPlan): AnalyzedPlan {
  const fields = child.schema.fields;
  const keys =
    node.columns.length === 0
      ? fields.map((_, i) => i)
      : node.columns.map((name) => {
          const index = fields.findIndex((f) => f.name === name);
          if (index < 0)
            throw new EngineError('UNRESOLVED_COLUMN', `dropDuplicatesWithinWatermark: no column '${name}' among ${fields.map((f) => f.name).join(', ')}`);
          return index;
        });
  keys.forEach((k) => {
    if (isStruct(fields[k].type)) throw new EngineError('UNSUPPORTED_OPERATION', `cannot drop duplicates by a struct ('${fields[k].name}')`);
  });
  const timeColumns = timestampEventColumns(child);
  if (timeColumns.length > 1) {
    const names = timeColumns.map((c) => `'${fields[c].name}'`).join(', ');
    throw new EngineError('INVALID_WATERMARK', `dropDuplicatesWithinWatermark needs one event-time column, the input has ${names}; select one first`);
  }
  const timeColumn = timeColumns.length ? timeColumns[0] : null;
  return {
    kind: 'Dedupe',
    child,
    keys,
    timeColumn,
    delayMs: timeColumn === null ? null : watermarkDelay(child, child.eventTime.get(timeColumn)!),
    lateRows: node.lateRows,
    schema: child.schema,
    streaming: child.streaming,
    eventTime: child.eventTime,
  };
}

/** The delay of the withWatermark() that defined watermark `id` below `plan`. */
function watermarkDelay(plan: AnalyzedPlan, id: number): number {
  let delay = 0;
  walkPlan(plan, (node) => {
    if (node.kind === 'Watermark' && node.watermarkId === id) delay = node.delayMs;
  });
  return delay;
}
