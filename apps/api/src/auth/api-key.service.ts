import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyEntity } from '@shelfstream/db';
import { DataSource, IsNull } from 'typeorm';
import { ApiError } from '../errors/api-error';
import { generateApiKey, hashApiKey, type ApiScope } from './api-key';

const CACHE_MS = 10_000;

export interface ApiPrincipal {
  id: number;
  name: string;
  scopes: string[];
}

@Injectable()
export class ApiKeyService {
  /** hash -> principal (or null for an unknown key), briefly cached so a key check is not a query per request. */
  private readonly cache = new Map<string, { principal: ApiPrincipal | null; until: number }>();

  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async authenticate(key: string): Promise<ApiPrincipal | null> {
    const hash = hashApiKey(key);
    const hit = this.cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.principal;
    const row = await this.ds.getRepository(ApiKeyEntity).findOneBy({ keyHash: hash, revokedAt: IsNull() });
    const principal = row ? { id: row.id, name: row.name, scopes: row.scopes } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  /** Creates a key and returns it in clear text (the only time it is visible). */
  async create(name: string, scopes: ApiScope[]): Promise<{ id: number; key: string }> {
    const key = generateApiKey();
    const repo = this.ds.getRepository(ApiKeyEntity);
    if (await repo.existsBy({ name })) throw new ApiError('CONFLICT', `An API key named ${name} already exists`);
    const saved = await repo.save(repo.create({ name, keyHash: hashApiKey(key), scopes }));
    return { id: saved.id, key };
  }
}
