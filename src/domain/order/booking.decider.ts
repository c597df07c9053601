import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { decideAddActivity } from '../basket/add-activity.command';
import type { AddActivity } from '../basket/add-activity.command';
import type { BasketEvent } from '../basket/basket.events';
import { decideRemoveActivity } from '../basket/remove-activity.command';
import type { RemoveActivity } from '../basket/remove-activity.command';
import { evolveBooking } from './booking.evolve';
import { initialBookingState } from './booking.state';
import type { BookingState } from './booking.state';
import { decideCancelReservation } from './cancel-reservation.command';
import type { CancelReservation } from './cancel-reservation.command';
import { decideDecideReservation } from './decide-reservation.command';
import type { DecideReservation } from './decide-reservation.command';
import type { OrderEvent } from './order.events';
import { decidePlaceOrder } from './place-order.command';
import type { PlaceOrder } from './place-order.command';

/**
 * The consistency boundary is the child: one stream holds its basket, orders and reservations,
 * so that duplicates and slot clashes are checked under one expected revision.
 */
export function bookingStream(childId: string): string {
  return `booking-${childId}`;
}

export type BookingCommand = AddActivity | RemoveActivity | PlaceOrder | CancelReservation | DecideReservation;
export type BookingEvent = BasketEvent | OrderEvent;

/** Written as a record so that a new event type can't be forgotten here. */
const EVENT_TYPES: { [Type in BookingEvent['type']]: true } = {
  ActivityAdded: true,
  ActivityRemoved: true,
  OrderPlaced: true,
  ReservationCancelled: true,
  ReservationReserved: true,
  ReservationRejected: true,
};

/** For the application's filters: the event types stored in a booking stream. */
export const BOOKING_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly BookingEvent['type'][];

export function isBookingEvent<E extends { type: string }>(event: E): event is E & BookingEvent {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, event.type);
}

function decide(command: BookingCommand, state: BookingState): BookingEvent[] {
  switch (command.type) {
    case 'AddActivity':
      return decideAddActivity(command, state);
    case 'RemoveActivity':
      return decideRemoveActivity(command, state);
    case 'PlaceOrder':
      return decidePlaceOrder(command, state);
    case 'CancelReservation':
      return decideCancelReservation(command, state);
    case 'DecideReservation':
      return decideDecideReservation(command, state);
    default:
      return assertNever(command);
  }
}

export const bookingDecider: Decider<BookingCommand, BookingEvent, BookingState> = {
  decide,
  evolve: evolveBooking,
  initialState: initialBookingState,
};
