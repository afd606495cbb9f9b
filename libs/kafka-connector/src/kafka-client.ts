// kafkajs client with quiet logs. Brokers are passed in by the caller (its config); the default is a
// broker on this machine.
import { Kafka, logLevel } from 'kafkajs';

export const DEFAULT_KAFKA_BROKERS: readonly string[] = ['127.0.0.1:9092'];

export function kafkaBrokers(brokers?: readonly string[]): string[] {
  return [...(brokers ?? DEFAULT_KAFKA_BROKERS)];
}

export function createKafka(clientId: string, brokers?: readonly string[]): Kafka {
  return new Kafka({ clientId, brokers: kafkaBrokers(brokers), logLevel: logLevel.NOTHING });
}
