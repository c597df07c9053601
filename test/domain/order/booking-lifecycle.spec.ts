import { basketOf } from '../../../src/domain/basket/basket';
import {
  BOOKING_EVENT_TYPES,
  bookingDecider,
  bookingStream,
  isBookingEvent,
} from '../../../src/domain/order/booking.decider';
import type { BookingEvent } from '../../../src/domain/order/booking.decider';
import { reservationsOf } from '../../../src/domain/order/booking.state';
import { STATUS_LABELS } from '../../../src/domain/order/reservation';
import { fold } from '../../../src/domain/shared/decider';
import {
  LATER,
  aChild,
  activityAdded,
  addActivity,
  anActivity,
  cancelReservation,
  decideReservation,
  freshId,
  placeOrder,
  slot,
} from '../../support/booking.builders';

/** Runs commands one after the other, as the application would, and returns the stream's events. */
function run(commands: Parameters<typeof bookingDecider.decide>[0][]): BookingEvent[] {
  return commands.reduce<BookingEvent[]>(
    (events, command) => [...events, ...bookingDecider.decide(command, fold(bookingDecider, events))],
    [],
  );
}

describe('a child’s bookings', () => {
  it('live in one stream per child', () => {
    const child = aChild();
    expect(bookingStream(child.childId)).toBe(`booking-${child.childId}`);
  });

  it('show the procedure’s French labels for each status', () => {
    expect(STATUS_LABELS).toEqual({ PENDING: 'En attente', RESERVED: 'Réservé', CANCELLED: 'Annulé' });
  });

  it('list every event type a booking stream holds', () => {
    expect([...BOOKING_EVENT_TYPES].sort()).toEqual([
      'ActivityAdded',
      'ActivityRemoved',
      'OrderPlaced',
      'ReservationCancelled',
      'ReservationRejected',
      'ReservationReserved',
    ]);
    const child = aChild();
    expect(isBookingEvent(activityAdded(child, anActivity(child)))).toBe(true);
    expect(isBookingEvent({ type: 'AccountValidated' })).toBe(false);
  });

  describe('given staff cancelled a reservation made in the wrong class', () => {
    it('let the parent order the same activity again, which is pending once more', () => {
      const child = aChild();
      const judo = anActivity(child);
      const first = placeOrder(child);
      const firstReservation = `${first.data.orderId}:${judo.activityId}`;
      const second = placeOrder(child, { now: LATER });
      const events = run([
        addActivity(child, judo),
        first,
        cancelReservation(child, firstReservation, { reason: { code: 'WRONG_CLASS' } }),
        addActivity(child, judo, { now: LATER }),
        second,
      ]);
      expect(events.map((e) => e.type)).toEqual([
        'ActivityAdded',
        'OrderPlaced',
        'ReservationCancelled',
        'ActivityAdded',
        'OrderPlaced',
      ]);
      expect(
        reservationsOf(fold(bookingDecider, events)).map((r) => [r.reservationId, STATUS_LABELS[r.status]]),
      ).toEqual([
        [firstReservation, 'Annulé'],
        [`${second.data.orderId}:${judo.activityId}`, 'En attente'],
      ]);
    });
  });

  describe('given the allocation rejected one reservation and seated the other', () => {
    it('let the parent book another activity on the refused slot, keeping the seat won', () => {
      const child = aChild();
      const judo = anActivity(child);
      const chess = anActivity(child, { name: 'Échecs', slot: slot('MONDAY', '16:30', '17:30') });
      const dance = anActivity(child, { name: 'Danse', slot: judo.slot });
      const order = placeOrder(child);
      const runId = freshId('run');
      const reservationOfActivity = (activityId: string) => `${order.data.orderId}:${activityId}`;
      const events = run([
        addActivity(child, judo),
        addActivity(child, chess),
        order,
        decideReservation(child, reservationOfActivity(judo.activityId), runId, {
          outcome: 'REJECTED',
          reason: 'CAPACITY',
        }),
        decideReservation(child, reservationOfActivity(chess.activityId), runId, {
          outcome: 'RESERVED',
          rank: 1,
          lotteryNumber: '01',
        }),
        addActivity(child, dance, { now: LATER }),
      ]);
      const state = fold(bookingDecider, events);
      expect(basketOf(state).lines.map((line) => line.name)).toEqual(['Danse']);
      expect(reservationsOf(state).map((r) => [r.name, r.status])).toEqual([
        ['Judo', 'CANCELLED'],
        ['Échecs', 'RESERVED'],
      ]);
    });
  });
});
