import { assertNever } from '../shared/decider';
import { EMPTY_BASKET, linesOf } from '../basket/basket';
import type { BasketEvent } from '../basket/basket.events';
import type { BookingState } from './booking.state';
import type { OrderEvent } from './order.events';
import type { Reservation, ReservationLine } from './reservation';

export function evolveBooking(state: BookingState, event: BasketEvent | OrderEvent): BookingState {
  switch (event.type) {
    case 'ActivityAdded': {
      const { childId, familyId, programId, activityId, name, slot, priceCents, addedAt } = event.data;
      const lines = [...linesOf(state.basket), { activityId, name, slot, priceCents, addedAt }];
      return {
        ...state,
        owner: state.owner ?? { childId, familyId },
        basket: { status: 'FILLED', programId, lines },
      };
    }
    case 'ActivityRemoved': {
      if (state.basket.status === 'EMPTY') return state;
      const lines = state.basket.lines.filter((line) => line.activityId !== event.data.activityId);
      return { ...state, basket: lines.length === 0 ? EMPTY_BASKET : { ...state.basket, lines } };
    }
    case 'OrderPlaced': {
      const { orderId, childId, familyId, programId, phaseId, billing, moduleCount, totalCents, placedAt } = event.data;
      const reservations = event.data.reservations.map((r): Reservation => ({
        ...r,
        status: 'PENDING',
        orderId,
        programId,
        placedAt,
      }));
      const reservationIds = reservations.map((r) => r.reservationId);
      const order = { orderId, programId, phaseId, billing, reservationIds, moduleCount, totalCents, placedAt };
      return {
        owner: state.owner ?? { childId, familyId },
        basket: EMPTY_BASKET,
        orders: [...state.orders, order],
        reservations: [...state.reservations, ...reservations],
      };
    }
    case 'ReservationCancelled': {
      const { reservationId, reason, cancelledBy, cancelledAt } = event.data;
      return replace(state, reservationId, (r) => ({
        ...r,
        status: 'CANCELLED',
        cancellation: { cause: 'STAFF', reason, cancelledBy, cancelledAt },
      }));
    }
    case 'ReservationReserved': {
      const { reservationId, runId, rank, lotteryNumber, tier, decidedAt } = event.data;
      return replace(state, reservationId, (r) => ({
        ...r,
        status: 'RESERVED',
        decision: { runId, rank, lotteryNumber, tier, decidedAt },
      }));
    }
    case 'ReservationRejected': {
      const { reservationId, runId, reason, detail, rank, lotteryNumber, tier, cutOff, decidedAt } = event.data;
      return replace(state, reservationId, (r) => ({
        ...r,
        status: 'CANCELLED',
        cancellation: { cause: 'ALLOCATION', runId, reason, detail, rank, lotteryNumber, tier, cutOff, decidedAt },
      }));
    }
    default:
      return assertNever(event);
  }
}

/** A decided reservation keeps only the fields of its new status: no stale decision lingers. */
function replace(
  state: BookingState,
  reservationId: string,
  next: (line: ReservationLine) => Reservation,
): BookingState {
  return {
    ...state,
    reservations: state.reservations.map((r) => (r.reservationId === reservationId ? next(lineOf(r)) : r)),
  };
}

function lineOf(reservation: Reservation): ReservationLine {
  const { reservationId, orderId, programId, activityId, name, slot, priceCents, placedAt } = reservation;
  return { reservationId, orderId, programId, activityId, name, slot, priceCents, placedAt };
}
