import { bookingDecider } from '../../../src/domain/order/booking.decider';
import { Conflict, NotAllowed, RuleViolated } from '../../../src/domain/shared/errors';
import { spec } from '../../support/given-when-then';
import {
  LATER,
  aChild,
  activityAdded,
  activityRemoved,
  addActivity,
  anActivity,
  freshId,
  ordered,
  reservationCancelled,
  reservationRejected,
  reservationReserved,
  slot,
} from '../../support/booking.builders';

const booking = spec(bookingDecider);

describe('AddActivity', () => {
  describe('given an empty basket', () => {
    it('adds the activity as one line of the child’s basket', () => {
      const child = aChild();
      const judo = anActivity(child);
      booking
        .given([])
        .when(addActivity(child, judo))
        .then([
          {
            type: 'ActivityAdded',
            data: {
              childId: child.childId,
              familyId: child.familyId,
              programId: child.programId,
              activityId: judo.activityId,
              name: 'Judo',
              slot: { weekday: 'WEDNESDAY', start: '14:00', end: '15:00' },
              priceCents: 18_000,
              addedAt: '2024-05-13T08:00:00.000Z',
            },
          },
        ]);
    });
  });

  describe('given a basket with a line in another slot of the same program', () => {
    it('adds a second line', () => {
      const child = aChild();
      const judo = anActivity(child);
      const theatre = anActivity(child, { name: 'Théâtre', slot: slot('THURSDAY', '16:30', '18:00') });
      booking
        .given([activityAdded(child, judo)])
        .when(addActivity(child, theatre))
        .then([activityAdded(child, theatre)]);
    });
  });

  describe('given an activity whose slot starts when another ends', () => {
    it('does not count back-to-back slots as a clash', () => {
      const child = aChild();
      const judo = anActivity(child);
      const chess = anActivity(child, { name: 'Échecs', slot: slot('WEDNESDAY', '15:00', '16:00') });
      booking
        .given([activityAdded(child, judo)])
        .when(addActivity(child, chess))
        .then([activityAdded(child, chess)]);
    });
  });

  describe('given a child whose class level the activity does not accept', () => {
    it('refuses and names the accepted levels', () => {
      const child = aChild({ classLevel: 'CM2', firstName: 'Hugo' });
      const judo = anActivity(child, { acceptedLevels: ['CP', 'CE1'] });
      const error = booking
        .given([])
        .when(addActivity(child, judo))
        .thenRefuses(RuleViolated, 'CLASS_LEVEL_NOT_ACCEPTED');
      expect(error.message).toBe('"Judo" (WEDNESDAY 14:00–15:00) accepts CP, CE1 only; Hugo will be in CM2.');
    });
  });

  describe('given the activity already in the basket', () => {
    it('refuses a second line of the same activity', () => {
      const child = aChild();
      const judo = anActivity(child);
      const error = booking
        .given([activityAdded(child, judo)])
        .when(addActivity(child, judo))
        .thenRefuses(Conflict, 'ALREADY_IN_BASKET');
      expect(error.message).toBe(`"Judo" (WEDNESDAY 14:00–15:00) is already in Léa's basket.`);
    });
  });

  describe('given a pending reservation of the activity', () => {
    it('refuses to book the same activity twice', () => {
      const child = aChild();
      const judo = anActivity(child);
      const error = booking
        .given(ordered(child, [judo]).events)
        .when(addActivity(child, judo))
        .thenRefuses(Conflict, 'ALREADY_BOOKED');
      expect(error.message).toBe('Léa already has a pending reservation in "Judo" (WEDNESDAY 14:00–15:00).');
    });
  });

  describe('given a reserved place in the activity', () => {
    it('refuses to book the same activity twice', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      const error = booking
        .given([...order.events, reservationReserved(child, order.orderId, judo, freshId('run'))])
        .when(addActivity(child, judo))
        .thenRefuses(Conflict, 'ALREADY_BOOKED');
      expect(error.message).toContain('already has a confirmed place in "Judo"');
    });
  });

  describe('given a basket line in an overlapping slot', () => {
    it('refuses and names the other activity and its slot', () => {
      const child = aChild();
      const judo = anActivity(child);
      const theatre = anActivity(child, { name: 'Théâtre', slot: slot('WEDNESDAY', '14:30', '16:00') });
      const error = booking
        .given([activityAdded(child, judo)])
        .when(addActivity(child, theatre))
        .thenRefuses(Conflict, 'SLOT_CLASH');
      expect(error.message).toBe(
        '"Théâtre" (WEDNESDAY 14:30–16:00) clashes with "Judo" (WEDNESDAY 14:00–15:00), ' +
          "already in Léa's basket: pick another slot.",
      );
    });
  });

  describe('given a pending reservation in an overlapping slot', () => {
    it('refuses and names the pending activity and its slot', () => {
      const child = aChild();
      const judo = anActivity(child);
      const theatre = anActivity(child, { name: 'Théâtre', slot: slot('WEDNESDAY', '13:30', '14:30') });
      const error = booking
        .given(ordered(child, [judo]).events)
        .when(addActivity(child, theatre))
        .thenRefuses(Conflict, 'SLOT_CLASH');
      expect(error.message).toContain(
        'clashes with "Judo" (WEDNESDAY 14:00–15:00), already booked for Léa and pending',
      );
    });
  });

  describe('given a reserved activity in an overlapping slot, even of another program', () => {
    it('refuses the clash', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      const holidayGames = anActivity(child, { name: 'Jeux', programId: freshId('program') });
      const error = booking
        .given([...order.events, reservationReserved(child, order.orderId, judo, freshId('run'))])
        .when(addActivity(child, holidayGames))
        .thenRefuses(Conflict, 'SLOT_CLASH');
      expect(error.message).toContain('already reserved for Léa');
    });
  });

  describe('given a basket holding lines of another program', () => {
    it('asks to order or empty that basket first', () => {
      const child = aChild();
      const judo = anActivity(child);
      const pottery = anActivity(child, {
        name: 'Poterie',
        programId: freshId('program'),
        slot: slot('MONDAY', '16:30', '18:00'),
      });
      const error = booking
        .given([activityAdded(child, judo)])
        .when(addActivity(child, pottery))
        .thenRefuses(RuleViolated, 'BASKET_OF_ANOTHER_PROGRAM');
      expect(error.message).toContain('place that order or empty the basket before adding "Poterie"');
    });
  });

  describe('given a basket emptied of its last line', () => {
    it('accepts an activity of another program', () => {
      const child = aChild();
      const judo = anActivity(child);
      const pottery = anActivity(child, { name: 'Poterie', programId: freshId('program') });
      booking
        .given([activityAdded(child, judo), activityRemoved(child, judo)])
        .when(addActivity(child, pottery))
        .then([activityAdded(child, pottery)]);
    });
  });

  describe('given the stream of a child of another family', () => {
    it('refuses to touch that child’s basket', () => {
      const child = aChild();
      const intruder = { ...child, familyId: freshId('family') };
      booking
        .given([activityAdded(child, anActivity(child))])
        .when(addActivity(intruder, anActivity(child, { slot: slot('FRIDAY', '16:30', '17:30') })))
        .thenRefuses(NotAllowed, 'FAMILY_MISMATCH');
    });
  });

  describe('given a reservation staff cancelled', () => {
    it('lets the parent add the same activity again', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      booking
        .given([...order.events, reservationCancelled(child, order.orderId, judo)])
        .when(addActivity(child, judo, { now: LATER }))
        .then([activityAdded(child, judo, LATER)]);
    });
  });

  describe('given a reservation rejected by the allocation', () => {
    it('lets the parent add another activity on the refused slot', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      const dance = anActivity(child, { name: 'Danse', slot: judo.slot });
      booking
        .given([...order.events, reservationRejected(child, order.orderId, judo, freshId('run'))])
        .when(addActivity(child, dance, { now: LATER }))
        .then([activityAdded(child, dance, LATER)]);
    });

    it('lets the parent ask again for the same activity in the next round', () => {
      const child = aChild();
      const judo = anActivity(child);
      const order = ordered(child, [judo]);
      booking
        .given([...order.events, reservationRejected(child, order.orderId, judo, freshId('run'))])
        .when(addActivity(child, judo, { now: LATER }))
        .then([activityAdded(child, judo, LATER)]);
    });
  });
});
