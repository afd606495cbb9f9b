// Typed values from text cells (CSV), per Arrow type. Times without a zone are read as UTC.
import { type DataType, Type } from 'apache-arrow';

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** The number in text[from, to) when it is all ASCII digits, else NaN. */
export function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Milliseconds since the epoch; a zone-less time is UTC. NaN when not a time. */
export function parseTimestampMs(text: string): number {
  // fast path: 'YYYY-MM-DD HH:MM:SS' (or with 'T'), the common CSV shape
  const sep = text.charCodeAt(10);
  if (text.length === 19 && (sep === 32 || sep === 84) && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const ms = Date.UTC(
      digitsAt(text, 0, 4),
      digitsAt(text, 5, 7) - 1,
      digitsAt(text, 8, 10),
      digitsAt(text, 11, 13),
      digitsAt(text, 14, 16),
      digitsAt(text, 17, 19),
    );
    if (!Number.isNaN(ms)) return ms;
  }
  const m = LOCAL_TIME.exec(text);
  if (m) {
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
  }
  return Date.parse(text);
}

/** A function turning a cell into a value for `type`; returns `undefined` when the text is invalid. */
export function textParser(type: DataType): (text: string) => unknown {
  switch (type.typeId) {
    case Type.Utf8:
      return (t) => t;
    case Type.Float:
      return (t) => {
        const n = Number(t);
        return Number.isNaN(n) && t.trim() !== 'NaN' ? undefined : n;
      };
    case Type.Int: {
      const big = (type as DataType & { bitWidth: number }).bitWidth === 64;
      return (t) => {
        const s = t.trim();
        if (!/^[+-]?\d+$/.test(s)) return undefined;
        return big ? BigInt(s) : Number(s);
      };
    }
    case Type.Bool:
      return (t) => {
        const s = t.trim().toLowerCase();
        if (s === 'true' || s === '1' || s === 't' || s === 'yes') return true;
        if (s === 'false' || s === '0' || s === 'f' || s === 'no') return false;
        return undefined;
      };
    case Type.Timestamp:
    case Type.Date:
      return (t) => {
        const ms = parseTimestampMs(t.trim());
        return Number.isNaN(ms) ? undefined : ms;
      };
    default:
      return () => undefined;
  }
}
