/** Commands and recorded runs for the allocation run's decider tests; a fresh run id per test. */
import { AllocationInput, AllocationRequest } from '../../src/allocation/allocation.types';
import { allocationRunDecider } from '../../src/allocation/allocation-run.decider';
import { AllocationRunEvent } from '../../src/allocation/allocation-run.events';
import { seedCommitment } from '../../src/allocation/lottery';
import { RunAllocation } from '../../src/allocation/run-allocation.command';
import { fold } from '../../src/domain/shared/decider';

export const SEED = 'a1'.repeat(32);
export const OTHER_SEED = 'b2'.repeat(32);
export const RAN_AT = '2025-06-30T18:00:00.000Z';

function requests(count: number): AllocationRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    reservationId: `res-${String(i).padStart(5, '0')}`,
    childId: `child-${i}`,
    familyId: `family-${Math.floor(i / 2)}`,
    activityId: i % 3 === 0 ? 'judo' : 'chorale',
    tier: i % 4 === 0 ? 2 : 1,
    classLevel: 'CE1',
    accountValidated: true,
  }));
}

export function round(count: number): AllocationInput {
  return {
    mechanismVersion: 'v1',
    seed: SEED,
    activities: [
      { activityId: 'chorale', capacity: 2, reservedSeats: 0, acceptedLevels: ['CE1', 'CE2'] },
      { activityId: 'judo', capacity: 12, reservedSeats: 10, acceptedLevels: ['CE1'] },
    ],
    requests: requests(count),
  };
}

export function runCommand(runId: string, data: Partial<RunAllocation['data']> = {}): RunAllocation {
  const base = { runId, programId: 'program-1', roundId: 'phase-1', input: round(5) };
  return {
    type: 'RunAllocation',
    data: { ...base, seedCommitment: seedCommitment(SEED), ranBy: 'staff-1', ranAt: RAN_AT, ...data },
  };
}

/** The events of a run that went through, as the decider itself records them. */
export function proposedRun(runId: string): AllocationRunEvent[] {
  return allocationRunDecider.decide(runCommand(runId), allocationRunDecider.initialState);
}

export const approve = (runId: string, roundAlreadyApproved = false) => ({
  type: 'ApproveAllocation' as const,
  data: { runId, approvedBy: 'staff-2', approvedAt: '2025-07-01T09:00:00.000Z', roundAlreadyApproved },
});
export const discard = (runId: string, reason = 'capacities were entered wrong') => ({
  type: 'DiscardAllocation' as const,
  data: { runId, discardedBy: 'staff-2', discardedAt: '2025-07-01T09:00:00.000Z', reason },
});
export const approved = (runId: string): AllocationRunEvent =>
  allocationRunDecider.decide(approve(runId), fold(allocationRunDecider, proposedRun(runId)))[0];
export const discarded = (runId: string): AllocationRunEvent =>
  allocationRunDecider.decide(discard(runId), fold(allocationRunDecider, proposedRun(runId)))[0];
