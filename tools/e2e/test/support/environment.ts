// What the global setup hands to the test files (vitest provide/inject): where the running apps are.
export interface E2eEnvironment {
  readonly databaseUrl: string;
  readonly brokers: string[];
  readonly topics: { readonly sales: string; readonly deadLetters: string; readonly priceChanges: string };
  readonly redisUrl: string;
  /** BullMQ prefix and queue name of the pricing bot. */
  readonly queuePrefix: string;
  readonly queueName: string;
  readonly apiUrl: string;
  /** Micro-batch interval of `pipeline stream`. */
  readonly triggerMs: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eEnvironment;
  }
}
