// JavaScript's Date rolls impossible times over (2026-02-30 becomes March 2, hour 24 the next day).
// Whoever parses a time from text checks its fields here first and rejects instead.

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
