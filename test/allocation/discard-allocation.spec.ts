import { randomUUID } from 'node:crypto';
import { allocationRunDecider } from '../../src/allocation/allocation-run.decider';
import { Conflict, RuleViolated } from '../../src/domain/shared/errors';
import { spec } from '../support/given-when-then';
import { approved, discard, discarded, proposedRun } from './allocation-run.fixtures';

describe('DiscardAllocation', () => {
  describe('given a proposed run', () => {
    it('sets it aside, with who, when and why', () => {
      const runId = randomUUID();
      spec(allocationRunDecider)
        .given(proposedRun(runId))
        .when(discard(runId))
        .then([
          {
            type: 'AllocationDiscarded',
            data: {
              runId,
              programId: 'program-1',
              roundId: 'phase-1',
              discardedBy: 'staff-2',
              discardedAt: '2025-07-01T09:00:00.000Z',
              reason: 'capacities were entered wrong',
            },
          },
        ]);
    });

    it('asks for a reason', () => {
      const runId = randomUUID();
      spec(allocationRunDecider)
        .given(proposedRun(runId))
        .when(discard(runId, '  '))
        .thenRefuses(RuleViolated, 'REASON_REQUIRED');
    });
  });

  describe('given an approved run', () => {
    it('refuses to discard it', () => {
      const runId = randomUUID();
      spec(allocationRunDecider)
        .given([...proposedRun(runId), approved(runId)])
        .when(discard(runId))
        .thenRefuses(Conflict, 'ALLOCATION_ALREADY_APPROVED');
    });
  });

  describe('given a discarded run', () => {
    it('refuses to discard it again', () => {
      const runId = randomUUID();
      spec(allocationRunDecider)
        .given([...proposedRun(runId), discarded(runId)])
        .when(discard(runId))
        .thenRefuses(Conflict, 'ALLOCATION_ALREADY_DISCARDED');
    });
  });
});
