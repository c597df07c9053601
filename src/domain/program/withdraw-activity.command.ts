import { firstPhaseOpened } from '../booking-phase/booking-phase';
import type { Message } from '../shared/decider';
import { Conflict, RuleViolated } from '../shared/errors';
import type { ProgramEvent } from './program.events';
import { ProgramState, requireProgram, requireScheduledActivity } from './program.state';

export type WithdrawActivity = Message<'WithdrawActivity', { activityId: string; reason: string; now: string }>;

export function decideWithdrawActivity({ data }: WithdrawActivity, state: ProgramState): ProgramEvent[] {
  const program = requireProgram(state);
  const activity = requireScheduledActivity(program, data.activityId);
  const reason = data.reason.trim();
  if (reason === '') throw new RuleViolated('Say why the activity is withdrawn.', 'REASON_REQUIRED');
  const opened = firstPhaseOpened(program, data.now);
  if (opened !== undefined) {
    throw new Conflict(
      `Booking opened on ${opened.opensAt} with the phase « ${opened.name} »: « ${activity.name} » can no longer be withdrawn, families may already have booked it. Cancel its reservations one by one instead.`,
      'BOOKING_ALREADY_OPEN',
    );
  }
  return [
    {
      type: 'ActivityWithdrawn',
      data: { programId: program.programId, activityId: activity.activityId, reason, withdrawnAt: data.now },
    },
  ];
}
