// @shelfstream/engine/kafka: a replayable Kafka stream source, JSON parsing with dead letters, a Kafka sink.
export { createKafka, kafkaBrokers } from './kafka-client';
export { type KafkaRecord, kafkaRowSchema, kafkaRowsTable, type KafkaValueFormat } from './kafka-rows';
export { type KafkaGroupOptions, KafkaSource, kafkaSource, type KafkaSourceOptions, type StartingOffsets } from './kafka-source';
export { planEndOffsets } from './offset-planning';
export { createTestTopic, type TestTopic } from './test-topics';
