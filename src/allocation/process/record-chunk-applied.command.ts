import { Message } from '../../domain/shared/decider';
import { Conflict, RuleViolated } from '../../domain/shared/errors';
import { AllocationProcessEvent, SkippedDecision } from './allocation-process.events';
import { AllocationProcessState } from './allocation-process.state';

/** Sent once every decision of the chunk is on its order or skipped. */
export type RecordChunkApplied = Message<
  'RecordChunkApplied',
  { runId: string; chunk: number; applied: number; skipped: SkippedDecision[]; now: string }
>;

/**
 * Chunks are recorded in order, each once: a chunk already recorded (by this process before a
 * restart, or by another one) adds nothing; a chunk ahead of the next one is refused, since the
 * chunks before it would then never be applied.
 */
export function recordChunkApplied(
  command: RecordChunkApplied,
  state: AllocationProcessState,
): AllocationProcessEvent[] {
  const { runId, chunk, applied, skipped, now } = command.data;
  switch (state.status) {
    case 'NotStarted':
      throw notStarted(runId);
    case 'Completed':
      return [];
    case 'Applying': {
      if (chunk < state.nextChunk) return [];
      if (chunk >= state.chunkCount) {
        throw new RuleViolated(
          `allocation run ${runId} has ${state.chunkCount} chunks of decisions; there is no chunk ${chunk}`,
          'UNKNOWN_ALLOCATION_CHUNK',
        );
      }
      if (chunk > state.nextChunk) {
        throw new Conflict(
          `allocation run ${runId}: chunk ${state.nextChunk} is applied next, not chunk ${chunk}`,
          'ALLOCATION_CHUNK_OUT_OF_ORDER',
        );
      }
      if (!Number.isInteger(applied) || applied < 0) {
        throw new RuleViolated(`allocation run ${runId}: ${applied} decisions applied?`, 'INVALID_APPLIED_COUNT');
      }
      return [{ type: 'AllocationChunkApplied', data: { runId, chunk, applied, skipped, appliedAt: now } }];
    }
  }
}

export function notStarted(runId: string): Conflict {
  return new Conflict(
    `the application of allocation run ${runId} has not started`,
    'ALLOCATION_APPLICATION_NOT_STARTED',
  );
}
