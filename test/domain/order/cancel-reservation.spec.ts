import { bookingDecider } from '../../../src/domain/order/booking.decider';
import { reservationOf } from '../../../src/domain/order/booking.state';
import { fold } from '../../../src/domain/shared/decider';
import { Conflict, NotFound } from '../../../src/domain/shared/errors';
import { spec } from '../../support/given-when-then';
import {
  LATER,
  aChild,
  anActivity,
  cancelReservation,
  freshId,
  ordered,
  reservationCancelled,
  reservationRejected,
  reservationReserved,
} from '../../support/booking.builders';

const booking = spec(bookingDecider);

describe('CancelReservation', () => {
  describe('given a pending reservation', () => {
    it('cancels it with the staff member and the reason', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      const reservationId = order.reservationIdOf(judo);
      booking
        .given(order.events)
        .when(
          cancelReservation(child, reservationId, {
            reason: { code: 'DUPLICATE', note: '  Booked twice with the sibling ' },
            cancelledBy: 'staff-42',
          }),
        )
        .then([
          {
            type: 'ReservationCancelled',
            data: {
              reservationId,
              orderId: order.orderId,
              childId: child.childId,
              familyId: child.familyId,
              activityId: judo.activityId,
              reason: { code: 'DUPLICATE', note: 'Booked twice with the sibling' },
              cancelledBy: 'staff-42',
              cancelledAt: LATER,
            },
          },
        ]);
    });

    it('records no note when staff give none', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      booking
        .given(order.events)
        .when(cancelReservation(child, order.reservationIdOf(judo), { reason: { code: 'WRONG_CLASS', note: ' ' } }))
        .then([reservationCancelled(child, order.orderId, judo)]);
    });

    it('leaves the reservation CANCELLED, by staff, with its reason', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      const state = fold(bookingDecider, [...order.events, reservationCancelled(child, order.orderId, judo)]);
      expect(reservationOf(state, order.reservationIdOf(judo))).toMatchObject({
        status: 'CANCELLED',
        cancellation: { cause: 'STAFF', reason: { code: 'WRONG_CLASS', note: null }, cancelledBy: 'staff-1' },
      });
    });
  });

  describe('given a reservation already reserved by an allocation', () => {
    it('refuses and says its status', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      const error = booking
        .given([...order.events, reservationReserved(child, order.orderId, judo, freshId('run'))])
        .when(cancelReservation(child, order.reservationIdOf(judo)))
        .thenRefuses(Conflict, 'RESERVATION_NOT_PENDING');
      expect(error.message).toBe(
        'The reservation of "Judo" (WEDNESDAY 14:00–15:00) is RESERVED (« Réservé »): only a pending reservation can be cancelled.',
      );
    });
  });

  describe('given a reservation already cancelled', () => {
    it('refuses a second cancellation', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      const error = booking
        .given([...order.events, reservationCancelled(child, order.orderId, judo)])
        .when(cancelReservation(child, order.reservationIdOf(judo)))
        .thenRefuses(Conflict, 'RESERVATION_NOT_PENDING');
      expect(error.message).toContain('is CANCELLED (« Annulé »)');
    });
  });

  describe('given a reservation rejected by an allocation', () => {
    it('refuses: the decision stands', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      booking
        .given([...order.events, reservationRejected(child, order.orderId, judo, freshId('run'))])
        .when(cancelReservation(child, order.reservationIdOf(judo)))
        .thenRefuses(Conflict, 'RESERVATION_NOT_PENDING');
    });
  });

  describe('given no such reservation for this child', () => {
    it('says it is not found', () => {
      const child = aChild();
      const judo = anActivity(child);
      booking
        .given(ordered(child, [judo]).events)
        .when(cancelReservation(child, `${freshId('order')}:${judo.activityId}`))
        .thenRefuses(NotFound, 'RESERVATION_NOT_FOUND');
    });

    it('says it is not found in a stream with no history', () => {
      const child = aChild();
      booking
        .given([])
        .when(cancelReservation(child, freshId('reservation')))
        .thenRefuses(NotFound, 'RESERVATION_NOT_FOUND');
    });
  });
});
