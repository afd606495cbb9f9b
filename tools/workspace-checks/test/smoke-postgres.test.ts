// A pg round trip against the real PostgreSQL at DATABASE_URL. Temporary tables keep it isolated:
// they belong to this session and vanish when it ends.
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const client = new Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shelfstream' });

beforeAll(async () => {
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

describe('postgres smoke', () => {
  it('writes rows and reads them back with types intact', async () => {
    await client.query('create temp table readings (sku text primary key, units int, price numeric(12,2), at timestamptz)');
    const at = new Date('2026-01-02T03:04:05.678Z');
    await client.query('insert into readings values ($1, $2, $3, $4), ($5, $6, $7, $8)', ['A-1', 3, '9.99', at, 'B-2', -1, '0.50', at]);
    const { rows } = await client.query<{ sku: string; units: number; price: string; at: Date }>('select * from readings order by sku');
    expect(rows).toEqual([
      { sku: 'A-1', units: 3, price: '9.99', at },
      { sku: 'B-2', units: -1, price: '0.50', at },
    ]);
  });

  it('rolls back a failed transaction', async () => {
    await client.query('create temp table ledger (id int primary key)');
    await client.query('begin');
    await client.query('insert into ledger values (1)');
    await expect(client.query('insert into ledger values (1)')).rejects.toMatchObject({ code: '23505' });
    await client.query('rollback');
    const { rows } = await client.query('select count(*)::int as n from ledger');
    expect(rows[0].n).toBe(0);
  });
});
