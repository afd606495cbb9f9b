// Typed values from text cells (CSV), per Arrow type. Times: the engine's grammar (a zone-less time
// is UTC; an impossible date such as 2026-02-30 is invalid).
import { parseTimestampText } from '@shelfstream/engine';
import { type DataType, Type } from 'apache-arrow';

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
        const ms = parseTimestampText(t.trim());
        return Number.isNaN(ms) ? undefined : ms;
      };
    default:
      return () => undefined;
  }
}
