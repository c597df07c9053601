import type { Message } from '../shared/decider';
import { NotFound } from '../shared/errors';
import type { BookingState } from '../order/booking.state';
import { assertFamily } from '../order/booking.rules';
import type { ActivityRemoved } from './basket.events';

export type RemoveActivity = Message<
  'RemoveActivity',
  { childId: string; familyId: string; activityId: string; now: string }
>;

export function decideRemoveActivity(command: RemoveActivity, state: BookingState): [ActivityRemoved] {
  const { childId, familyId, activityId, now } = command.data;
  assertFamily(state, familyId);
  const basket = state.basket;
  if (basket.status === 'EMPTY' || !basket.lines.some((line) => line.activityId === activityId)) {
    throw new NotFound('This activity is not in the basket.', 'NOT_IN_BASKET');
  }
  return [
    {
      type: 'ActivityRemoved',
      data: { childId, familyId, programId: basket.programId, activityId, removedAt: now },
    },
  ];
}
