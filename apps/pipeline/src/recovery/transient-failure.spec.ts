import { EngineError } from '@shelfstream/engine';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isTransientFailure } from './transient-failure';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientFailure', () => {
  it.each([
    ['a refused Kafka connection wrapped as QUERY_FAILED', new EngineError('QUERY_FAILED', 'Connection error', { cause: new KafkaJSConnectionError('Connection error: connect ECONNREFUSED') })],
    ['kafkajs retries exhausted', new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection timeout'), { retryCount: 5, retryTime: 10_000 })],
    ['a retriable kafkajs protocol error', new KafkaJSProtocolError({ message: 'There is no leader for this topic-partition', type: 'LEADER_NOT_AVAILABLE', code: 5, retriable: true } as unknown as string)],
    ['a terminated Postgres backend (57P01) under SINK_ERROR', new EngineError('SINK_ERROR', 'the sink failed', { cause: withCode('terminating connection due to administrator command', '57P01') })],
    ['Postgres starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a Postgres connection exception (08006)', withCode('connection failure', '08006')],
    ['a socket reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a pg client whose socket closed', new EngineError('SOURCE_ERROR', 'source failed', { cause: new Error('Connection terminated unexpectedly') })],
    [
      'a Kafka consumer that crashed after a broker loss',
      new EngineError('SOURCE_ERROR', 'source kafka:sales failed to return: Consumer group was not initialized, consumer#run must be called first'),
    ],
    ['a Kafka read that timed out', new EngineError('SOURCE_ERROR', 'source kafka:sales failed: SOURCE_ERROR: timed out reading sales ranges [{"partition":0}]')],
  ])('treats %s as transient', (_name, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['an analysis error', new EngineError('UNRESOLVED_COLUMN', "cannot resolve column 'sku'")],
    ['a corrupt checkpoint', new EngineError('CHECKPOINT_CORRUPT', 'cannot read a state snapshot')],
    ['a constraint violation in the sink', new EngineError('SINK_ERROR', 'the sink failed', { cause: withCode('null value in column "raw"', '23502') })],
    ['a missing table', withCode('relation "live_inventory" does not exist', '42P01')],
    ['a non-retriable kafkajs error', new KafkaJSNonRetriableError('Topic authorization failed')],
    ['a plain string', 'boom'],
    ['undefined', undefined],
  ])('treats %s as fatal', (_name, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });

  it('stops following a cyclic cause chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(isTransientFailure(a)).toBe(false);
  });
});
