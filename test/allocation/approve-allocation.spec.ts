import { randomUUID } from 'node:crypto';
import { allocationRunDecider } from '../../src/allocation/allocation-run.decider';
import { Conflict, NotFound } from '../../src/domain/shared/errors';
import { spec } from '../support/given-when-then';
import { approve, approved, discarded, proposedRun } from './allocation-run.fixtures';

describe('ApproveAllocation', () => {
  describe('given a proposed run', () => {
    it('approves it, for the saga to apply its decisions', () => {
      const runId = randomUUID();
      spec(allocationRunDecider)
        .given(proposedRun(runId))
        .when(approve(runId))
        .then([
          {
            type: 'AllocationApproved',
            data: {
              runId,
              programId: 'program-1',
              roundId: 'phase-1',
              approvedBy: 'staff-2',
              approvedAt: '2025-07-01T09:00:00.000Z',
              decisionCount: 5,
            },
          },
        ]);
    });
  });

  describe('given a second run of a round whose first run was approved', () => {
    it('refuses to approve the second run', () => {
      const runId = randomUUID();
      spec(allocationRunDecider)
        .given(proposedRun(runId))
        .when(approve(runId, true))
        .thenRefuses(Conflict, 'ROUND_ALREADY_ALLOCATED');
    });
  });

  describe('given an approved run', () => {
    it('refuses to approve it twice', () => {
      const runId = randomUUID();
      const error = spec(allocationRunDecider)
        .given([...proposedRun(runId), approved(runId)])
        .when(approve(runId))
        .thenRefuses(Conflict, 'ALLOCATION_ALREADY_APPROVED');
      expect(error.message).toContain('already approved by staff-2');
    });
  });

  describe('given a discarded run', () => {
    it('refuses to approve it', () => {
      const runId = randomUUID();
      spec(allocationRunDecider)
        .given([...proposedRun(runId), discarded(runId)])
        .when(approve(runId))
        .thenRefuses(Conflict, 'ALLOCATION_DISCARDED');
    });
  });

  describe('given no run with this id', () => {
    it('says the run does not exist', () => {
      spec(allocationRunDecider)
        .given([])
        .when(approve(randomUUID()))
        .thenRefuses(NotFound, 'ALLOCATION_RUN_NOT_FOUND');
    });
  });
});
