package dev.shelfstream.peers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The benchmark query shared by the batch and streaming runs: per SKU, over 1-hour windows sliding
 * every 5 minutes (aligned to the epoch, as in Spark and our engine), the number of events, the units
 * (sum of quantity) and the revenue (sum of quantity * unit_price).
 * Input columns: sku (string), quantity (int), unit_price (double), event_time (timestamp).
 */
final class SlidingAggregation {
  static final String WINDOW = "1 hour";
  static final String SLIDE = "5 minutes";

  private SlidingAggregation() {}

  /** Extra aggregate columns (for example max(kafka timestamp) for latency) are appended. */
  static Dataset<Row> apply(Dataset<Row> events, Column... extra) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(col("quantity")).cast("long").as("units"));
    aggs.add(sum(col("quantity").multiply(col("unit_price"))).as("revenue"));
    aggs.addAll(List.of(extra));
    return events
        .groupBy(window(col("event_time"), WINDOW, SLIDE).as("window"), col("sku"))
        .agg(count(lit(1)).as("orders"), aggs.toArray(new Column[0]));
  }
}
