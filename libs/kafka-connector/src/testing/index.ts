// @shelfstream/kafka-connector/testing: throw-away topics on the broker of KAFKA_BROKERS, for tests.
export { createTestTopic, testBrokers, type TestTopic } from './test-topics';
