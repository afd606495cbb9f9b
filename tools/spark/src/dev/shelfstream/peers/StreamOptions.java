package dev.shelfstream.peers;

/** Settings of one streaming run (see SparkPeer's usage). */
record StreamOptions(String bootstrap, String topic, long expectedEvents, String checkpointDir, String products,
    long maxOffsetsPerTrigger, long triggerMs, long timeoutMs, long warmupBatches, String jdbcUrl, String table) {}
