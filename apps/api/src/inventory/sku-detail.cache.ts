// Serialized SKU documents, dropped the moment the pipeline (or the pricing bot) reports a change to
// that SKU, with a TTL as a backstop for writers that do not notify. A load that raced with an
// invalidation is not stored (per-SKU generation check), so the cache never resurrects old data.
import { Inject, Injectable } from '@nestjs/common';
import { ApiConfig } from '../config/api-config';

const MAX_ENTRIES = 50_000;

@Injectable()
export class SkuDetailCache {
  private readonly entries = new Map<string, { json: string; expires: number }>();
  private readonly generations = new Map<string, number>();
  private epoch = 0;

  constructor(@Inject(ApiConfig) private readonly config: ApiConfig) {}

  async getOrLoad(sku: string, load: () => Promise<unknown>): Promise<string> {
    const ttl = this.config.SKU_CACHE_TTL_MS;
    const now = Date.now();
    const hit = this.entries.get(sku);
    if (hit && hit.expires > now) return hit.json;
    const before = this.stamp(sku);
    const json = JSON.stringify(await load());
    if (ttl > 0 && this.stamp(sku) === before) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(sku, { json, expires: now + ttl });
    }
    return json;
  }

  invalidate(skus: Iterable<string>): void {
    for (const sku of skus) {
      this.entries.delete(sku);
      this.generations.set(sku, (this.generations.get(sku) ?? 0) + 1);
    }
    if (this.generations.size > MAX_ENTRIES) this.invalidateAll();
  }

  invalidateAll(): void {
    this.entries.clear();
    this.generations.clear();
    this.epoch += 1;
  }

  private stamp(sku: string): string {
    return `${this.epoch}:${this.generations.get(sku) ?? 0}`;
  }
}
