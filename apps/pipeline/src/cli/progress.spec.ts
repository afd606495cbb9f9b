import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from './progress';

/** A non-terminal stream and the lines written to it. */
function pipe(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, lines: () => text.split('\n').filter(Boolean) };
}

describe('progressBar off a terminal', () => {
  it('writes a line on the first step and at most one per interval, and the total when it stops', () => {
    const out = pipe();
    const bar = progressBar('load', 3, 'days', { stream: out.stream, intervalMs: 60_000 });
    bar.increment();
    bar.increment();
    bar.increment();
    bar.stop();
    expect(out.lines()).toEqual(['load: 1/3 days (33%)', 'load: 3/3 days (100%)']);
  });

  it('with no interval, a line per step; without a total, the count alone', () => {
    const out = pipe();
    const bar = progressBar('replay', 0, 'events', { stream: out.stream, intervalMs: 0 });
    bar.increment(10);
    bar.setTotal(25);
    bar.increment(15);
    bar.stop();
    expect(out.lines()).toEqual(['replay: 10 events', 'replay: 25/25 events (100%)', 'replay: 25/25 events (100%)']);
  });
});
