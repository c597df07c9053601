import type { BookingPhase } from '../booking-phase/booking-phase';
import { assertNever } from '../shared/decider';
import { Conflict, NotFound } from '../shared/errors';
import type { Cycle, SchoolYear } from '../shared/school';
import type { ActivityDetails, ProgramEvent, TypicalWeek } from './program.events';

export type ScheduledActivity = { status: 'Scheduled'; activityId: string } & ActivityDetails;
export type WithdrawnActivity = {
  status: 'Withdrawn';
  activityId: string;
  withdrawnReason: string;
  withdrawnAt: string;
} & ActivityDetails;
export type Activity = ScheduledActivity | WithdrawnActivity;

export interface CreatedProgram {
  status: 'Created';
  programId: string;
  name: string;
  cycle: Cycle;
  schoolYear: SchoolYear;
  typicalWeek: TypicalWeek;
  activities: Readonly<Record<string, Activity>>;
  phases: Readonly<Record<string, BookingPhase>>;
}

export type ProgramState = { status: 'NotCreated' } | CreatedProgram;

export const initialProgramState: ProgramState = { status: 'NotCreated' };

export function evolveProgram(state: ProgramState, event: ProgramEvent): ProgramState {
  if (event.type === 'ProgramCreated') {
    const { programId, name, cycle, schoolYear, typicalWeek } = event.data;
    return { status: 'Created', programId, name, cycle, schoolYear, typicalWeek, activities: {}, phases: {} };
  }
  if (state.status !== 'Created') return state;
  switch (event.type) {
    case 'ActivityScheduled': {
      const { programId: _p, scheduledAt: _s, ...activity } = event.data;
      return withActivity(state, { status: 'Scheduled', ...activity });
    }
    case 'ActivityChanged': {
      const activity = state.activities[event.data.activityId];
      return activity === undefined ? state : withActivity(state, { ...activity, ...event.data.changes });
    }
    case 'ActivityWithdrawn': {
      const activity = state.activities[event.data.activityId];
      if (activity === undefined) return state;
      return withActivity(state, {
        ...activity,
        status: 'Withdrawn',
        withdrawnReason: event.data.reason,
        withdrawnAt: event.data.withdrawnAt,
      });
    }
    case 'BookingPhaseDefined': {
      const { programId: _p, definedAt: _d, ...phase } = event.data;
      return withPhase(state, { status: 'Defined', ...phase });
    }
    case 'BookingPhaseClosed': {
      const phase = state.phases[event.data.phaseId];
      if (phase === undefined) return state;
      return withPhase(state, {
        ...phase,
        status: 'Closed',
        seedCommitment: event.data.seedCommitment,
        closedAt: event.data.closedAt,
      });
    }
    default:
      return assertNever(event);
  }
}

function withActivity(state: CreatedProgram, activity: Activity): CreatedProgram {
  return { ...state, activities: { ...state.activities, [activity.activityId]: activity } };
}

function withPhase(state: CreatedProgram, phase: BookingPhase): CreatedProgram {
  return { ...state, phases: { ...state.phases, [phase.phaseId]: phase } };
}

/** The activity, scheduled or withdrawn (check `status`), or undefined when the program has none by this id. */
export function activityOf(state: ProgramState, activityId: string): Activity | undefined {
  return state.status === 'Created' ? state.activities[activityId] : undefined;
}

/** The activities families can book (not withdrawn). */
export function scheduledActivities(state: ProgramState): ScheduledActivity[] {
  if (state.status !== 'Created') return [];
  return Object.values(state.activities).filter(
    (activity): activity is ScheduledActivity => activity.status === 'Scheduled',
  );
}

export function requireProgram(state: ProgramState): CreatedProgram {
  if (state.status !== 'Created') throw new NotFound('This program does not exist.', 'PROGRAM_NOT_FOUND');
  return state;
}

export function requireScheduledActivity(program: CreatedProgram, activityId: string): ScheduledActivity {
  const activity = program.activities[activityId];
  if (activity === undefined) {
    throw new NotFound(`The program ${program.name} has no such activity.`, 'ACTIVITY_NOT_FOUND');
  }
  if (activity.status === 'Withdrawn') {
    throw new Conflict(
      `The activity « ${activity.name} » was withdrawn on ${activity.withdrawnAt}.`,
      'ACTIVITY_WITHDRAWN',
    );
  }
  return activity;
}
