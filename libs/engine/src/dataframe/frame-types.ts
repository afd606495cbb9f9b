// Compile-time row types of DataFrame<T> (type-only; nothing here exists at runtime). T is the row type
// collect() gives; the untyped frame is DataFrame<Row>, where every name is accepted (analysis still checks).
import type { Row } from '../columnar/row-conversion';
import type { Column, ColumnRef, PathName } from '../expressions/column';
import type { JoinType } from '../plan/plan-node';
import type { RowOf, SchemaSpec } from '../types/data-type';

/**
 * The row parameter of the untyped `DataFrame`: `any`, so that every typed frame is also a `DataFrame` (column
 * name checks make DataFrame<T> neither co- nor contravariant in T). It never reaches a row: `RowType` turns it
 * into `Row` wherever rows or names come out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one untyped default, see above
export type Untyped = any;
/** The rows of DataFrame<T>: T, or `Row` for the untyped frame. */
export type RowType<T> = 0 extends 1 & T ? Row : T;
/** The rows of a frame read with schema S: `RowOf<S>`, untyped for a plain `StructType`. */
export type FrameRow<S extends SchemaSpec> = string extends keyof S ? Untyped : RowOf<S>;
/** The row type of a frame derived from DataFrame<T>: R, or untyped again when T is (so untyped code stays untyped). */
export type Derived<T, R> = 0 extends 1 & T ? Untyped : R;

/** Flattens an intersection into one object type (readable hovers, cheaper later checks). */
export type Simplify<T> = { [K in keyof T]: T[K] };

/** The column names of a frame: its keys, or any string on an untyped frame. */
export type ColumnName<T> = Extract<keyof T, string>;

/** A column name, or a struct column's field ('window.start'). */
export type ColumnPath<T> =
  ColumnName<T> | { [K in ColumnName<T>]: NonNullable<T[K]> extends Row ? `${K}.${ColumnName<NonNullable<T[K]>>}` : never }[ColumnName<T>];

/** The value at a path of T ('a' or 'a.b'); unknown when T does not have it. */
type PathValue<T, P extends string> = P extends keyof T
  ? T[P]
  : P extends `${infer K}.${infer F}`
    ? K extends keyof T
      ? NonNullable<T[K]> extends Row
        ? PathValue<NonNullable<T[K]>, F> | (null extends T[K] ? null : never)
        : unknown
      : unknown
    : unknown;

/** A column's value in frame T: a column read by name takes the frame's type of that column. */
export type ColumnValue<T, V> = V extends ColumnRef<infer P> ? PathValue<T, P> : V;

/** The columns one select/agg argument adds: a name, '*', or a Column (an unnamed expression: any name). */
type Entry<T, A> = A extends '*'
  ? T
  : A extends string
    ? { [K in PathName<A>]: PathValue<T, A> }
    : A extends Column<infer V, infer N>
      ? string extends N
        ? Row
        : { [K in N]: ColumnValue<T, V> }
      : Row;

type Entries<T, A extends readonly unknown[]> = A extends readonly [infer H, ...infer R] ? Entry<T, H> & Entries<T, R> : A extends readonly [] ? unknown : Row;

/** The row of select(...A) / the aggregates of agg(...A) over a frame of rows T. */
export type SelectedRow<T, A extends readonly unknown[]> = Simplify<Entries<T, A>>;

/** A frame argument of select/groupBy: a column name (or path) of T, or a Column. */
export type ColumnArg<T> = ColumnPath<T> | Column;

/** T with `name` set to V (added, or replaced in place). */
export type WithColumn<T, N extends string, V> = Simplify<Omit<T, N> & { [K in N]: V }>;

/** The right side's columns after a join: nullable in a left join. */
export type JoinedRight<R, H extends JoinType> = H extends 'left' ? { [K in keyof R]: R[K] | null } : R;
