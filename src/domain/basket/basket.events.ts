import type { Message } from '../shared/decider';
import type { Slot } from '../shared/slot';

/** One line joined the child's basket: one module, « 1m » (procedure, step 3). */
export type ActivityAdded = Message<
  'ActivityAdded',
  {
    childId: string;
    familyId: string;
    programId: string;
    activityId: string;
    name: string;
    slot: Slot;
    priceCents: number;
    addedAt: string;
  }
>;

export type ActivityRemoved = Message<
  'ActivityRemoved',
  {
    childId: string;
    familyId: string;
    programId: string;
    activityId: string;
    removedAt: string;
  }
>;

export type BasketEvent = ActivityAdded | ActivityRemoved;
