// Counts failed API-key checks per client IP in fixed one-minute windows, so keys cannot be guessed at
// request speed: past the limit, keyed requests from that IP get 429 until the window is over.
const WINDOW_MS = 60_000;
const MAX_TRACKED = 50_000;

export class KeyFailureLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `ip` may try again, or 0 when it may try now. */
  retryAfterSeconds(ip: string): number {
    const entry = this.failures.get(ip);
    const now = this.now();
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.limit ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  recordFailure(ip: string): void {
    const now = this.now();
    const entry = this.failures.get(ip);
    if (entry && entry.resetAt > now) {
      entry.count += 1;
      return;
    }
    if (this.failures.size >= MAX_TRACKED) this.prune(now);
    this.failures.set(ip, { count: 1, resetAt: now + WINDOW_MS });
  }

  private prune(now: number): void {
    for (const [ip, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(ip);
    // Still full (a spread-out attack): forget the oldest windows rather than grow without bound.
    for (const ip of this.failures.keys()) {
      if (this.failures.size < MAX_TRACKED) break;
      this.failures.delete(ip);
    }
  }
}
