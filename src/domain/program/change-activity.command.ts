import { firstPhaseOpened } from '../booking-phase/booking-phase';
import type { Message } from '../shared/decider';
import { Conflict } from '../shared/errors';
import { checkNotDuplicate, cleanActivityDetails } from './activity.rules';
import type { ActivityDetails, ProgramEvent } from './program.events';
import { ProgramState, requireProgram, requireScheduledActivity, ScheduledActivity } from './program.state';

export type ChangeActivity = Message<
  'ChangeActivity',
  { activityId: string; changes: Partial<ActivityDetails>; now: string }
>;

/** Records only what changes. Once booking has opened, only changes no reservation can suffer from are allowed. */
export function decideChangeActivity({ data }: ChangeActivity, state: ProgramState): ProgramEvent[] {
  const program = requireProgram(state);
  const activity = requireScheduledActivity(program, data.activityId);
  const changes = effectiveChanges(activity, cleanActivityDetails(data.changes, program));
  if (Object.keys(changes).length === 0) return [];
  const opened = firstPhaseOpened(program, data.now);
  const harmful = opened === undefined ? [] : harmfulChanges(activity, changes);
  if (opened !== undefined && harmful.length > 0) {
    throw new Conflict(
      `Booking opened on ${opened.opensAt} with the phase « ${opened.name} »: ${harmful.join(', ')} would invalidate reservations already made. Only the name, a higher capacity or more accepted levels can change now.`,
      'BOOKING_ALREADY_OPEN',
    );
  }
  checkNotDuplicate(program, { ...activity, ...changes });
  return [
    {
      type: 'ActivityChanged',
      data: { programId: program.programId, activityId: activity.activityId, changes, changedAt: data.now },
    },
  ];
}

function effectiveChanges(activity: ScheduledActivity, changes: Partial<ActivityDetails>): Partial<ActivityDetails> {
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) => JSON.stringify(activity[key as keyof ActivityDetails]) !== JSON.stringify(value),
    ),
  );
}

function harmfulChanges(activity: ScheduledActivity, changes: Partial<ActivityDetails>): string[] {
  const harmful: string[] = [];
  if (changes.slot !== undefined) harmful.push('changing the slot');
  if (changes.priceCents !== undefined) harmful.push('changing the price');
  const removed = activity.acceptedLevels.filter(
    (level) => changes.acceptedLevels !== undefined && !changes.acceptedLevels.includes(level),
  );
  if (removed.length > 0) harmful.push(`removing accepted levels (${removed.join(', ')})`);
  if (changes.capacity !== undefined && changes.capacity < activity.capacity) {
    harmful.push(`lowering the capacity (${activity.capacity} → ${changes.capacity})`);
  }
  return harmful;
}
