package dev.shelfstream.peers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.max;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Streaming peer: JSON sales events from a Kafka topic (earliest offsets), optionally joined with a
 * static products file, watermark 10 minutes, the sliding-window aggregation in update mode. Each
 * micro-batch's updated rows are upserted into Postgres (with --jdbc-url) or only materialised; the
 * end-to-end latency of a row is the
 * time from the Kafka append of its newest event to the end of the sink call. Stops after
 * `expectedEvents` input rows (or the timeout) and prints per-batch lines and a summary; the first
 * `warmupBatches` batches (query start-up, code generation) are left out of the figures.
 */
final class StreamRun {
  static final StructType SALE = new StructType()
      .add("event_id", DataTypes.StringType).add("type", DataTypes.StringType).add("sku", DataTypes.StringType)
      .add("store", DataTypes.StringType).add("quantity", DataTypes.IntegerType).add("unit_price", DataTypes.DoubleType)
      .add("currency", DataTypes.StringType).add("event_time", DataTypes.TimestampType);

  private StreamRun() {}

  static void run(SparkSession spark, StreamOptions options)
      throws TimeoutException, StreamingQueryException, InterruptedException, SQLException {
    Dataset<Row> parsed = spark.readStream().format("kafka")
        .option("kafka.bootstrap.servers", options.bootstrap()).option("subscribe", options.topic())
        .option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", options.maxOffsetsPerTrigger())
        .load()
        .select(from_json(col("value").cast("string"), SALE).as("e"), col("timestamp").as("kafka_time"))
        .select(col("e.sku"), col("e.quantity"), col("e.unit_price"), col("e.event_time"), col("kafka_time"));
    if (options.products() != null) {
      Dataset<Row> products = options.products().endsWith(".csv")
          ? spark.read().option("header", "true").csv(options.products())
          : spark.read().parquet(options.products());
      parsed = parsed.join(products.select(col("sku")), "sku");
    }
    Dataset<Row> aggregated = SlidingAggregation.apply(parsed.withWatermark("event_time", "10 minutes"), max(col("kafka_time")).as("newest_kafka_time"));

    List<long[]> latencies = new ArrayList<>();
    AtomicLong outputRows = new AtomicLong();
    if (options.jdbcUrl() != null) PostgresSink.createTable(options.jdbcUrl(), options.table());
    VoidFunction2<Dataset<Row>, Long> sink = (batch, batchId) -> {
      batch.persist();
      if (options.jdbcUrl() != null) PostgresSink.write(batch, options.jdbcUrl(), options.table());
      List<Row> rows = batch.select(col("newest_kafka_time")).collectAsList();
      long done = System.currentTimeMillis();
      batch.unpersist();
      outputRows.addAndGet(rows.size());
      if (batchId < options.warmupBatches()) return;
      long[] batchLatencies = new long[rows.size()];
      for (int i = 0; i < rows.size(); i++) batchLatencies[i] = done - rows.get(i).getTimestamp(0).getTime();
      synchronized (latencies) {
        latencies.add(batchLatencies);
      }
    };

    Progress progress = new Progress(options.warmupBatches());
    spark.streams().addListener(progress);
    StreamingQuery query = aggregated.writeStream().outputMode("update").foreachBatch(sink)
        .option("checkpointLocation", options.checkpointDir())
        .trigger(Trigger.ProcessingTime(options.triggerMs()))
        .start();
    System.out.println(new Json().put("peer", "spark").put("mode", "stream").put("status", "started"));
    long deadline = System.currentTimeMillis() + options.timeoutMs();
    while (progress.inputRows.get() < options.expectedEvents() && System.currentTimeMillis() < deadline && query.isActive()) {
      Thread.sleep(100);
    }
    query.stop();
    if (query.exception().isDefined()) throw query.exception().get();

    long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    long[] batchDurations = progress.batchDurations.stream().mapToLong(Long::longValue).toArray();
    double activeSeconds = (progress.lastEndMs - progress.firstStartMs) / 1000.0;
    System.out.println(new Json()
        .put("peer", "spark").put("mode", "stream").put("status", "finished").put("sparkVersion", spark.version())
        .put("sink", options.jdbcUrl() != null ? "postgres" : "collect").put("events", progress.inputRows.get()).put("expectedEvents", options.expectedEvents())
        .put("batches", batchDurations.length).put("warmupBatches", options.warmupBatches()).put("outputRows", outputRows.get())
        .put("eventsPerSecond", activeSeconds > 0 ? progress.measuredRows.get() / activeSeconds : Double.NaN)
        .put("batchMsP50", Json.percentile(batchDurations, 50)).put("batchMsP99", Json.percentile(batchDurations, 99))
        .put("latencyMsP50", Json.percentile(all, 50)).put("latencyMsP99", Json.percentile(all, 99))
        .put("timedOut", progress.inputRows.get() < options.expectedEvents()));
  }

  /** Sums input rows; keeps the duration of each data-carrying batch after the warm-up ones. */
  static final class Progress extends StreamingQueryListener {
    final long warmupBatches;
    final AtomicLong inputRows = new AtomicLong();
    final AtomicLong measuredRows = new AtomicLong();
    final List<Long> batchDurations = new ArrayList<>();
    volatile long firstStartMs = 0;
    volatile long lastEndMs = 0;

    Progress(long warmupBatches) {
      this.warmupBatches = warmupBatches;
    }

    @Override public void onQueryStarted(QueryStartedEvent event) {}
    @Override public void onQueryTerminated(QueryTerminatedEvent event) {}
    @Override public void onQueryIdle(QueryIdleEvent event) {}

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
      var p = event.progress();
      if (p.numInputRows() == 0) return;
      long duration = p.durationMs().get("triggerExecution");
      inputRows.addAndGet(p.numInputRows());
      if (p.batchId() >= warmupBatches) {
        long start = Instant.parse(p.timestamp()).toEpochMilli();
        if (firstStartMs == 0) firstStartMs = start;
        lastEndMs = start + duration;
        batchDurations.add(duration);
        measuredRows.addAndGet(p.numInputRows());
      }
      System.out.println(new Json().put("peer", "spark").put("mode", "stream").put("batchId", p.batchId())
          .put("inputRows", p.numInputRows()).put("batchMs", duration).put("processedRowsPerSecond", p.processedRowsPerSecond()));
    }
  }
}
