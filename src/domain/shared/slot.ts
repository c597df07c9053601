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

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Two slots clash when they share a weekday and their time ranges overlap (end is exclusive). */
export function slotsClash(a: Slot, b: Slot): boolean {
  return a.weekday === b.weekday && minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end);
}

export function formatSlot(slot: Slot): string {
  return `${slot.weekday} ${slot.start}–${slot.end}`;
}
