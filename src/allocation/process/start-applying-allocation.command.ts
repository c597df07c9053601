import { Message } from '../../domain/shared/decider';
import { RuleViolated } from '../../domain/shared/errors';
import { AllocationProcessEvent } from './allocation-process.events';
import { AllocationProcessState } from './allocation-process.state';

/** Sent by the saga once a run is approved; the run's figures are read from its stream. */
export type StartApplyingAllocation = Message<
  'StartApplyingAllocation',
  { runId: string; programId: string; roundId: string; decisionCount: number; chunkCount: number; now: string }
>;

/** Idempotent: a restart, or a second delivery of AllocationApproved, finds the process started. */
export function startApplyingAllocation(
  command: StartApplyingAllocation,
  state: AllocationProcessState,
): AllocationProcessEvent[] {
  if (state.status !== 'NotStarted') return [];
  const { runId, programId, roundId, decisionCount, chunkCount, now } = command.data;
  // every chunk holds at least one decision
  const consistent =
    isCount(decisionCount) &&
    isCount(chunkCount) &&
    chunkCount <= decisionCount &&
    (chunkCount === 0) === (decisionCount === 0);
  if (!consistent) {
    throw new RuleViolated(
      `allocation run ${runId}: ${decisionCount} decisions cannot come in ${chunkCount} chunks`,
      'INVALID_ALLOCATION_CHUNKS',
    );
  }
  return [
    {
      type: 'AllocationApplicationStarted',
      data: { runId, programId, roundId, decisionCount, chunkCount, startedAt: now },
    },
  ];
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}
