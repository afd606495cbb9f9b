// JavaScript's Date rolls impossible times over (2026-02-30 becomes March 2, hour 24 the next day).
// Whoever parses a time from text checks its fields first and rejects instead. The check lives in the
// engine (its timestamp parser uses it too); the domain re-exports it for its validation and the API.
export { daysInMonth, impossibleCalendarField, type CalendarFields } from '@shelfstream/engine';
