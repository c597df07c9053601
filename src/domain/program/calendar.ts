import { RuleViolated } from '../shared/errors';

/**
 * Calendar dates (`YYYY-MM-DD`) and instants (ISO 8601 with an explicit offset) read as plain
 * strings, without the clock. An instant must carry its offset: without one, its meaning would
 * depend on the server's time zone.
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
}

/** Whole days from `from` to `to` (both valid calendar dates). */
export function daysBetween(from: string, to: string): number {
  return (utcMidnight(to) - utcMidnight(from)) / DAY_MS;
}

function utcMidnight(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

export function isInstant(value: string): boolean {
  const m = INSTANT_PATTERN.exec(value);
  return m !== null && isCalendarDate(m[1]) && !Number.isNaN(Date.parse(value));
}

/** Milliseconds since the epoch; refuses a malformed instant rather than comparing garbage. */
export function instantOf(value: string, what = 'time'): number {
  if (!isInstant(value)) {
    throw new RuleViolated(
      `The ${what} "${value}" is not a valid date and time: write it in ISO 8601 with its offset, e.g. 2025-03-01T09:00:00+01:00.`,
      'INSTANT_INVALID',
    );
  }
  return Date.parse(value);
}
