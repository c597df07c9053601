import { bookingDecider } from '../../../src/domain/order/booking.decider';
import { reservationOf } from '../../../src/domain/order/booking.state';
import { whyDecisionSkipped } from '../../../src/domain/order/decide-reservation.command';
import { STATUS_LABELS } from '../../../src/domain/order/reservation';
import { fold } from '../../../src/domain/shared/decider';
import { NotFound } from '../../../src/domain/shared/errors';
import { spec } from '../../support/given-when-then';
import {
  LATER,
  aChild,
  anActivity,
  decideReservation,
  freshId,
  ordered,
  reservationCancelled,
  reservationRejected,
  reservationReserved,
} from '../../support/booking.builders';

const booking = spec(bookingDecider);

function aPendingReservation() {
  const child = aChild();
  const judo = anActivity(child);
  const order = ordered(child, [judo]);
  const about = {
    reservationId: order.reservationIdOf(judo),
    orderId: order.orderId,
    childId: child.childId,
    familyId: child.familyId,
    activityId: judo.activityId,
  };
  return { child, judo, order, about, runId: freshId('run') };
}

describe('DecideReservation', () => {
  describe('given a pending reservation and a seat for it', () => {
    it('reserves it, with the run, rank and lottery number', () => {
      const { child, order, about, runId } = aPendingReservation();
      booking
        .given(order.events)
        .when(
          decideReservation(child, about.reservationId, runId, {
            outcome: 'RESERVED',
            rank: 3,
            lotteryNumber: '7f3a',
            tier: 1,
          }),
        )
        .then([
          {
            type: 'ReservationReserved',
            data: { ...about, runId, rank: 3, lotteryNumber: '7f3a', tier: 1, decidedAt: LATER },
          },
        ]);
    });

    it('leaves the reservation RESERVED, « Réservé »', () => {
      const { child, judo, order, about, runId } = aPendingReservation();
      const state = fold(bookingDecider, [...order.events, reservationReserved(child, order.orderId, judo, runId)]);
      const reservation = reservationOf(state, about.reservationId);
      expect(reservation).toMatchObject({ status: 'RESERVED', decision: { runId, rank: 1, lotteryNumber: '0a1b2c' } });
      expect(reservation && STATUS_LABELS[reservation.status]).toBe('Réservé');
    });
  });

  describe('given a pending reservation and no seat left', () => {
    it('rejects it for capacity, explaining its rank, number and the activity’s cut-off', () => {
      const { child, order, about, runId } = aPendingReservation();
      booking
        .given(order.events)
        .when(
          decideReservation(child, about.reservationId, runId, {
            outcome: 'REJECTED',
            reason: 'CAPACITY',
            detail: '12 seats, ranked 13th',
            rank: 13,
            lotteryNumber: 'f00d',
            tier: 2,
            cutOff: { tier: 1, lotteryNumber: 'c0ff' },
          }),
        )
        .then([
          {
            type: 'ReservationRejected',
            data: {
              ...about,
              runId,
              reason: 'CAPACITY',
              detail: '12 seats, ranked 13th',
              rank: 13,
              lotteryNumber: 'f00d',
              tier: 2,
              cutOff: { tier: 1, lotteryNumber: 'c0ff' },
              decidedAt: LATER,
            },
          },
        ]);
    });

    it('leaves the reservation CANCELLED, « Annulé », with the allocation’s reason', () => {
      const { child, judo, order, about, runId } = aPendingReservation();
      const state = fold(bookingDecider, [...order.events, reservationRejected(child, order.orderId, judo, runId)]);
      const reservation = reservationOf(state, about.reservationId);
      expect(reservation).toMatchObject({
        status: 'CANCELLED',
        cancellation: { cause: 'ALLOCATION', runId, reason: 'CAPACITY' },
      });
      expect(reservation && STATUS_LABELS[reservation.status]).toBe('Annulé');
    });
  });

  describe('given a pending reservation found ineligible', () => {
    it('rejects it, recording null for what the run did not rank', () => {
      const { child, order, about, runId } = aPendingReservation();
      booking
        .given(order.events)
        .when(
          decideReservation(child, about.reservationId, runId, {
            outcome: 'REJECTED',
            reason: 'INELIGIBLE',
            detail: 'class level CM2 not accepted',
          }),
        )
        .then([
          {
            type: 'ReservationRejected',
            data: {
              ...about,
              runId,
              reason: 'INELIGIBLE',
              detail: 'class level CM2 not accepted',
              rank: null,
              lotteryNumber: null,
              tier: null,
              cutOff: null,
              decidedAt: LATER,
            },
          },
        ]);
    });
  });

  describe('given the reservation already reserved by this run', () => {
    it('decides nothing again, and tells the saga why', () => {
      const { child, judo, order, about, runId } = aPendingReservation();
      const given = [...order.events, reservationReserved(child, order.orderId, judo, runId)];
      booking
        .given(given)
        .when(
          decideReservation(child, about.reservationId, runId, {
            outcome: 'RESERVED',
            rank: 1,
            lotteryNumber: '0a1b2c',
          }),
        )
        .thenNothingHappens();
      expect(whyDecisionSkipped(fold(bookingDecider, given), about.reservationId, runId)).toBe(
        'ALREADY_DECIDED_BY_THIS_RUN',
      );
    });
  });

  describe('given the reservation already rejected by this run', () => {
    it('decides nothing again, and tells the saga why', () => {
      const { child, judo, order, about, runId } = aPendingReservation();
      const given = [...order.events, reservationRejected(child, order.orderId, judo, runId)];
      booking
        .given(given)
        .when(decideReservation(child, about.reservationId, runId, { outcome: 'REJECTED', reason: 'CAPACITY' }))
        .thenNothingHappens();
      expect(whyDecisionSkipped(fold(bookingDecider, given), about.reservationId, runId)).toBe(
        'ALREADY_DECIDED_BY_THIS_RUN',
      );
    });
  });

  describe('given staff cancelled the reservation after the run', () => {
    it('decides nothing, and tells the saga it was cancelled by staff', () => {
      const { child, judo, order, about, runId } = aPendingReservation();
      const given = [...order.events, reservationCancelled(child, order.orderId, judo)];
      booking
        .given(given)
        .when(
          decideReservation(child, about.reservationId, runId, { outcome: 'RESERVED', rank: 2, lotteryNumber: 'beef' }),
        )
        .thenNothingHappens();
      const state = fold(bookingDecider, given);
      expect(whyDecisionSkipped(state, about.reservationId, runId)).toBe('CANCELLED_BY_STAFF');
      expect(reservationOf(state, about.reservationId)?.status).toBe('CANCELLED');
    });
  });

  describe('given the reservation decided by another run', () => {
    it('decides nothing, and tells the saga another run decided it', () => {
      const { child, judo, order, about } = aPendingReservation();
      const given = [...order.events, reservationReserved(child, order.orderId, judo, freshId('run'))];
      const laterRun = freshId('run');
      booking
        .given(given)
        .when(decideReservation(child, about.reservationId, laterRun, { outcome: 'REJECTED', reason: 'CAPACITY' }))
        .thenNothingHappens();
      expect(whyDecisionSkipped(fold(bookingDecider, given), about.reservationId, laterRun)).toBe(
        'DECIDED_BY_ANOTHER_RUN',
      );
    });
  });

  describe('given a pending reservation', () => {
    it('has no reason to be skipped', () => {
      const { order, about, runId } = aPendingReservation();
      expect(whyDecisionSkipped(fold(bookingDecider, order.events), about.reservationId, runId)).toBeNull();
    });
  });

  describe('given no such reservation for this child', () => {
    it('says it is not found', () => {
      const { child, order, runId } = aPendingReservation();
      booking
        .given(order.events)
        .when(
          decideReservation(child, freshId('reservation'), runId, {
            outcome: 'RESERVED',
            rank: 1,
            lotteryNumber: '01',
          }),
        )
        .thenRefuses(NotFound, 'RESERVATION_NOT_FOUND');
    });
  });
});
