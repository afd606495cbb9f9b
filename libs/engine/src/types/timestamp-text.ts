// Timestamps from text, one grammar for the whole engine (casts, rows, MemoryStream, literals, CSV):
// ISO-8601 `YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][zone]`, zone `Z`, `UTC`, `GMT` or ±HH[:MM]. A
// time without a zone is UTC, never the process's local zone (JavaScript's Date.parse reads
// '2026-01-01T10:00' as local time), and an impossible calendar time (2026-02-30, 25:61) is not a
// time at all (Date would roll it over to March 2 or the next day).

export interface CalendarFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
}

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The first out-of-range field, described for an error message, or undefined when the time exists. */
export function impossibleCalendarField({ year, month, day, hour = 0, minute = 0, second = 0 }: CalendarFields): string | undefined {
  if (month < 1 || month > 12) return `month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `day ${day} (${year}-${String(month).padStart(2, '0')} has ${days} days)`;
  if (hour > 23) return `hour ${hour}`;
  if (minute > 59) return `minute ${minute}`;
  if (second > 59) return `second ${second}`;
  return undefined;
}

const TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)? ?(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

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

function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year >= 100) return t;
  const d = new Date(t); // Date.UTC reads years 0-99 as 1900-1999
  d.setUTCFullYear(year);
  return d.getTime();
}

type Parsed = { ms: number; problem?: undefined } | { ms?: undefined; problem: string };

function parse(text: string): Parsed {
  // fast path: 'YYYY-MM-DD HH:MM:SS' (or with 'T'), the common CSV shape
  const sep = text.charCodeAt(10);
  if (
    text.length === 19 &&
    (sep === 32 || sep === 84) &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58
  ) {
    const [year, month, day, hour, minute, second] = [
      digitsAt(text, 0, 4),
      digitsAt(text, 5, 7),
      digitsAt(text, 8, 10),
      digitsAt(text, 11, 13),
      digitsAt(text, 14, 16),
      digitsAt(text, 17, 19),
    ];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59)
      return { ms: utcMs(year, month, day, hour, minute, second, 0) };
  }
  const m = TIME_TEXT.exec(text);
  if (!m) return { problem: 'not an ISO-8601 date or time (YYYY-MM-DD[ HH:MM[:SS[.fff]]][Z|±HH:MM])' };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((f) => (f === undefined ? 0 : Number(f)));
  const impossible = impossibleCalendarField({ year, month, day, hour, minute, second });
  if (impossible) return { problem: `no such time: ${impossible}` };
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offsetMin = 0;
  const zone = m[8];
  if (zone && zone[0] !== 'Z' && zone[0] !== 'z' && zone !== 'UTC' && zone !== 'GMT') {
    const digits = zone.slice(1).replace(':', '');
    const [oh, om] = [Number(digits.slice(0, 2)), digits.length > 2 ? Number(digits.slice(2)) : 0];
    if (oh > 23 || om > 59) return { problem: `no such zone offset: ${zone}` };
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return { ms: utcMs(year, month, day, hour, minute, second, ms) - offsetMin * 60_000 };
}

/** Milliseconds since the epoch of `text` (a zone-less time is UTC), or NaN when it is not a real time. */
export function parseTimestampText(text: string): number {
  return parse(text).ms ?? NaN;
}

/** Why `text` is not a timestamp (for error messages), or undefined when it is one. */
export function timestampTextProblem(text: string): string | undefined {
  return parse(text).problem;
}
