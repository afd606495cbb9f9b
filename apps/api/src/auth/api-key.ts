// API keys: random, shown once, stored as SHA-256 (keys carry 256 bits of entropy, so a fast hash is enough).
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_HEADER = 'x-api-key';
export const API_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function generateApiKey(): string {
  return `ssk_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** `admin` may do everything; otherwise the scope must be listed. */
export function scopeAllows(scopes: readonly string[], required: ApiScope): boolean {
  return scopes.includes('admin') || scopes.includes(required);
}
