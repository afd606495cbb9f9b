import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('flushes a value after a quiet period at once, then at most once per interval with the newest value', () => {
    const flushed: number[][] = [];
    const c = new Coalescer<number>(
      100,
      (v) => flushed.push(v),
      undefined,
      () => Date.now(),
    );
    c.offer('a', 1);
    vi.advanceTimersByTime(0);
    expect(flushed).toEqual([[1]]);
    for (let i = 2; i <= 10; i++) c.offer('a', i);
    vi.advanceTimersByTime(99);
    expect(flushed).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(flushed).toEqual([[1], [10]]);
  });

  it('keeps one entry per key and merges when told to', () => {
    const flushed: string[][] = [];
    const c = new Coalescer<string>(
      50,
      (v) => flushed.push(v),
      (older, newer) => `${older}+${newer}`,
      () => Date.now(),
    );
    c.offer('a', 'x');
    c.offer('b', 'y');
    c.offer('a', 'z');
    vi.advanceTimersByTime(0);
    expect(flushed).toEqual([['y', 'x+z']]);
  });

  it('drops everything after stop', () => {
    const flush = vi.fn();
    const c = new Coalescer<number>(10, flush);
    c.offer('a', 1);
    c.stop();
    c.offer('a', 2);
    vi.advanceTimersByTime(100);
    expect(flush).not.toHaveBeenCalled();
  });
});
