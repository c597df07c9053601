import { randomUUID } from 'node:crypto';
import { allocationRunDecider } from '../../src/allocation/allocation-run.decider';
import { seedCommitment } from '../../src/allocation/lottery';
import { allocateV1 } from '../../src/allocation/mechanism-v1';
import { Conflict, RuleViolated } from '../../src/domain/shared/errors';
import { spec } from '../support/given-when-then';
import { OTHER_SEED, proposedRun, RAN_AT, round, runCommand, SEED } from './allocation-run.fixtures';

describe('RunAllocation', () => {
  describe('given no run with this id', () => {
    it('reveals the seed, records the inputs and the decisions in chunks, and proposes the outcome', () => {
      const runId = randomUUID();
      const input = round(5);
      const { decisions, activities, fairness } = allocateV1(input);
      const r = input.requests;
      spec(allocationRunDecider)
        .given([])
        .when(runCommand(runId, { input, chunkSize: 2 }))
        .then([
          {
            type: 'AllocationRunStarted',
            data: {
              runId,
              programId: 'program-1',
              roundId: 'phase-1',
              mechanismVersion: 'v1',
              seed: SEED,
              seedCommitment: seedCommitment(SEED),
              activities: input.activities,
              ranBy: 'staff-1',
              ranAt: RAN_AT,
              requestCount: 5,
            },
          },
          { type: 'AllocationInputsRecorded', data: { runId, chunk: 0, requests: [r[0], r[1]] } },
          { type: 'AllocationInputsRecorded', data: { runId, chunk: 1, requests: [r[2], r[3]] } },
          { type: 'AllocationInputsRecorded', data: { runId, chunk: 2, requests: [r[4]] } },
          { type: 'AllocationDecisionsRecorded', data: { runId, chunk: 0, decisions: decisions.slice(0, 2) } },
          { type: 'AllocationDecisionsRecorded', data: { runId, chunk: 1, decisions: decisions.slice(2, 4) } },
          { type: 'AllocationDecisionsRecorded', data: { runId, chunk: 2, decisions: decisions.slice(4) } },
          { type: 'AllocationProposed', data: { runId, summary: { activities, fairness }, decisionCount: 5 } },
        ]);
    });

    it('records 5,000 requests, and 5,000 decisions, per event unless told otherwise', () => {
      const events = allocationRunDecider.decide(runCommand(randomUUID(), { input: round(10_001) }), {
        status: 'None',
      });
      const sizes = events.map((e) =>
        e.type === 'AllocationInputsRecorded'
          ? e.data.requests.length
          : e.type === 'AllocationDecisionsRecorded'
            ? e.data.decisions.length
            : e.type,
      );
      expect(sizes).toEqual(['AllocationRunStarted', 5000, 5000, 1, 5000, 5000, 1, 'AllocationProposed']);
    });

    it('refuses a seed that does not match the commitment published when the phase closed', () => {
      spec(allocationRunDecider)
        .given([])
        .when(runCommand(randomUUID(), { seedCommitment: seedCommitment(OTHER_SEED) }))
        .thenRefuses(RuleViolated, 'SEED_DOES_NOT_MATCH_COMMITMENT');
    });

    it('refuses an input that lists a reservation twice, before anything is recorded', () => {
      const input = round(3);
      input.requests.push({ ...input.requests[0], activityId: 'judo' });
      spec(allocationRunDecider)
        .given([])
        .when(runCommand(randomUUID(), { input }))
        .thenRefuses(RuleViolated, 'DUPLICATE_RESERVATION_IN_INPUT');
    });
  });

  describe('given the run already exists', () => {
    it('refuses to run it again: a re-draw needs a new run, and the first stays in the trail', () => {
      const runId = randomUUID();
      spec(allocationRunDecider)
        .given(proposedRun(runId))
        .when(runCommand(runId))
        .thenRefuses(Conflict, 'ALLOCATION_RUN_EXISTS');
    });
  });
});
