// kafkajs client from KAFKA_BROKERS (default 127.0.0.1:9092), quiet logs.
import { Kafka, logLevel } from 'kafkajs';

export function kafkaBrokers(brokers?: readonly string[]): string[] {
  return brokers ? [...brokers] : (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

export function createKafka(clientId: string, brokers?: readonly string[]): Kafka {
  return new Kafka({ clientId, brokers: kafkaBrokers(brokers), logLevel: logLevel.NOTHING });
}
