// @shelfstream/kafka-connector: a replayable Kafka stream source, JSON parsing with dead letters, a Kafka sink,
// consumer-group partition runner. Test helpers are in @shelfstream/kafka-connector/testing.
export {
  DEFAULT_MAX_DEAD_LETTER_RAW_BYTES,
  type DeadLetter,
  type DeadLetterInput,
  deadLetterJson,
  deadLetterOf,
  type DeadLetterSink,
  escapeControls,
  isTruncated,
} from './dead-letter';
export { createKafka, DEFAULT_KAFKA_BROKERS, kafkaBrokers } from './kafka-client';
export { type KafkaRecord, kafkaRowSchema, kafkaRowsTable, type KafkaValueFormat } from './kafka-rows';
export { KafkaDeadLetterSink, kafkaDeadLetters, KafkaSink, kafkaSink, type KafkaSinkOptions, sizeBoundedChunks, tableToJsonMessages } from './kafka-sink';
export { type KafkaGroupOptions, KafkaSource, kafkaSource, type KafkaSourceOptions, type StartingOffsets } from './kafka-source';
export { offsetsBehind, planEndOffsets } from './offset-planning';
export { isPartitionLoss, PARTITION_LOSS_CODES, PartitionRunner, type PartitionRunnerOptions, type RunningPartition } from './partition-runner';
export { type KafkaColumn, type ParsedRows, parsedSchema, parseKafkaRecords, type ParseKafkaOptions } from './parse-kafka-rows';
export { type ParseCounts, type ParseFacts, parseFactsOf, ParsedKafkaSource, parsedKafkaSource, type ParsedSourceOptions } from './parsed-source';
export { parseJson, type ParseJsonOptions, type ParseResult, type RecordMeta, type RecordParser } from './record-parser';
export { createTopicsReady } from './topic-admin';
export { asPartitionedOffset, type PartitionedOffset } from './partitioned-offset';
