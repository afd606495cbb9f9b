import { describe, expect, it } from 'vitest';
import { parseBinaryCopy } from './copy-binary-out';

const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const int16 = (n: number) => Buffer.from([(n >> 8) & 255, n & 255]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

describe('parseBinaryCopy', () => {
  it('reads tuples of raw fields and nulls up to the trailer', () => {
    const data = Buffer.concat([header, int16(2), int32(3), Buffer.from([0, 255, 7]), int32(-1), int16(1), int32(0), int16(-1)]);
    expect(parseBinaryCopy(data)).toEqual([[new Uint8Array([0, 255, 7]), null], [new Uint8Array(0)]]);
  });

  it('refuses output that is not binary COPY or is cut short', () => {
    expect(() => parseBinaryCopy(Buffer.from('id\tbytes\n'))).toThrow('no PGCOPY signature');
    expect(() => parseBinaryCopy(Buffer.concat([header, int16(1), int32(10), Buffer.from([1, 2])]))).toThrow('ends inside a field');
    expect(() => parseBinaryCopy(header)).toThrow('ends inside a tuple header');
  });
});
