package dev.shelfstream.peers;

import static org.apache.spark.sql.functions.col;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Upserts a micro-batch's updated windows into Postgres, one transaction per partition:
 * table (sku, window_start, window_end, orders, units, revenue), primary key (sku, window_start).
 */
final class PostgresSink {
  private PostgresSink() {}

  static void createTable(String jdbcUrl, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.execute("create table if not exists " + table + " (sku text not null, window_start timestamptz not null, "
          + "window_end timestamptz not null, orders bigint not null, units bigint not null, revenue double precision not null, "
          + "primary key (sku, window_start))");
    }
  }

  static void write(Dataset<Row> batch, String jdbcUrl, String table) {
    String upsert = "insert into " + table + " (sku, window_start, window_end, orders, units, revenue) values (?, ?, ?, ?, ?, ?) "
        + "on conflict (sku, window_start) do update set window_end = excluded.window_end, orders = excluded.orders, "
        + "units = excluded.units, revenue = excluded.revenue";
    batch.select(col("sku"), col("window.start"), col("window.end"), col("orders"), col("units"), col("revenue"))
        .foreachPartition((ForeachPartitionFunction<Row>) rows -> {
          try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
              int pending = 0;
              while (rows.hasNext()) {
                Row r = rows.next();
                ps.setString(1, r.getString(0));
                ps.setTimestamp(2, r.getTimestamp(1));
                ps.setTimestamp(3, r.getTimestamp(2));
                ps.setLong(4, r.getLong(3));
                ps.setLong(5, r.getLong(4));
                ps.setDouble(6, r.getDouble(5));
                ps.addBatch();
                if (++pending == 1000) {
                  ps.executeBatch();
                  pending = 0;
                }
              }
              if (pending > 0) ps.executeBatch();
            }
            c.commit();
          }
        });
  }
}
