import { randomUUID } from 'node:crypto';
import { allocationProcessDecider } from '../../../src/allocation/process/allocation-process.decider';
import {
  AllocationProcessEvent,
  allocationProcessStream,
  SkippedDecision,
} from '../../../src/allocation/process/allocation-process.events';
import { fold } from '../../../src/domain/shared/decider';
import { Conflict, RuleViolated } from '../../../src/domain/shared/errors';
import { spec } from '../../support/given-when-then';

const NOW = '2025-07-01T09:05:00.000Z';
const LATER = '2025-07-01T09:06:00.000Z';

const start = (runId: string, counts = { decisionCount: 7, chunkCount: 3 }) => ({
  type: 'StartApplyingAllocation' as const,
  data: { runId, programId: 'program-1', roundId: 'phase-1', ...counts, now: NOW },
});
const record = (runId: string, chunk: number, applied = 3, skipped: SkippedDecision[] = []) => ({
  type: 'RecordChunkApplied' as const,
  data: { runId, chunk, applied, skipped, now: LATER },
});
const complete = (runId: string) => ({ type: 'CompleteAllocationApplication' as const, data: { runId, now: LATER } });

const started = (runId: string, counts = { decisionCount: 7, chunkCount: 3 }): AllocationProcessEvent => ({
  type: 'AllocationApplicationStarted',
  data: { runId, programId: 'program-1', roundId: 'phase-1', ...counts, startedAt: NOW },
});
const chunkApplied = (
  runId: string,
  chunk: number,
  applied = 3,
  skipped: SkippedDecision[] = [],
): AllocationProcessEvent => ({
  type: 'AllocationChunkApplied',
  data: { runId, chunk, applied, skipped, appliedAt: LATER },
});
const completed = (runId: string, applied = 6, skipped = 1): AllocationProcessEvent => ({
  type: 'AllocationApplicationCompleted',
  data: { runId, applied, skipped, completedAt: LATER },
});
const cancelledByStaff: SkippedDecision = { reservationId: 'order-1:judo', why: 'CANCELLED_BY_STAFF' };

describe('allocationProcessStream', () => {
  it('is the saga’s own stream, one per run, beside the run’s stream', () => {
    expect(allocationProcessStream('run-1')).toBe('allocation-process-run-1');
  });
});

describe('StartApplyingAllocation', () => {
  describe('given an approved run whose application has not started', () => {
    it('starts it with the run’s figures', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([])
        .when(start(runId))
        .then([started(runId)]);
    });

    it('starts a run without decisions, which has no chunk', () => {
      const runId = randomUUID();
      const none = { decisionCount: 0, chunkCount: 0 };
      spec(allocationProcessDecider)
        .given([])
        .when(start(runId, none))
        .then([started(runId, none)]);
    });

    it.each([
      [{ decisionCount: 2, chunkCount: 3 }],
      [{ decisionCount: 2, chunkCount: 0 }],
      [{ decisionCount: -1, chunkCount: 0 }],
      [{ decisionCount: 1.5, chunkCount: 1 }],
    ])('refuses figures no run can have: %j', (counts) => {
      spec(allocationProcessDecider)
        .given([])
        .when(start(randomUUID(), counts))
        .thenRefuses(RuleViolated, 'INVALID_ALLOCATION_CHUNKS');
    });
  });

  describe('given the application started already (a restart, or AllocationApproved delivered again)', () => {
    it('does nothing while it applies', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId), chunkApplied(runId, 0)])
        .when(start(runId))
        .thenNothingHappens();
    });

    it('does nothing once it completed', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId, { decisionCount: 1, chunkCount: 1 }), chunkApplied(runId, 0, 1), completed(runId, 1, 0)])
        .when(start(runId))
        .thenNothingHappens();
    });
  });
});

describe('RecordChunkApplied', () => {
  describe('given the application started', () => {
    it('records the first chunk, with the decisions it skipped and why', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId)])
        .when(record(runId, 0, 2, [cancelledByStaff]))
        .then([chunkApplied(runId, 0, 2, [cancelledByStaff])]);
    });

    it('records the chunks in order', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId), chunkApplied(runId, 0), chunkApplied(runId, 1)])
        .when(record(runId, 2, 1))
        .then([chunkApplied(runId, 2, 1)]);
    });

    it('adds nothing for a chunk already recorded: a restart or a second applier applied it', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId), chunkApplied(runId, 0), chunkApplied(runId, 1)])
        .when(record(runId, 0))
        .thenNothingHappens();
    });

    it('refuses a chunk ahead of the next one: the chunks in between would never be applied', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId), chunkApplied(runId, 0)])
        .when(record(runId, 2))
        .thenRefuses(Conflict, 'ALLOCATION_CHUNK_OUT_OF_ORDER');
    });

    it('refuses a chunk the run does not have', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId), chunkApplied(runId, 0), chunkApplied(runId, 1), chunkApplied(runId, 2)])
        .when(record(runId, 3))
        .thenRefuses(RuleViolated, 'UNKNOWN_ALLOCATION_CHUNK');
    });

    it('refuses a count of applied decisions that is not a count', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId)])
        .when(record(runId, 0, -1))
        .thenRefuses(RuleViolated, 'INVALID_APPLIED_COUNT');
    });
  });

  it('refuses a chunk before the application started', () => {
    spec(allocationProcessDecider)
      .given([])
      .when(record(randomUUID(), 0))
      .thenRefuses(Conflict, 'ALLOCATION_APPLICATION_NOT_STARTED');
  });

  it('adds nothing once the application completed', () => {
    const runId = randomUUID();
    const one = { decisionCount: 1, chunkCount: 1 };
    spec(allocationProcessDecider)
      .given([started(runId, one), chunkApplied(runId, 0, 1), completed(runId, 1, 0)])
      .when(record(runId, 0, 1))
      .thenNothingHappens();
  });
});

describe('CompleteAllocationApplication', () => {
  describe('given every chunk recorded', () => {
    it('completes with the totals of the chunks', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([
          started(runId),
          chunkApplied(runId, 0, 3),
          chunkApplied(runId, 1, 2, [cancelledByStaff]),
          chunkApplied(runId, 2, 1),
        ])
        .when(complete(runId))
        .then([completed(runId, 6, 1)]);
    });

    it('completes a run without decisions at once', () => {
      const runId = randomUUID();
      spec(allocationProcessDecider)
        .given([started(runId, { decisionCount: 0, chunkCount: 0 })])
        .when(complete(runId))
        .then([completed(runId, 0, 0)]);
    });
  });

  it('refuses while chunks are left to apply', () => {
    const runId = randomUUID();
    spec(allocationProcessDecider)
      .given([started(runId), chunkApplied(runId, 0)])
      .when(complete(runId))
      .thenRefuses(Conflict, 'ALLOCATION_CHUNKS_NOT_ALL_APPLIED');
  });

  it('refuses before the application started', () => {
    spec(allocationProcessDecider)
      .given([])
      .when(complete(randomUUID()))
      .thenRefuses(Conflict, 'ALLOCATION_APPLICATION_NOT_STARTED');
  });

  it('does nothing once completed', () => {
    const runId = randomUUID();
    const one = { decisionCount: 1, chunkCount: 1 };
    spec(allocationProcessDecider)
      .given([started(runId, one), chunkApplied(runId, 0, 1), completed(runId, 1, 0)])
      .when(complete(runId))
      .thenNothingHappens();
  });
});

describe('the folded state', () => {
  it('says which chunk comes next, and the totals so far', () => {
    const runId = randomUUID();
    const state = fold(allocationProcessDecider, [
      started(runId),
      chunkApplied(runId, 0, 3),
      chunkApplied(runId, 1, 2, [cancelledByStaff]),
    ]);
    expect(state).toEqual({
      status: 'Applying',
      runId,
      programId: 'program-1',
      roundId: 'phase-1',
      decisionCount: 7,
      chunkCount: 3,
      nextChunk: 2,
      applied: 5,
      skipped: 1,
    });
  });

  it('keeps no next chunk once completed', () => {
    const runId = randomUUID();
    const one = { decisionCount: 1, chunkCount: 1 };
    const state = fold(allocationProcessDecider, [
      started(runId, one),
      chunkApplied(runId, 0, 1),
      completed(runId, 1, 0),
    ]);
    expect(state).toEqual({
      status: 'Completed',
      runId,
      programId: 'program-1',
      roundId: 'phase-1',
      decisionCount: 1,
      chunkCount: 1,
      applied: 1,
      skipped: 0,
      completedAt: LATER,
    });
  });
});
