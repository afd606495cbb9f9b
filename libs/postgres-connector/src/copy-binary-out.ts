// Reads a query's rows through `COPY (...) TO STDOUT (FORMAT binary)`: each field as raw bytes. pg
// returns a bytea in a plain SELECT as hex text (twice the size, then decoded), which dominated reading
// large state blobs; COPY hands the bytes over as they are stored.
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { ConnectorError } from '@shelfstream/engine';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** The rows of `COPY (<select>) TO STDOUT (FORMAT binary)`; a field is its bytes, or null. */
export async function copyOutBinary(client: PoolClient, select: string): Promise<(Uint8Array | null)[][]> {
  const chunks: Buffer[] = [];
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return parseBinaryCopy(Buffer.concat(chunks));
}

/** Parses Postgres' binary COPY format: signature, flags, header extension, then tuples until -1. */
export function parseBinaryCopy(data: Buffer): (Uint8Array | null)[][] {
  const corrupt = (what: string) => new ConnectorError('SOURCE_ERROR', `binary COPY output: ${what}`);
  if (data.length < 19 || !data.subarray(0, 11).equals(SIGNATURE)) throw corrupt('no PGCOPY signature');
  let at = 15 + 4 + data.readInt32BE(15);
  const rows: (Uint8Array | null)[][] = [];
  for (;;) {
    if (at + 2 > data.length) throw corrupt('ends inside a tuple header');
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) return rows;
    const row: (Uint8Array | null)[] = [];
    for (let f = 0; f < fields; f++) {
      if (at + 4 > data.length) throw corrupt('ends inside a field length');
      const length = data.readInt32BE(at);
      at += 4;
      if (length === -1) {
        row.push(null);
        continue;
      }
      if (at + length > data.length) throw corrupt('ends inside a field');
      row.push(new Uint8Array(data.buffer, data.byteOffset + at, length));
      at += length;
    }
    rows.push(row);
  }
}
