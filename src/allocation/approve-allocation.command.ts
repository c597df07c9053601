import { Message } from '../domain/shared/decider';
import { Conflict, NotFound } from '../domain/shared/errors';
import { AllocationRunEvent } from './allocation-run.events';
import { AllocationRunState } from './allocation-run.state';

export type ApproveAllocation = Message<
  'ApproveAllocation',
  {
    runId: string;
    approvedBy: string;
    approvedAt: string;
    /** another run of the same round was approved: resolved by the application from other streams */
    roundAlreadyApproved: boolean;
  }
>;

/** Turns the proposal into the round's allocation; a saga then applies its decisions. */
export function approveAllocation(command: ApproveAllocation, state: AllocationRunState): AllocationRunEvent[] {
  const { runId, approvedBy, approvedAt, roundAlreadyApproved } = command.data;
  switch (state.status) {
    case 'None':
      throw new NotFound(`allocation run ${runId} does not exist`, 'ALLOCATION_RUN_NOT_FOUND');
    case 'Recording':
      throw new Conflict(`allocation run ${runId} is not proposed yet`, 'ALLOCATION_NOT_PROPOSED');
    case 'Approved':
      throw new Conflict(
        `allocation run ${runId} was already approved by ${state.approvedBy} at ${state.approvedAt}`,
        'ALLOCATION_ALREADY_APPROVED',
      );
    case 'Discarded':
      throw new Conflict(
        `allocation run ${runId} was discarded (${state.reason}); it cannot be approved, run the allocation again`,
        'ALLOCATION_DISCARDED',
      );
    case 'Proposed': {
      const { programId, roundId, decisionChunks } = state.run;
      if (roundAlreadyApproved) {
        throw new Conflict(
          `another allocation run of round ${roundId} was already approved; discard this one`,
          'ROUND_ALREADY_ALLOCATED',
        );
      }
      const decisionCount = decisionChunks.reduce((n, chunk) => n + chunk.length, 0);
      return [
        { type: 'AllocationApproved', data: { runId, programId, roundId, approvedBy, approvedAt, decisionCount } },
      ];
    }
  }
}
