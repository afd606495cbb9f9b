import { describe, expect, it, vi } from 'vitest';
import type { SweepService } from '../triggers/sweep.service';
import { BaselineRefreshService } from './baseline-refresh.service';

describe('BaselineRefreshService', () => {
  it('runs the injected batch baseline query, then re-evaluates every SKU', async () => {
    const calls: string[] = [];
    const sweep = { run: vi.fn(async () => (calls.push('sweep'), 3)) } as unknown as SweepService;
    const recompute = vi.fn(async (asOf: Date) => (calls.push(`baselines ${asOf.toISOString()}`), 42));
    const service = new BaselineRefreshService(sweep, recompute);
    expect(await service.runNow(new Date('2026-11-23T03:00:00Z'))).toBe(42);
    expect(calls).toEqual(['baselines 2026-11-23T03:00:00.000Z', 'sweep']);
  });

  it('refuses to run without a query, with a code', async () => {
    const service = new BaselineRefreshService({} as SweepService, null);
    await expect(service.runNow()).rejects.toThrow(/BASELINE_NOT_WIRED/);
  });
});
