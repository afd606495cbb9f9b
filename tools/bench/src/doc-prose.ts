// The fixed text of docs/benchmarks.md (how to run, what each row means, how to read them): no figures
// here; every number in that page comes from a bench JSON (benchmarks-doc.ts).

export const HOW_TO_RUN = `One command runs our projects' own benchmarks and the peer comparison, prints one table, writes
everything as JSON to the git-ignored \`bench-results/\` folder (\`bench-results/bench-<time>.json\`; each
own benchmark's full output in \`bench-results/own/<project>-<time>.log\`) and regenerates this page from
that JSON.

\`\`\`sh
npm run bench                      # everything: own benches, batch + streaming peers with Spark (~10-12 min)
npm run bench -- --quick           # development: small inputs, 1 repeat, own bench = engine only (~2-3 min)
npm run bench -- --no-spark        # without Spark (also BENCH_SPARK=0)
npm run bench -- --own api,engine  # which own benches (engine,pipeline,api,pricing-bot | none; also BENCH_OWN)
npm run bench -- --no-peers        # own benches only (also BENCH_PEERS=0)
npm run bench -- --no-docs         # leave docs/benchmarks.md as it is
npm run bench -- --events 5000000 --stream-events 500000 --rate 5000 --rate-events 100000
npm run bench:docs                 # this page again from the newest bench-results/bench-*.json
npm run bench:docs -- --from bench-results/bench-<time>.json
\`\`\`

Needs Postgres and Kafka (\`npm run infra:up\` is run first). Spark needs Java 17 and Maven: the first run
fetches ~280 MB of jars into \`.spark/libs\` and compiles the peer (\`npm run peers -- setup\`, minutes); if
that fails the Spark rows say \`left out: Java/Maven set-up failed: ...\` and the rest still runs. The
exit code is 1 if an own benchmark failed or a peer run threw; a check that fails shows \`MISMATCH\` /
\`RESULT DIFFERS\` in the table.

Code: \`tools/bench/src\` — \`main.ts\` (order of runs, table), \`options.ts\`, \`own-benches.ts\`,
\`batch-peer.ts\` + \`engine-batch.ts\` (child), \`stream-peer.ts\` + \`engine-stream.ts\` (child),
\`state-memory.ts\` (child), \`sliding-query.ts\` (the query in our DataFrame API), \`report.ts\`; this page:
\`bench-docs.ts\` → \`benchmarks-doc.ts\`, \`aims.ts\`, \`scale-out.ts\`. Peers: \`tools/peers\` (DuckDB,
synthetic Parquet), \`tools/spark\` + \`scripts/peers/*\` (Spark, the sales producer), see \`npm run peers\`.`;

export const THE_QUERY = `Per SKU, 1-hour windows sliding every 5 minutes (epoch-aligned, Spark's \`window()\` rules):
\`orders = count\`, \`units = sum(quantity)\`, \`revenue = sum(quantity * unit_price)\`. Every event is in 12
windows, which the checks use. The pipeline's own bench runs the full retail pipeline instead (live
inventory with its history + 1 h/5 min + 24 h velocity + sales history, one query with four outputs).`;

export const ROW_MEANINGS = `| section | row | figure |
| --- | --- | --- |
| own | \`<project>:bench\` | the project's own Nx \`bench\` target (engine windowed aggregation, pipeline latency/drain/profile, API load, pricing bot); ok/failed and time; its figures are in its log and, as JSON lines, in the bench JSON. \`--quick\` gives them smaller inputs (EVENTS=1M, BENCH_DURATION_S=5, ...). |
| batch | shelfstream | our engine in batch mode: \`engine.read.source(fileSource(parquet))\` → \`groupBy(window(event_time, '1 hour', '5 minutes'), sku).agg(...)\` → Arrow table, one process, best of 3 (quick: 1). events/s = input events / wall time from opening the file to the result. |
| batch | duckdb 1 thr / 2 thr | the same SQL by DuckDB (\`@duckdb/node-api\`) with 1 thread and all threads, best of 3; **ours/peer ev/s** = our events/s ÷ theirs (> 1: we are faster). **same result**: windows, orders and units equal ours exactly, revenue to 1e-9. |
| batch | spark | Spark 4.0.0 \`local[2]\` batch over the same file, best of 3 (the first run includes JVM warm-up). |
| stream | shelfstream backlog | our engine: \`parsedKafkaSource(kafkaSource(...))\` (JSON sales, Kafka append time kept) → inner join with the products CSV → watermark 10 min → the query (+ max Kafka time) → update mode → \`postgresSink\` upsert per batch with a Postgres checkpoint (exactly once). The topic (6 partitions) is pre-filled with N events spread over 24 h; both peers read that same topic; batches ≤ 20,000 events and a 100 ms trigger for both. Sustained events/s = events in batches after the first (start-up) one ÷ (end of the last − start of the second batch), as the Spark peer measures itself. |
| stream | spark backlog | Spark Structured Streaming (Kafka source, \`from_json\`, same join, watermark, update mode, foreachBatch JDBC upsert into Postgres) on the same topic. |
| stream | … rate N/s | a fresh topic with a 1,000-event warm-up backlog; once the first batch is done the producer sends events at the rate (event time = now). **p50/p99 ms** = end-to-end latency of every output row after the warm-up batch: time its Postgres transaction committed − Kafka append time of the newest event in that window row. **ours/peer p50** < 1 means we answer sooner. Each system gets its own topic with the same generated event sequence (same seed), one after the other so they do not share the CPU. |
| stream | check | the result table holds \`orders = 12 × events\` (every event counted once in 12 windows), and both systems produced the same number of windows. |
| scale-up | 1 / 2 processes (group) | our engine draining the same backlog in consumer-group mode (\`PartitionRunner\`: one query per owned partition, Postgres checkpoint per partition, fenced hand-over), first 1 process owning all 6 partitions, then 2 processes in one group. Whole drain, every batch included: events ÷ (last batch end − first batch start), so the group's start-up rebalance (with replays) is inside; "after the last hand-over" is the rate of the batches that started once ownership stopped moving. Ratio = 2 processes ÷ 1. "rows read" counts batches replayed after a hand-over. |
| memory | state per 100,000 SKUs | a memory stream of one sale per SKU for 100,000 SKUs in the same 5 minutes (12 window rows per SKU) through the query with watermark, state checkpointed to files; heap + array buffers after a full GC, after − before. |`;

export const READING = `- Batch: DuckDB is a vectorised C++ engine with a columnar Parquet reader; we are a single-threaded
  JavaScript engine (Parquet decode via hyparquet, window assignment per row × 12). Spark pays JVM and
  planning overhead per job on a small input; it would close the gap on bigger inputs and more cores.
- Streaming: both systems do the same work per batch (parse JSON, join, 12 windows per event, state,
  Postgres upsert of every changed window row in one transaction). Our batches are cheaper to schedule,
  which is what the latency column shows.
- The machine is shared (2 cores, other engineers' tests, and the broker and Postgres of every test run
  on it): compare runs only at a similar load average, and prefer ratios measured in the same run and
  CPU per event (which the load changes less than wall time) to absolute events/s.`;
