import { minutesOf, slotsClash, type Slot } from '../../../src/domain/shared/slot';

describe('slots', () => {
  it('reads a time as minutes since midnight', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('16:45')).toBe(1005);
    expect(minutesOf('23:59')).toBe(1439);
    // a time written without its leading zero is read the same way
    expect(minutesOf('9:05')).toBe(545);
  });

  it('finds a clash only on the same weekday with overlapping times (the end is exclusive)', () => {
    const slot = (weekday: Slot['weekday'], start: string, end: string): Slot => ({ weekday, start, end });
    expect(slotsClash(slot('MONDAY', '16:30', '17:30'), slot('MONDAY', '17:00', '18:00'))).toBe(true);
    expect(slotsClash(slot('MONDAY', '16:30', '17:30'), slot('MONDAY', '17:30', '18:30'))).toBe(false);
    expect(slotsClash(slot('MONDAY', '16:30', '17:30'), slot('TUESDAY', '16:30', '17:30'))).toBe(false);
    expect(slotsClash(slot('WEDNESDAY', '09:00', '12:00'), slot('WEDNESDAY', '10:00', '11:00'))).toBe(true);
  });
});
