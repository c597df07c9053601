import type { BookingPhaseEvent } from '../booking-phase/booking-phase.events';
import type { Message } from '../shared/decider';
import type { ClassLevel, Cycle, SchoolYear } from '../shared/school';
import type { Slot } from '../shared/slot';

/** « semaine type »: the week whose planning repeats all year, `YYYY-MM-DD` to `YYYY-MM-DD`. */
export interface TypicalWeek {
  from: string;
  to: string;
}

export interface ActivityDetails {
  name: string;
  slot: Slot;
  /** per module, for the whole year */
  priceCents: number;
  /** canonical order (PS … CM2), no duplicates */
  acceptedLevels: ClassLevel[];
  capacity: number;
}

export type ProgramCreated = Message<
  'ProgramCreated',
  {
    programId: string;
    name: string;
    cycle: Cycle;
    schoolYear: SchoolYear;
    typicalWeek: TypicalWeek;
    createdBy: string;
    createdAt: string;
  }
>;

export type ActivityScheduled = Message<
  'ActivityScheduled',
  { programId: string; activityId: string; scheduledAt: string } & ActivityDetails
>;

/** Only the fields that changed. */
export type ActivityChanged = Message<
  'ActivityChanged',
  { programId: string; activityId: string; changes: Partial<ActivityDetails>; changedAt: string }
>;

export type ActivityWithdrawn = Message<
  'ActivityWithdrawn',
  { programId: string; activityId: string; reason: string; withdrawnAt: string }
>;

export type ProgramEvent = ProgramCreated | ActivityScheduled | ActivityChanged | ActivityWithdrawn | BookingPhaseEvent;
