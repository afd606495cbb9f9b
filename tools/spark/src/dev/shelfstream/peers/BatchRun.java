package dev.shelfstream.peers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Batch peer: the sliding-window aggregation over a Parquet file, timed end to end per repeat. */
final class BatchRun {
  private BatchRun() {}

  static void run(SparkSession spark, String parquet, int repeats) {
    Dataset<Row> events = spark.read().parquet(parquet)
        .select(col("sku").cast("string").as("sku"), col("quantity").cast("int").as("quantity"),
            col("unit_price").cast("double").as("unit_price"), col("event_time").cast("timestamp").as("event_time"));
    long inputEvents = events.count();
    for (int i = 1; i <= repeats; i++) {
      long started = System.nanoTime();
      // Summarising the full result forces every window and group to be computed.
      Row summary = SlidingAggregation.apply(events)
          .agg(count(lit(1)).as("rows"), sum("orders").as("orders"), sum("units").as("units"), sum("revenue").as("revenue"))
          .first();
      double elapsedMs = (System.nanoTime() - started) / 1e6;
      System.out.println(new Json()
          .put("peer", "spark").put("mode", "batch").put("sparkVersion", spark.version()).put("repeat", i)
          .put("events", inputEvents).put("windows", summary.getLong(0)).put("orders", summary.getLong(1))
          .put("units", summary.getLong(2)).put("revenue", summary.getDouble(3))
          .put("elapsedMs", elapsedMs).put("eventsPerSecond", inputEvents / (elapsedMs / 1000.0)));
    }
  }
}
