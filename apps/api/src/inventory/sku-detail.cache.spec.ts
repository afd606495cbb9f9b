import { describe, expect, it } from 'vitest';
import { loadApiConfig } from '../config/api-config';
import { SkuDetailCache } from './sku-detail.cache';

const cache = (ttl = 30_000) => new SkuDetailCache(loadApiConfig({}, { SKU_CACHE_TTL_MS: ttl }));

describe('SkuDetailCache', () => {
  it('serves the stored document until the SKU is invalidated', async () => {
    const c = cache();
    let version = 1;
    const load = async () => ({ version });
    expect(await c.getOrLoad('A', load)).toBe('{"version":1}');
    version = 2;
    expect(await c.getOrLoad('A', load)).toBe('{"version":1}');
    c.invalidate(['A']);
    expect(await c.getOrLoad('A', load)).toBe('{"version":2}');
  });

  it('does not store a load that raced with an invalidation', async () => {
    const c = cache();
    let release!: () => void;
    const slow = c.getOrLoad('A', () => new Promise((resolve) => (release = () => resolve({ version: 'old' }))));
    c.invalidate(['A']); // a commit lands while the old row is being read
    release();
    expect(await slow).toBe('{"version":"old"}'); // that request may see it...
    expect(await c.getOrLoad('A', async () => ({ version: 'new' }))).toBe('{"version":"new"}'); // ...but the cache does not keep it
  });

  it('stores nothing when the TTL is 0', async () => {
    const c = cache(0);
    let n = 0;
    await c.getOrLoad('A', async () => ++n);
    expect(await c.getOrLoad('A', async () => ++n)).toBe('2');
  });
});
