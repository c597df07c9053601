import { CloseBookingPhase, decideCloseBookingPhase } from '../booking-phase/close-booking-phase.command';
import { decideDefineBookingPhase, DefineBookingPhase } from '../booking-phase/define-booking-phase.command';
import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { ChangeActivity, decideChangeActivity } from './change-activity.command';
import { CreateProgram, decideCreateProgram } from './create-program.command';
import type { ProgramEvent } from './program.events';
import { evolveProgram, initialProgramState, ProgramState } from './program.state';
import { decideScheduleActivity, ScheduleActivity } from './schedule-activity.command';
import { decideWithdrawActivity, WithdrawActivity } from './withdraw-activity.command';

export const programStream = (programId: string) => `program-${programId}`;

/** The program stream holds its activities and its booking phases: a phase's rules concern the program's schedule. */
export type ProgramCommand =
  CreateProgram | ScheduleActivity | ChangeActivity | WithdrawActivity | DefineBookingPhase | CloseBookingPhase;

export const programDecider: Decider<ProgramCommand, ProgramEvent, ProgramState> = {
  decide(command, state) {
    switch (command.type) {
      case 'CreateProgram':
        return decideCreateProgram(command, state);
      case 'ScheduleActivity':
        return decideScheduleActivity(command, state);
      case 'ChangeActivity':
        return decideChangeActivity(command, state);
      case 'WithdrawActivity':
        return decideWithdrawActivity(command, state);
      case 'DefineBookingPhase':
        return decideDefineBookingPhase(command, state);
      case 'CloseBookingPhase':
        return decideCloseBookingPhase(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveProgram,
  initialState: initialProgramState,
};
