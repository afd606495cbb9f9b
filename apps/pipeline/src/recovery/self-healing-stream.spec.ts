import { EventEmitter } from 'node:events';
import { EngineError } from '@shelfstream/engine';
import { describe, expect, it } from 'vitest';
import { type RestartableStream, SelfHealingStream, StreamOutageError, type SupervisedQuery } from './self-healing-stream';

const lostConnection = () =>
  new EngineError('SOURCE_ERROR', 'fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });

/** A query that fails, commits a batch or ends when the test says so. */
class FakeQuery extends EventEmitter implements SupervisedQuery {
  exception: Error | null = null;
  private end!: () => void;
  private readonly ended = new Promise<void>((resolve) => (this.end = resolve));
  awaitTermination(): Promise<unknown> {
    return this.exception ? Promise.reject(this.exception) : this.ended;
  }
  fail(error: Error): void {
    this.exception = error;
    this.end();
  }
  commitBatch(): void {
    this.emit('progress');
  }
  stop(): void {
    this.end();
  }
}

class FakeStream implements RestartableStream {
  readonly query = new FakeQuery();
  stopped = false;
  async stop(): Promise<void> {
    this.stopped = true;
    this.query.stop();
  }
}

/** Starts fake streams (or throws the next queued start error); clock and backoff are fast. */
function harness(options: { maxOutageMs?: number; startErrors?: Error[] } = {}) {
  const streams: FakeStream[] = [];
  const lines: string[] = [];
  const startErrors = [...(options.startErrors ?? [])];
  let clock = 0;
  const healing = new SelfHealingStream<FakeStream>({
    start: async () => {
      clock += 1000;
      const error = startErrors.shift();
      if (error) throw error;
      const stream = new FakeStream();
      streams.push(stream);
      return stream;
    },
    policy: { initialDelayMs: 1, maxDelayMs: 4, maxOutageMs: options.maxOutageMs ?? 60_000, stopTimeoutMs: 50 },
    log: (line) => lines.push(line),
    now: () => clock,
  });
  const waitForStreams = async (n: number) => {
    while (streams.length < n) await new Promise((resolve) => setTimeout(resolve, 1));
  };
  return { healing, streams, lines, waitForStreams, advance: (ms: number) => (clock += ms) };
}

describe('SelfHealingStream', () => {
  it('stops the failed stream and starts a new one after a lost connection, logging the restart', async () => {
    const { healing, streams, lines, waitForStreams } = harness();
    const run = healing.run();
    await waitForStreams(1);
    streams[0].query.fail(lostConnection());
    await waitForStreams(2);
    expect(streams[0].stopped).toBe(true);
    expect(healing.current).toBe(streams[1]);
    expect(healing.restarts).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^stream: transient failure, restart 1 in 1 ms \(outage 0 s\): \[SOURCE_ERROR\] fetch failed$/)]);
    await healing.stop();
    await expect(run).resolves.toBeUndefined();
    expect(streams[1].stopped).toBe(true);
  });

  it('retries a start that fails with a lost connection, with exponential backoff capped at maxDelayMs', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const { healing, lines, waitForStreams } = harness({ startErrors: [refused, refused, refused, refused] });
    const run = healing.run();
    await waitForStreams(1);
    expect(lines.map((l) => /in (\d+) ms/.exec(l)?.[1])).toEqual(['1', '2', '4', '4']);
    await healing.stop();
    await run;
  });

  it('ends at once with a failure that is not transient', async () => {
    const { healing, streams, waitForStreams } = harness();
    const run = healing.run();
    await waitForStreams(1);
    const analysis = new EngineError('UNRESOLVED_COLUMN', "cannot resolve column 'x'");
    streams[0].query.fail(analysis);
    await expect(run).rejects.toBe(analysis);
    expect(streams).toHaveLength(1);
    expect(streams[0].stopped).toBe(true);
  });

  it('gives up when no batch commits for maxOutageMs, and a committed batch resets the outage', async () => {
    const { healing, streams, waitForStreams, advance } = harness({ maxOutageMs: 10_000 });
    const run = healing.run();
    await waitForStreams(1);
    // 6 s of failures, then a batch commits: the outage is over
    streams[0].query.fail(lostConnection());
    await waitForStreams(2);
    advance(6000);
    streams[1].query.commitBatch();
    streams[1].query.fail(lostConnection());
    await waitForStreams(3);
    advance(6000); // 6 s into a new outage: still under 10 s
    streams[2].query.fail(lostConnection());
    await waitForStreams(4);
    advance(9000); // now 16 s without a batch
    streams[3].query.fail(lostConnection());
    await expect(run).rejects.toBeInstanceOf(StreamOutageError);
    await expect(run).rejects.toMatchObject({ code: 'STREAM_OUTAGE', message: expect.stringContaining('last failure: [SOURCE_ERROR] fetch failed') });
    expect(streams).toHaveLength(4);
  });

  it('ends instead of starting a second run when the failed stream does not stop', async () => {
    const { healing, streams, waitForStreams } = harness();
    const run = healing.run();
    await waitForStreams(1);
    streams[0].stop = () => new Promise<void>(() => undefined); // hangs
    streams[0].query.fail(lostConnection());
    await expect(run).rejects.toMatchObject({ code: 'STREAM_OUTAGE', message: expect.stringContaining('did not stop within 50 ms') });
    expect(streams).toHaveLength(1);
  });

  it('supervises an initial stream without starting another', async () => {
    const initial = new FakeStream();
    let starts = 0;
    let supervising: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (supervising = resolve));
    const healing = new SelfHealingStream<FakeStream>({ initial, start: async () => (starts++, new FakeStream()), onStart: () => supervising() });
    const run = healing.run();
    await started; // onStart: the initial stream is supervised; a start would have come before it
    expect(healing.current).toBe(initial);
    expect(starts).toBe(0);
    await healing.stop();
    await run;
    expect(initial.stopped).toBe(true);
  });
});
