import { Conflict, NotAllowed, NotFound } from '../shared/errors';
import { formatSlot, slotsClash } from '../shared/slot';
import type { Slot } from '../shared/slot';
import type { BasketLine } from '../basket/basket';
import { activeReservationsOf, reservationOf } from './booking.state';
import type { BookingState, Owner } from './booking.state';
import type { Pending, Reservation, Reserved } from './reservation';

/** What a rule needs to know of an activity the child would take. */
export interface Wanted {
  activityId: string;
  name: string;
  slot: Slot;
}

export function describeActivity(activity: Wanted): string {
  return `"${activity.name}" (${formatSlot(activity.slot)})`;
}

/** The stream belongs to one child of one family; another family may not act on it. */
export function assertFamily(state: BookingState, familyId: string): void {
  if (state.owner !== null && state.owner.familyId !== familyId) {
    throw new NotAllowed('This child is not registered in your family.', 'FAMILY_MISMATCH');
  }
}

/** Staff and the allocation saga name a reservation; it must be one of this child's. */
export function existingReservation(
  state: BookingState,
  reservationId: string,
): { reservation: Reservation; owner: Owner } {
  const reservation = reservationOf(state, reservationId);
  if (reservation === undefined || state.owner === null) {
    throw new NotFound(`No reservation ${reservationId} for this child.`, 'RESERVATION_NOT_FOUND');
  }
  return { reservation, owner: state.owner };
}

/** Never two pending/reserved reservations of the same activity for a child (PRODUCT.md, AddActivity). */
export function assertNotBooked(wanted: Wanted, state: BookingState, child: string): void {
  const booked = activeReservationsOf(state).find((r) => r.activityId === wanted.activityId);
  if (booked !== undefined) {
    const how = booked.status === 'RESERVED' ? 'a confirmed place' : 'a pending reservation';
    throw new Conflict(`${capitalized(child)} already has ${how} in ${describeActivity(wanted)}.`, 'ALREADY_BOOKED');
  }
}

/** A child never holds two activities in the same weekly slot (PRODUCT.md, Allocation). */
export function assertNoClash(
  wanted: Wanted,
  others: readonly (BasketLine | Pending | Reserved)[],
  child: string,
): void {
  const other = others.find((o) => o.activityId !== wanted.activityId && slotsClash(o.slot, wanted.slot));
  if (other === undefined) return;
  const where = !('status' in other)
    ? `already in ${child}'s basket`
    : other.status === 'RESERVED'
      ? `already reserved for ${child}`
      : `already booked for ${child} and pending`;
  throw new Conflict(
    `${describeActivity(wanted)} clashes with ${describeActivity(other)}, ${where}: pick another slot.`,
    'SLOT_CLASH',
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
