// In-process counters of the worker: what the tests and the benchmark read.

export class PricingMetrics {
  evaluations = 0;
  decisions = 0;
  applied = 0;
  duplicates = 0;
  /** Highest number of evaluations of one SKU seen running at once in this process. */
  maxConcurrentPerSku = 0;
  private readonly active = new Map<string, number>();

  begin(sku: string): void {
    const n = (this.active.get(sku) ?? 0) + 1;
    this.active.set(sku, n);
    this.maxConcurrentPerSku = Math.max(this.maxConcurrentPerSku, n);
    this.evaluations++;
  }

  end(sku: string): void {
    const n = (this.active.get(sku) ?? 1) - 1;
    if (n <= 0) this.active.delete(sku);
    else this.active.set(sku, n);
  }
}
