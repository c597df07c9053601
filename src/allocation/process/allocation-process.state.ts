import { assertNever } from '../../domain/shared/decider';
import { AllocationProcessEvent } from './allocation-process.events';

interface Progress {
  runId: string;
  programId: string;
  roundId: string;
  decisionCount: number;
  chunkCount: number;
  /** totals over the chunks recorded so far */
  applied: number;
  skipped: number;
}

export type AllocationProcessState =
  | { status: 'NotStarted' }
  /** chunks `0 … nextChunk - 1` are recorded; `nextChunk` is the one to apply */
  | ({ status: 'Applying'; nextChunk: number } & Progress)
  | ({ status: 'Completed'; completedAt: string } & Progress);

export const initialAllocationProcessState: AllocationProcessState = { status: 'NotStarted' };

export function evolveAllocationProcess(
  state: AllocationProcessState,
  event: AllocationProcessEvent,
): AllocationProcessState {
  switch (event.type) {
    case 'AllocationApplicationStarted': {
      const { runId, programId, roundId, decisionCount, chunkCount } = event.data;
      const progress = { runId, programId, roundId, decisionCount, chunkCount, applied: 0, skipped: 0 };
      return { status: 'Applying', nextChunk: 0, ...progress };
    }
    case 'AllocationChunkApplied':
      if (state.status !== 'Applying') return state;
      return {
        ...state,
        nextChunk: event.data.chunk + 1,
        applied: state.applied + event.data.applied,
        skipped: state.skipped + event.data.skipped.length,
      };
    case 'AllocationApplicationCompleted': {
      if (state.status !== 'Applying') return state;
      const { status: _, nextChunk: __, ...progress } = state;
      return { status: 'Completed', ...progress, completedAt: event.data.completedAt };
    }
    default:
      return assertNever(event);
  }
}
