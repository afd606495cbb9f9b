import { Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Offset, StreamSource } from '@shelfstream/engine';
import { offsetAtLeast, SharedSource } from './shared-source';

/** A fake source over the numbers 0..n-1: offset = count of numbers available. */
function numbers(available: { n: number }) {
  const calls: string[] = [];
  const source: StreamSource = {
    name: 'numbers',
    schema: tableFromArrays({ x: Int32Array.from([]) }).schema,
    latestOffset: async (start?: Offset) => {
      calls.push(`latest ${JSON.stringify(start ?? 0)}`);
      return available.n;
    },
    getBatch: async (start: Offset | undefined, end: Offset) => {
      calls.push(`get ${JSON.stringify(start ?? 0)}..${JSON.stringify(end)}`);
      return tableFromArrays({ x: Int32Array.from({ length: Number(end) - Number(start ?? 0) }, (_, i) => Number(start ?? 0) + i) });
    },
    commit: async () => undefined,
    stop: async () => void calls.push('stop'),
  };
  return { source, calls };
}
const xs = (t: Table) => t.getChild('x')?.toArray().join(',');

describe('SharedSource', () => {
  it('views in step share one plan and one read per range', async () => {
    const available = { n: 5 };
    const { source, calls } = numbers(available);
    const shared = new SharedSource(source, 3);
    const [a, b, c] = [shared.view(), shared.view(), shared.view()];
    const ends = [await a.latestOffset(), await b.latestOffset()];
    available.n = 9; // new data between the views' polls: c still joins the shared plan
    ends.push(await c.latestOffset());
    expect(ends).toEqual([5, 5, 5]);
    const tables = await Promise.all([a, b, c].map((v) => v.getBatch(undefined, 5)));
    expect(tables.map(xs)).toEqual(['0,1,2,3,4', '0,1,2,3,4', '0,1,2,3,4']);
    // the next round: the first view to reach the plan's end asks for a new one
    expect(await b.latestOffset(5)).toBe(9);
    expect(await a.latestOffset(5)).toBe(9);
    expect(calls).toEqual(['latest 0', 'get 0..5', 'latest 5']);
  });

  it('a view behind catches up to the newest plan; reads stay correct', async () => {
    const available = { n: 4 };
    const { source } = numbers(available);
    const shared = new SharedSource(source, 2);
    const [a, b] = [shared.view(), shared.view()];
    expect(await a.latestOffset()).toBe(4);
    expect(xs(await a.getBatch(undefined, 4))).toBe('0,1,2,3');
    available.n = 7;
    expect(await a.latestOffset(4)).toBe(7);
    expect(await b.latestOffset()).toBe(7); // b never read 0..4: it reads 0..7 in one go
    expect(xs(await b.getBatch(undefined, 7))).toBe('0,1,2,3,4,5,6');
    expect(shared.innerReads).toBe(2);
  });

  it('compares partitioned offsets', () => {
    const at = (p0: number, p1: number) => ({ topic: 't', partitions: { '0': p0, '1': p1 } });
    expect(offsetAtLeast(at(5, 5), at(5, 4))).toBe(true);
    expect(offsetAtLeast(at(5, 3), at(5, 4))).toBe(false);
    expect(offsetAtLeast(at(0, 0), undefined)).toBe(true);
  });

  it('stops the inner source with the last view', async () => {
    const { source, calls } = numbers({ n: 0 });
    const shared = new SharedSource(source, 2);
    const [a, b] = [shared.view(), shared.view()];
    await a.stop();
    expect(calls).not.toContain('stop');
    await b.stop();
    expect(calls).toContain('stop');
  });
});
