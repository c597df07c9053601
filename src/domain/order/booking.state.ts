import { EMPTY_BASKET } from '../basket/basket';
import type { Basket } from '../basket/basket';
import type { Billing } from './order.events';
import { isActive } from './reservation';
import type { Pending, Reservation, Reserved } from './reservation';

/** The child the stream is about, and its family; unknown until the first ActivityAdded. */
export interface Owner {
  childId: string;
  familyId: string;
}

/** An order has no status of its own: each of its reservations has one. */
export interface Order {
  orderId: string;
  programId: string;
  phaseId: string;
  billing: Billing;
  reservationIds: readonly string[];
  moduleCount: number;
  totalCents: number;
  placedAt: string;
}

/** One stream per child: its basket, its orders and its reservations, in the order placed. */
export interface BookingState {
  owner: Owner | null;
  basket: Basket;
  orders: readonly Order[];
  reservations: readonly Reservation[];
}

export const initialBookingState: BookingState = {
  owner: null,
  basket: EMPTY_BASKET,
  orders: [],
  reservations: [],
};

export function hasOrder(state: BookingState, orderId: string): boolean {
  return state.orders.some((order) => order.orderId === orderId);
}

export function orderOf(state: BookingState, orderId: string): Order | undefined {
  return state.orders.find((order) => order.orderId === orderId);
}

export function reservationsOf(state: BookingState): readonly Reservation[] {
  return state.reservations;
}

export function reservationOf(state: BookingState, reservationId: string): Reservation | undefined {
  return state.reservations.find((reservation) => reservation.reservationId === reservationId);
}

/** The reservations that hold the child's slots: PENDING or RESERVED. */
export function activeReservationsOf(state: BookingState): (Pending | Reserved)[] {
  return state.reservations.filter(isActive);
}
