/** The weekly slot of an activity in the typical week (`semaine type`). */
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Times are `HH:MM`, 24-hour. */
export interface Slot {
  weekday: Weekday;
  start: string;
  end: string;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** minutes since midnight of an `HH:MM` time (read digit by digit: clash checks call it for every pair of lines) */
export function minutesOf(time: string): number {
  if (time.length !== 5 || time.charCodeAt(2) !== 0x3a) {
    const [h, m] = time.split(':').map(Number);
    return h * 60 + m;
  }
  const digit = (i: number) => time.charCodeAt(i) - 0x30;
  return (digit(0) * 10 + digit(1)) * 60 + digit(3) * 10 + digit(4);
}

/** Two slots clash when they share a weekday and their time ranges overlap (end is exclusive). */
export function slotsClash(a: Slot, b: Slot): boolean {
  return a.weekday === b.weekday && minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end);
}

export function formatSlot(slot: Slot): string {
  return `${slot.weekday} ${slot.start}–${slot.end}`;
}
