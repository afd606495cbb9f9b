package dev.shelfstream.peers;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Apache Spark as a benchmark peer, in local mode on the same machine as our engine.
 *
 * <pre>
 * batch  --parquet FILE [--repeats N]
 * stream --bootstrap HOST:PORT --topic NAME --events N --checkpoint DIR
 *        [--products FILE] [--max-offsets-per-trigger N] [--trigger-ms N] [--timeout-ms N] [--warmup-batches 1]
 *        [--jdbc-url jdbc:postgresql://...] [--table spark_sales_velocity]
 * common: [--master local[2]] [--shuffle-partitions 2] [--spark.some.config value ...]
 * </pre>
 * Figures are printed to stdout as one JSON object per line; logs go to stderr.
 */
public final class SparkPeer {
  private SparkPeer() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("batch") || args[0].equals("stream"))) usage("first argument must be batch or stream");
    Map<String, String> flags = flags(args);
    SparkSession.Builder builder = SparkSession.builder()
        .master(flags.getOrDefault("master", "local[2]")).appName("shelfstream-spark-peer")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", flags.getOrDefault("shuffle-partitions", "2"))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.local.dir", System.getProperty("java.io.tmpdir") + "/shelfstream-spark-local");
    // Any --spark.* flag is passed through as Spark configuration (e.g. the state store provider).
    flags.forEach((key, value) -> {
      if (key.startsWith("spark.")) builder.config(key, value);
    });
    SparkSession spark = builder.getOrCreate();
    try {
      if (args[0].equals("batch")) {
        BatchRun.run(spark, required(flags, "parquet"), Integer.parseInt(flags.getOrDefault("repeats", "1")));
      } else {
        StreamRun.run(spark, new StreamOptions(required(flags, "bootstrap"), required(flags, "topic"),
            Long.parseLong(required(flags, "events")), required(flags, "checkpoint"), flags.get("products"),
            Long.parseLong(flags.getOrDefault("max-offsets-per-trigger", "100000")),
            Long.parseLong(flags.getOrDefault("trigger-ms", "100")),
            Long.parseLong(flags.getOrDefault("timeout-ms", "600000")),
            Long.parseLong(flags.getOrDefault("warmup-batches", "1")),
            flags.get("jdbc-url"), flags.getOrDefault("table", "spark_sales_velocity")));
      }
    } finally {
      spark.stop();
    }
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) usage("expected --name value pairs, got " + args[i]);
      flags.put(args[i].substring(2), args[i + 1]);
    }
    return flags;
  }

  private static String required(Map<String, String> flags, String name) {
    String value = flags.get(name);
    if (value == null) usage("missing --" + name);
    return value;
  }

  private static void usage(String problem) {
    System.err.println("PEER_USAGE: " + problem);
    System.err.println("usage: SparkPeer batch --parquet FILE [--repeats N] | stream --bootstrap H:P --topic T --events N --checkpoint DIR [--products FILE]");
    System.exit(2);
  }
}
