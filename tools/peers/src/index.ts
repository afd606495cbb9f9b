export { PeerError, runDuckDbBatch, type BatchFigures, type DuckDbBatchOptions } from './duckdb-batch';
export { SLIDE_MINUTES, WINDOW_MINUTES, parquetEventsSql, slidingWindowSql, summarySql } from './sliding-window-sql';
export { writeSyntheticSalesParquet, type SyntheticSalesOptions } from './synthetic-sales';
