import { assertNever, Decider } from '../../domain/shared/decider';
import { AllocationProcessEvent } from './allocation-process.events';
import {
  AllocationProcessState,
  evolveAllocationProcess,
  initialAllocationProcessState,
} from './allocation-process.state';
import {
  CompleteAllocationApplication,
  completeAllocationApplication,
} from './complete-allocation-application.command';
import { RecordChunkApplied, recordChunkApplied } from './record-chunk-applied.command';
import { StartApplyingAllocation, startApplyingAllocation } from './start-applying-allocation.command';

export type AllocationProcessCommand = StartApplyingAllocation | RecordChunkApplied | CompleteAllocationApplication;

/** The allocation saga's progress (`allocationProcessStream(runId)`): started, chunk by chunk, completed. */
export const allocationProcessDecider: Decider<
  AllocationProcessCommand,
  AllocationProcessEvent,
  AllocationProcessState
> = {
  decide(command, state) {
    switch (command.type) {
      case 'StartApplyingAllocation':
        return startApplyingAllocation(command, state);
      case 'RecordChunkApplied':
        return recordChunkApplied(command, state);
      case 'CompleteAllocationApplication':
        return completeAllocationApplication(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveAllocationProcess,
  initialState: initialAllocationProcessState,
};
