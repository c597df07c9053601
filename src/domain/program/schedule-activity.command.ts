import type { Message } from '../shared/decider';
import { Conflict } from '../shared/errors';
import { checkNotDuplicate, cleanActivityDetails } from './activity.rules';
import type { ActivityDetails, ProgramEvent } from './program.events';
import { ProgramState, requireProgram } from './program.state';

/** Adding an activity invalidates no reservation: allowed even once booking has opened. */
export type ScheduleActivity = Message<'ScheduleActivity', { activityId: string; now: string } & ActivityDetails>;

export function decideScheduleActivity({ data }: ScheduleActivity, state: ProgramState): ProgramEvent[] {
  const program = requireProgram(state);
  const { activityId, now, ...given } = data;
  const existing = program.activities[activityId];
  if (existing !== undefined) {
    throw new Conflict(`The activity « ${existing.name} » already exists.`, 'ACTIVITY_ALREADY_EXISTS');
  }
  const details = cleanActivityDetails(given, program) as ActivityDetails;
  checkNotDuplicate(program, { activityId, ...details });
  return [
    { type: 'ActivityScheduled', data: { programId: program.programId, activityId, ...details, scheduledAt: now } },
  ];
}
