import { Message } from '../domain/shared/decider';
import { Conflict, NotFound, RuleViolated } from '../domain/shared/errors';
import { AllocationRunEvent } from './allocation-run.events';
import { AllocationRunState } from './allocation-run.state';

export type DiscardAllocation = Message<
  'DiscardAllocation',
  { runId: string; discardedBy: string; discardedAt: string; reason: string }
>;

/** Sets a proposal aside; the run stays in the trail (PRODUCT.md: no silent re-draw). */
export function discardAllocation(command: DiscardAllocation, state: AllocationRunState): AllocationRunEvent[] {
  const { runId, discardedBy, discardedAt, reason } = command.data;
  if (!reason.trim()) throw new RuleViolated('say why the allocation is discarded', 'REASON_REQUIRED');
  switch (state.status) {
    case 'None':
      throw new NotFound(`allocation run ${runId} does not exist`, 'ALLOCATION_RUN_NOT_FOUND');
    case 'Approved':
      throw new Conflict(
        `allocation run ${runId} was approved by ${state.approvedBy} at ${state.approvedAt}; it can no longer be discarded`,
        'ALLOCATION_ALREADY_APPROVED',
      );
    case 'Discarded':
      throw new Conflict(
        `allocation run ${runId} was already discarded (${state.reason})`,
        'ALLOCATION_ALREADY_DISCARDED',
      );
    case 'Recording':
    case 'Proposed': {
      const { programId, roundId } = state.run;
      return [{ type: 'AllocationDiscarded', data: { runId, programId, roundId, discardedBy, discardedAt, reason } }];
    }
  }
}
