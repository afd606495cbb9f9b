import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { nestLogger } from './nest-logger';

function captured(): { lines: () => Record<string, unknown>[]; sink: Writable } {
  const raw: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (raw.push(chunk.toString()), done()) });
  return { sink, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('nestLogger', () => {
  it("maps Nest's levels to pino's, with the context as a field, and keeps only the enabled levels", () => {
    const out = captured();
    const logger = nestLogger(createLogger('api', 'trace', out.sink), ['log', 'warn', 'error']);
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('slow client', 'LiveGateway');
    logger.debug('hidden', 'X');
    logger.verbose('hidden too');
    expect(out.lines()).toEqual([
      expect.objectContaining({ level: 'info', component: 'api', context: 'NestApplication', msg: 'Nest application successfully started' }),
      expect.objectContaining({ level: 'warn', context: 'LiveGateway', msg: 'slow client' }),
    ]);
    logger.setLogLevels(['debug', 'verbose']);
    logger.debug('now shown', 'X');
    logger.verbose('this too');
    logger.log('but not this');
    expect(out.lines().slice(2)).toEqual([
      expect.objectContaining({ level: 'debug', context: 'X', msg: 'now shown' }),
      expect.objectContaining({ level: 'trace', msg: 'this too' }),
    ]);
    expect(out.lines()[3]).not.toHaveProperty('context');
  });

  it('keeps the stack of an error (with or without a context) and logs an Error as err', () => {
    const out = captured();
    const logger = nestLogger(createLogger('api', 'info', out.sink));
    const error = new Error('boom');
    logger.error('request failed', error.stack, 'ExceptionsHandler');
    logger.error('no stack', undefined, 'Main');
    logger.error(error);
    logger.fatal({ partition: 2 }, 'Worker');
    const [first, second, third, fourth] = out.lines();
    expect(first).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'request failed', stack: error.stack });
    expect(second).toEqual(expect.objectContaining({ level: 'error', context: 'Main', msg: 'no stack' }));
    expect(second).not.toHaveProperty('params');
    expect(third).toMatchObject({ level: 'error', msg: 'boom', err: { type: 'Error', message: 'boom' } });
    expect(fourth).toMatchObject({ level: 'fatal', context: 'Worker', partition: 2 });
  });
});
