import { assertNever, Decider } from '../domain/shared/decider';
import { ApproveAllocation, approveAllocation } from './approve-allocation.command';
import { AllocationRunEvent } from './allocation-run.events';
import { AllocationRunState, evolveAllocationRun, initialAllocationRunState } from './allocation-run.state';
import { DiscardAllocation, discardAllocation } from './discard-allocation.command';
import { RunAllocation, runAllocation } from './run-allocation.command';

export type AllocationRunCommand = RunAllocation | ApproveAllocation | DiscardAllocation;

/** The allocation run's stream (`allocationStream(runId)`): a proposal, then approved or discarded. */
export const allocationRunDecider: Decider<AllocationRunCommand, AllocationRunEvent, AllocationRunState> = {
  decide(command, state) {
    switch (command.type) {
      case 'RunAllocation':
        return runAllocation(command, state);
      case 'ApproveAllocation':
        return approveAllocation(command, state);
      case 'DiscardAllocation':
        return discardAllocation(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveAllocationRun,
  initialState: initialAllocationRunState,
};
