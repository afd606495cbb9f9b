import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import type { FileSources } from '../types/contracts';

const NEEDS_CONNECTOR = { code: 'INVALID_ARGUMENT', message: expect.stringContaining('createEngine({ files: fileSources })') };

describe('file readers', () => {
  it('without the files connector, say how to wire it in', async () => {
    const engine = createEngine();
    await expect(engine.read.parquet('sales.parquet')).rejects.toMatchObject(NEEDS_CONNECTOR);
    await expect(engine.read.arrow('sales.arrow')).rejects.toMatchObject({ message: expect.stringContaining('read.arrow') });
    expect(() => engine.readStream.files('in/', { format: 'csv', schema: { fields: [] } as never })).toThrow(expect.objectContaining(NEEDS_CONNECTOR) as Error);
  });

  it('hand paths and options to the connector given to createEngine', async () => {
    const asked: string[] = [];
    const files: FileSources = {
      batch: async (path, options) => {
        asked.push(`${options.format} ${path}`);
        throw new Error('stop here');
      },
      stream: () => {
        throw new Error('not used');
      },
    };
    await expect(createEngine({ files }).read.json('day.ndjson')).rejects.toThrow('stop here');
    expect(asked).toEqual(['json day.ndjson']);
  });
});
