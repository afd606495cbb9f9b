import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('writes JSON lines with the component and level, filtered by level', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log = createLogger('stream', 'warn', sink);
    log.info('hidden');
    log.warn({ partition: 2 }, 'transient failure');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines.join(''))).toMatchObject({ level: 'warn', component: 'stream', partition: 2, msg: 'transient failure' });
  });
});
