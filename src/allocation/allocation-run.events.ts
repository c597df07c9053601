import { Message } from '../domain/shared/decider';
import {
  AllocationActivity,
  AllocationRequest,
  AllocationSummary,
  Decision,
  MechanismVersion,
} from './allocation.types';

/** One stream per allocation run; every run, discarded or approved, stays in the trail. */
export function allocationStream(runId: string): string {
  return `allocation-${runId}`;
}

/** The run's header: what a replay needs besides the requests (PRODUCT.md: inputs are recorded). */
export type AllocationRunStarted = Message<
  'AllocationRunStarted',
  {
    runId: string;
    programId: string;
    /** the booking phase that closed */
    roundId: string;
    mechanismVersion: MechanismVersion;
    /** revealed here; its SHA-256 was published when the phase closed */
    seed: string;
    seedCommitment: string;
    activities: AllocationActivity[];
    ranBy: string;
    ranAt: string;
    requestCount: number;
  }
>;

/** The pending reservations of the round, in chunks to keep each event a reasonable size. */
export type AllocationInputsRecorded = Message<
  'AllocationInputsRecorded',
  { runId: string; chunk: number; requests: AllocationRequest[] }
>;

export type AllocationDecisionsRecorded = Message<
  'AllocationDecisionsRecorded',
  { runId: string; chunk: number; decisions: Decision[] }
>;

/** The run is complete and waits for staff: nothing is applied to orders before approval. */
export type AllocationProposed = Message<
  'AllocationProposed',
  { runId: string; summary: AllocationSummary; decisionCount: number }
>;

/** A saga applies the recorded decisions to the orders, exactly once. */
export type AllocationApproved = Message<
  'AllocationApproved',
  {
    runId: string;
    programId: string;
    roundId: string;
    approvedBy: string;
    approvedAt: string;
    decisionCount: number;
  }
>;

export type AllocationDiscarded = Message<
  'AllocationDiscarded',
  {
    runId: string;
    programId: string;
    roundId: string;
    discardedBy: string;
    discardedAt: string;
    reason: string;
  }
>;

export type AllocationRunEvent =
  | AllocationRunStarted
  | AllocationInputsRecorded
  | AllocationDecisionsRecorded
  | AllocationProposed
  | AllocationApproved
  | AllocationDiscarded;
