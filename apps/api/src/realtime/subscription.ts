// What a socket asked to receive: everything, some categories, some SKUs (union of the last two).
import type { ErrorCode } from '../errors/error-codes';

export interface SubscribeRequest {
  all?: boolean;
  categories?: string[];
  skus?: string[];
}

export interface Subscription {
  all: boolean;
  categories: ReadonlySet<string>;
  skus: ReadonlySet<string>;
}

export const MAX_SUBSCRIBED_KEYS = 1000;

export class SubscriptionError extends Error {
  readonly code = 'VALIDATION_FAILED' satisfies ErrorCode;
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 128)) {
    throw new SubscriptionError(`${field} must be an array of 1-128 character strings`);
  }
  if (value.length > MAX_SUBSCRIBED_KEYS) throw new SubscriptionError(`${field} may list at most ${MAX_SUBSCRIBED_KEYS} entries`);
  return value as string[];
}

export function parseSubscription(input: unknown): Subscription {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SubscriptionError('subscribe expects an object {all?, categories?, skus?}');
  }
  const o = input as Record<string, unknown>;
  const unknownKeys = Object.keys(o).filter((k) => !['all', 'categories', 'skus'].includes(k));
  if (unknownKeys.length) throw new SubscriptionError(`unknown subscribe fields: ${unknownKeys.join(', ')}`);
  if (o['all'] !== undefined && typeof o['all'] !== 'boolean') throw new SubscriptionError('all must be a boolean');
  const categories = stringList(o['categories'], 'categories');
  const skus = stringList(o['skus'], 'skus');
  const all = o['all'] === true;
  if (!all && !categories.length && !skus.length) throw new SubscriptionError('subscribe to all, some categories or some SKUs');
  return { all, categories: new Set(categories), skus: new Set(skus) };
}

export function matches(sub: Subscription, sku: string, category: string | undefined): boolean {
  return sub.all || sub.skus.has(sku) || (category !== undefined && sub.categories.has(category));
}

export function describe(sub: Subscription): SubscribeRequest {
  return sub.all ? { all: true } : { categories: [...sub.categories], skus: [...sub.skus] };
}
