import { Message } from '../../domain/shared/decider';
import { Conflict } from '../../domain/shared/errors';
import { AllocationProcessEvent } from './allocation-process.events';
import { AllocationProcessState } from './allocation-process.state';
import { notStarted } from './record-chunk-applied.command';

export type CompleteAllocationApplication = Message<'CompleteAllocationApplication', { runId: string; now: string }>;

/** Once every chunk is recorded: the run's decisions are all on the orders, or skipped with a reason. */
export function completeAllocationApplication(
  command: CompleteAllocationApplication,
  state: AllocationProcessState,
): AllocationProcessEvent[] {
  const { runId, now } = command.data;
  switch (state.status) {
    case 'NotStarted':
      throw notStarted(runId);
    case 'Completed':
      return [];
    case 'Applying': {
      if (state.nextChunk < state.chunkCount) {
        throw new Conflict(
          `allocation run ${runId}: ${state.chunkCount - state.nextChunk} of its ${state.chunkCount} chunks are not applied yet`,
          'ALLOCATION_CHUNKS_NOT_ALL_APPLIED',
        );
      }
      const { applied, skipped } = state;
      return [{ type: 'AllocationApplicationCompleted', data: { runId, applied, skipped, completedAt: now } }];
    }
  }
}
