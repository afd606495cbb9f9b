import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { brokerList } from '../config/config-vars';

/** A kafkajs client for a validated KAFKA_BROKERS value; quiet (WARN) unless `options` say otherwise. */
export function kafkaClient(clientId: string, brokers: string, options: Omit<KafkaConfig, 'clientId' | 'brokers'> = {}): Kafka {
  return new Kafka({ logLevel: logLevel.WARN, ...options, clientId, brokers: brokerList(brokers) });
}
