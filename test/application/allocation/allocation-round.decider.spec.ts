import {
  allocationRoundDecider,
  ClaimAllocationRound,
} from '../../../src/application/allocation/allocation-round.decider';
import { Conflict } from '../../../src/domain/shared/errors';
import { spec } from '../../support/given-when-then';

const claim = (runId: string, discardedHolder: string | null = null): ClaimAllocationRound => ({
  type: 'ClaimAllocationRound',
  data: {
    programId: 'program-1',
    roundId: 'phase-1',
    runId,
    claimedBy: 'staff:anne',
    claimedAt: '2025-06-20T10:00:00.000Z',
    discardedHolder,
  },
});

const claimed = (runId: string, replaces: string | null = null) => ({
  type: 'AllocationRoundClaimed' as const,
  data: {
    programId: 'program-1',
    roundId: 'phase-1',
    runId,
    claimedBy: 'staff:anne',
    claimedAt: '2025-06-20T10:00:00.000Z',
    replaces,
  },
});

describe('ClaimAllocationRound', () => {
  describe('given a round no approval claimed', () => {
    it('claims it for the run', () => {
      spec(allocationRoundDecider)
        .given([])
        .when(claim('run-1'))
        .then([claimed('run-1')]);
    });
  });

  describe('given a round claimed by the run', () => {
    it('records nothing: a retried approval', () => {
      spec(allocationRoundDecider)
        .given([claimed('run-1')])
        .when(claim('run-1'))
        .thenNothingHappens();
    });
  });

  describe('given a round claimed by another run', () => {
    it('refuses the claim', () => {
      spec(allocationRoundDecider)
        .given([claimed('run-1')])
        .when(claim('run-2'))
        .thenRefuses(Conflict, 'ROUND_ALREADY_ALLOCATED');
    });

    it('replaces the claim of a run the application found discarded', () => {
      spec(allocationRoundDecider)
        .given([claimed('run-1')])
        .when(claim('run-2', 'run-1'))
        .then([claimed('run-2', 'run-1')]);
    });

    it('refuses when the run found discarded no longer holds the claim', () => {
      spec(allocationRoundDecider)
        .given([claimed('run-1'), claimed('run-3', 'run-1')])
        .when(claim('run-2', 'run-1'))
        .thenRefuses(Conflict, 'ROUND_ALREADY_ALLOCATED');
    });
  });
});
