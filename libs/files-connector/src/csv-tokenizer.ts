// Incremental RFC 4180 tokenizer: quoted fields, doubled quotes, delimiters and newlines inside
// quotes, CRLF or LF. Text arrives in chunks; rows are returned as they complete.

export interface CsvRow {
  readonly fields: string[];
  /** Per field: was it quoted (so an empty quoted field is "", not null). */
  readonly quoted: boolean[];
  /** 1-based line number where the row starts. */
  readonly line: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvTokenizer {
  private pending = '';
  private line = 1;
  private readonly delimiter: number;

  constructor(delimiter = ',') {
    if (delimiter.length !== 1) throw new Error('CSV delimiter must be one character');
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds text; returns the rows completed by it. */
  push(chunk: string): CsvRow[] {
    this.pending += chunk;
    return this.drain(false);
  }

  /** Ends the input; returns the last row (if any). Throws on an unterminated quote. */
  end(): CsvRow[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRow[] {
    const text = this.pending;
    const rows: CsvRow[] = [];
    let pos = 0;
    for (;;) {
      const parsed = this.parseRow(text, pos, final);
      if (!parsed) break;
      if (parsed.row) rows.push(parsed.row);
      pos = parsed.next;
      if (pos >= text.length) break;
    }
    this.pending = text.slice(pos);
    return rows;
  }

  /** One row from `start`, or undefined if the row is not complete yet. */
  private parseRow(text: string, start: number, final: boolean): { row: CsvRow | undefined; next: number } | undefined {
    const n = text.length;
    if (start >= n) return undefined;
    const fields: string[] = [];
    const quoted: boolean[] = [];
    let lines = 0;
    let i = start;
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            if (final) throw new Error(`unterminated quoted field starting on line ${this.line + lines}`);
            return undefined;
          }
          if (q + 1 >= n && !final) return undefined;
          value += text.slice(from, q);
          for (let k = from; k < q; k++) if (text.charCodeAt(k) === LF) lines++;
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        fields.push(value);
        quoted.push(true);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === this.delimiter || c === LF || c === CR) break;
          j++;
        }
        if (j >= n && !final) return undefined;
        fields.push(text.slice(i, j));
        quoted.push(false);
        i = j;
      }
      if (i >= n) {
        return this.finish(fields, quoted, lines, n);
      }
      const c = text.charCodeAt(i);
      if (c === this.delimiter) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return undefined;
        i++;
        if (i < n && text.charCodeAt(i) === LF) i++;
        return this.finish(fields, quoted, lines + 1, i);
      }
      if (c === LF) return this.finish(fields, quoted, lines + 1, i + 1);
      // text after a closing quote: keep it, as lenient readers do
      const nextStop = i;
      let j = nextStop;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === this.delimiter || d === LF || d === CR) break;
        j++;
      }
      if (j >= n && !final) return undefined;
      fields[fields.length - 1] += text.slice(nextStop, j);
      i = j;
      if (i >= n) return this.finish(fields, quoted, lines, n);
    }
  }

  private finish(fields: string[], quoted: boolean[], lines: number, next: number) {
    const line = this.line;
    this.line += lines;
    // a blank line yields no row
    const blank = fields.length === 1 && fields[0] === '' && !quoted[0];
    return { row: blank ? undefined : { fields, quoted, line }, next };
  }
}
