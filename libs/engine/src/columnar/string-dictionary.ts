// Interns strings to stable integer codes for one operator (hash keys, state). Translating a column's
// dictionary costs one lookup per dictionary entry, not per row; translations are cached per dict.
import type { StringColumn } from './column-data';

export class StringDictionary {
  readonly strings: string[] = [];
  private readonly codes = new Map<string, number>();
  private readonly translations = new WeakMap<readonly string[], Int32Array>();

  intern(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  lookup(value: string): number | undefined {
    return this.codes.get(value);
  }

  /** Global codes of a column as float64 key values; nulls become -1. */
  encode(column: StringColumn, out: Float64Array): Float64Array {
    const map = this.translate(column.dict);
    const codes = column.codes;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      out[i] = c < 0 ? -1 : map[c];
    }
    return out;
  }

  private translate(dict: readonly string[]): Int32Array {
    let map = this.translations.get(dict);
    if (map && map.length === dict.length) return map;
    map = new Int32Array(dict.length);
    for (let i = 0; i < dict.length; i++) map[i] = this.intern(dict[i]);
    this.translations.set(dict, map);
    return map;
  }
}
