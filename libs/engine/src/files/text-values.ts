// Typed values from text cells (CSV), per Arrow type. Times without a zone are read as UTC.
import { type DataType, Type } from 'apache-arrow';

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Milliseconds since the epoch; a zone-less time is UTC. NaN when not a time. */
export function parseTimestampMs(text: string): number {
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
