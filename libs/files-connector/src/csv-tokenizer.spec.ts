import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from './csv-tokenizer';

const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '1') });

function encode(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
}

describe('CsvTokenizer', () => {
  it('returns the encoded rows whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, cuts) => {
          const text = encode(rows) + '\n';
          const points = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
          const t = new CsvTokenizer();
          const out: string[][] = [];
          let prev = 0;
          for (const p of [...points, text.length]) {
            out.push(...t.push(text.slice(prev, p)).map((r) => r.fields));
            prev = p;
          }
          out.push(...t.end().map((r) => r.fields));
          expect(out).toEqual(rows);
        },
      ),
    );
  });

  it('keeps line numbers across quoted newlines', () => {
    const rows = new CsvTokenizer().push('a,"x\ny"\nb,c\n');
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
  });

  it('rejects an unterminated quote at the end', () => {
    const t = new CsvTokenizer();
    t.push('a,"open');
    expect(() => t.end()).toThrow(/unterminated/);
  });
});
