import { bookingDecider } from '../../../src/domain/order/booking.decider';
import { NotAllowed, NotFound } from '../../../src/domain/shared/errors';
import { spec } from '../../support/given-when-then';
import {
  LATER,
  aChild,
  activityAdded,
  activityRemoved,
  anActivity,
  freshId,
  ordered,
  removeActivity,
  slot,
} from '../../support/booking.builders';

const booking = spec(bookingDecider);

describe('RemoveActivity', () => {
  describe('given the activity in the basket', () => {
    it('removes its line', () => {
      const child = aChild();
      const judo = anActivity(child);
      booking
        .given([activityAdded(child, judo)])
        .when(removeActivity(child, judo.activityId, { now: LATER }))
        .then([
          {
            type: 'ActivityRemoved',
            data: {
              childId: child.childId,
              familyId: child.familyId,
              programId: child.programId,
              activityId: judo.activityId,
              removedAt: LATER,
            },
          },
        ]);
    });
  });

  describe('given an empty basket', () => {
    it('says the activity is not in the basket', () => {
      const child = aChild();
      booking
        .given([])
        .when(removeActivity(child, freshId('activity')))
        .thenRefuses(NotFound, 'NOT_IN_BASKET');
    });
  });

  describe('given a basket without that activity', () => {
    it('says the activity is not in the basket', () => {
      const child = aChild();
      const judo = anActivity(child);
      const chess = anActivity(child, { slot: slot('MONDAY', '16:30', '17:30') });
      booking
        .given([activityAdded(child, judo)])
        .when(removeActivity(child, chess.activityId))
        .thenRefuses(NotFound, 'NOT_IN_BASKET');
    });
  });

  describe('given the activity already removed', () => {
    it('says the activity is not in the basket', () => {
      const child = aChild();
      const judo = anActivity(child);
      booking
        .given([activityAdded(child, judo), activityRemoved(child, judo)])
        .when(removeActivity(child, judo.activityId))
        .thenRefuses(NotFound, 'NOT_IN_BASKET');
    });
  });

  describe('given the activity already ordered', () => {
    it('cannot take it out of the order: it is no longer in the basket', () => {
      const child = aChild();
      const judo = anActivity(child);
      booking
        .given(ordered(child, [judo]).events)
        .when(removeActivity(child, judo.activityId))
        .thenRefuses(NotFound, 'NOT_IN_BASKET');
    });
  });

  describe('given the stream of a child of another family', () => {
    it('refuses to touch that child’s basket', () => {
      const child = aChild();
      const judo = anActivity(child);
      booking
        .given([activityAdded(child, judo)])
        .when(removeActivity({ ...child, familyId: freshId('family') }, judo.activityId))
        .thenRefuses(NotAllowed, 'FAMILY_MISMATCH');
    });
  });
});
