import { EngineError, ConnectorError } from '@shelfstream/engine';
import { tagConnectionLoss } from '@shelfstream/postgres-connector';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isTransientFailure } from './transient-failure';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientFailure', () => {
  it.each([
    [
      'a refused Kafka connection wrapped as QUERY_FAILED',
      new EngineError('QUERY_FAILED', 'Connection error', { cause: new KafkaJSConnectionError('Connection error: connect ECONNREFUSED') }),
    ],
    ['kafkajs retries exhausted', new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection timeout'), { retryCount: 5, retryTime: 10_000 })],
    [
      'a retriable kafkajs protocol error',
      new KafkaJSProtocolError({
        message: 'There is no leader for this topic-partition',
        type: 'LEADER_NOT_AVAILABLE',
        code: 5,
        retriable: true,
      } as unknown as string),
    ],
    [
      'a terminated Postgres backend (57P01) under SINK_ERROR',
      new EngineError('SINK_ERROR', 'the sink failed', { cause: withCode('terminating connection due to administrator command', '57P01') }),
    ],
    ['Postgres starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a Postgres connection exception (08006)', withCode('connection failure', '08006')],
    ['a socket reset', withCode('read ECONNRESET', 'ECONNRESET')],
    [
      'a pg client whose socket closed (tagged by resilientPool)',
      new EngineError('SOURCE_ERROR', 'source failed', { cause: tagConnectionLoss(new Error('Connection terminated unexpectedly')) }),
    ],
    ['a database not accepting connections (55000)', withCode('database "shop" is not currently accepting connections', '55000')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a refused Postgres connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'a Kafka consumer that dropped out after a broker loss',
      new EngineError('SOURCE_ERROR', 'source kafka:sales failed', {
        cause: new ConnectorError('SOURCE_UNAVAILABLE', 'the Kafka consumer of sales is not running'),
      }),
    ],
    ['a Kafka read that timed out', new ConnectorError('SOURCE_UNAVAILABLE', 'timed out reading sales ranges [{"partition":0}]')],
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
    // codes decide, not words or class names
    ['a codeless error that says "Connection terminated"', new Error('Connection terminated unexpectedly')],
    ['a message mentioning ECONNREFUSED without the code', new Error('connect ECONNREFUSED 127.0.0.1:9092')],
    ['an error merely named like a kafkajs connection error', Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' })],
    ['a value that does not fit its column (22003)', withCode('numeric field overflow', '22003')],
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
