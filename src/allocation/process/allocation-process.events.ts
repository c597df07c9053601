import { Message } from '../../domain/shared/decider';
import { DecisionSkipped } from '../../domain/order/decide-reservation.command';

/**
 * The saga's own stream for one approved run: how far the application of its decisions to the
 * orders went, so that a restart resumes where it stopped (PRODUCT.md: exactly once, even
 * across a crash).
 */
export function allocationProcessStream(runId: string): string {
  return `allocation-process-${runId}`;
}

/** Why a decision of the run left its reservation as it was: it is in the trail, never lost. */
export type SkipReason = DecisionSkipped | 'RESERVATION_NOT_FOUND';

export interface SkippedDecision {
  reservationId: string;
  why: SkipReason;
}

export type AllocationApplicationStarted = Message<
  'AllocationApplicationStarted',
  {
    runId: string;
    programId: string;
    roundId: string;
    decisionCount: number;
    /** the run's chunks of decisions (`AllocationDecisionsRecorded`), applied one after another */
    chunkCount: number;
    startedAt: string;
  }
>;

/** Every decision of the chunk is now on its order, or was skipped with its reason. */
export type AllocationChunkApplied = Message<
  'AllocationChunkApplied',
  {
    runId: string;
    chunk: number;
    /** decisions of this run now on their orders (including those applied before a restart) */
    applied: number;
    skipped: SkippedDecision[];
    appliedAt: string;
  }
>;

export type AllocationApplicationCompleted = Message<
  'AllocationApplicationCompleted',
  { runId: string; applied: number; skipped: number; completedAt: string }
>;

export type AllocationProcessEvent =
  AllocationApplicationStarted | AllocationChunkApplied | AllocationApplicationCompleted;
