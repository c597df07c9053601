import type { Message } from '../shared/decider';
import { Conflict, RuleViolated } from '../shared/errors';
import type { ClassLevel } from '../shared/school';
import type { Slot } from '../shared/slot';
import { activeReservationsOf } from '../order/booking.state';
import type { BookingState } from '../order/booking.state';
import { assertFamily, assertNoClash, assertNotBooked, describeActivity } from '../order/booking.rules';
import { linesOf } from './basket';
import type { ActivityAdded } from './basket.events';

/**
 * Add an activity to one child's basket. The application has already resolved that the activity
 * exists, is not withdrawn and sits in a program the family's validated account may see.
 */
export type AddActivity = Message<
  'AddActivity',
  {
    childId: string;
    familyId: string;
    activity: {
      activityId: string;
      programId: string;
      name: string;
      slot: Slot;
      priceCents: number;
      acceptedLevels: readonly ClassLevel[];
    };
    /** the child's class level for the coming school year */
    child: { classLevel: ClassLevel; firstName: string };
    now: string;
  }
>;

export function decideAddActivity(command: AddActivity, state: BookingState): [ActivityAdded] {
  const { childId, familyId, activity, child, now } = command.data;
  assertFamily(state, familyId);
  if (!activity.acceptedLevels.includes(child.classLevel)) {
    throw new RuleViolated(
      `${describeActivity(activity)} accepts ${activity.acceptedLevels.join(', ')} only; ${child.firstName} will be in ${child.classLevel}.`,
      'CLASS_LEVEL_NOT_ACCEPTED',
    );
  }
  const lines = linesOf(state.basket);
  if (lines.some((line) => line.activityId === activity.activityId)) {
    throw new Conflict(`${describeActivity(activity)} is already in ${child.firstName}'s basket.`, 'ALREADY_IN_BASKET');
  }
  assertNotBooked(activity, state, child.firstName);
  if (state.basket.status === 'FILLED' && state.basket.programId !== activity.programId) {
    throw new RuleViolated(
      `${child.firstName}'s basket holds activities of another program: place that order or empty the basket before adding ${describeActivity(activity)}.`,
      'BASKET_OF_ANOTHER_PROGRAM',
    );
  }
  assertNoClash(activity, [...lines, ...activeReservationsOf(state)], child.firstName);
  const { activityId, programId, name, slot, priceCents } = activity;
  return [
    { type: 'ActivityAdded', data: { childId, familyId, programId, activityId, name, slot, priceCents, addedAt: now } },
  ];
}
