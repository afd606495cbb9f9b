// The create-api-key CLI writes a hashed key that the running API then accepts for writes.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/api-key';
import { getJson, startTestApi, type TestApi } from './support/test-api';

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'src', 'cli', 'create-api-key.ts');

describe('create-api-key CLI', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('api_cli');
  });
  afterAll(async () => {
    await api?.stop();
  });

  const cli = (...args: string[]) =>
    run(process.execPath, ['-r', '@swc-node/register', CLI, ...args], { cwd: join(__dirname, '..'), env: { ...process.env, DATABASE_URL: api.db.url } });

  it('prints a key once, stores only its hash, and the key authorizes writes', async () => {
    const { stdout } = await cli('--name', 'ops', '--scopes', 'write');
    const key = /^(ssk_\S+)$/m.exec(stdout)?.[1];
    expect(key).toBeDefined();
    const { rows } = await api.pg.query<{ key_hash: string; scopes: string[] }>(`SELECT key_hash, scopes FROM api_keys WHERE name = 'ops'`);
    expect(rows[0].scopes).toEqual(['write']);
    expect(rows[0].key_hash).toBe(hashApiKey(key!)); // only the SHA-256 is stored
    const res = await getJson(api, '/api/v1/products', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key! },
      body: JSON.stringify({
        sku: 'CLI-1',
        name: 'n',
        category: 'c',
        unitCost: 1,
        basePrice: 2,
        priceFloor: 1,
        priceCeiling: 3,
        initialStock: 1,
        lowStockThreshold: 0,
      }),
    });
    expect(res.status).toBe(201);
  });

  it('refuses unknown scopes and duplicate names with a message', async () => {
    await expect(cli('--name', 'x', '--scopes', 'root')).rejects.toMatchObject({ stderr: expect.stringContaining('scopes must be') });
    await expect(cli('--name', 'ops')).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });
  });
});
