import type { Message } from '../shared/decider';
import { Conflict } from '../shared/errors';
import type { BookingState } from './booking.state';
import { describeActivity, existingReservation } from './booking.rules';
import type { CancellationReasonCode, ReservationCancelled } from './order.events';
import { STATUS_LABELS } from './reservation';

/**
 * Staff cancel an erroneous reservation before allocation (wrong class, duplicate…), so that the
 * family can book a correct one in time (procedure, step 5). Parents have no such command.
 */
export type CancelReservation = Message<
  'CancelReservation',
  {
    /** addresses the stream: `bookingStream(childId)` */
    childId: string;
    reservationId: string;
    reason: { code: CancellationReasonCode; note?: string };
    /** the staff member */
    cancelledBy: string;
    now: string;
  }
>;

export function decideCancelReservation(command: CancelReservation, state: BookingState): [ReservationCancelled] {
  const { reservationId, reason, cancelledBy, now } = command.data;
  const { reservation, owner } = existingReservation(state, reservationId);
  if (reservation.status !== 'PENDING') {
    throw new Conflict(
      `The reservation of ${describeActivity(reservation)} is ${reservation.status} (« ${STATUS_LABELS[reservation.status]} »): only a pending reservation can be cancelled.`,
      'RESERVATION_NOT_PENDING',
    );
  }
  const { orderId, activityId } = reservation;
  const { childId, familyId } = owner;
  const note = reason.note !== undefined && reason.note.trim() !== '' ? reason.note.trim() : null;
  const data = { reservationId, orderId, childId, familyId, activityId };
  return [
    {
      type: 'ReservationCancelled',
      data: { ...data, reason: { code: reason.code, note }, cancelledBy, cancelledAt: now },
    },
  ];
}
