import { assertNever } from '../domain/shared/decider';
import {
  AllocationActivity,
  AllocationInput,
  AllocationRequest,
  AllocationSummary,
  Decision,
  MechanismVersion,
} from './allocation.types';
import { AllocationRunEvent } from './allocation-run.events';

/** What the stream recorded: enough to replay the run and to apply its decisions. */
export interface RecordedRun {
  runId: string;
  programId: string;
  roundId: string;
  mechanismVersion: MechanismVersion;
  seed: string;
  seedCommitment: string;
  activities: AllocationActivity[];
  /** kept chunk by chunk, so that folding a long run stays linear */
  requestChunks: AllocationRequest[][];
  decisionChunks: Decision[][];
}

export type AllocationRunState =
  | { status: 'None' }
  /** between AllocationRunStarted and AllocationProposed: only seen while folding the stream */
  | { status: 'Recording'; run: RecordedRun }
  | { status: 'Proposed'; run: RecordedRun; summary: AllocationSummary }
  | { status: 'Approved'; run: RecordedRun; summary: AllocationSummary; approvedBy: string; approvedAt: string }
  | {
      status: 'Discarded';
      run: RecordedRun;
      summary: AllocationSummary | null;
      discardedBy: string;
      discardedAt: string;
      reason: string;
    };

export const initialAllocationRunState: AllocationRunState = { status: 'None' };

export function evolveAllocationRun(state: AllocationRunState, event: AllocationRunEvent): AllocationRunState {
  switch (event.type) {
    case 'AllocationRunStarted': {
      const { runId, programId, roundId, mechanismVersion, seed, seedCommitment, activities } = event.data;
      const run = { runId, programId, roundId, mechanismVersion, seed, seedCommitment, activities };
      return { status: 'Recording', run: { ...run, requestChunks: [], decisionChunks: [] } };
    }
    case 'AllocationInputsRecorded':
      return state.status === 'Recording'
        ? { ...state, run: { ...state.run, requestChunks: [...state.run.requestChunks, event.data.requests] } }
        : state;
    case 'AllocationDecisionsRecorded':
      return state.status === 'Recording'
        ? { ...state, run: { ...state.run, decisionChunks: [...state.run.decisionChunks, event.data.decisions] } }
        : state;
    case 'AllocationProposed':
      return state.status === 'Recording' ? { status: 'Proposed', run: state.run, summary: event.data.summary } : state;
    case 'AllocationApproved': {
      if (state.status !== 'Proposed') return state;
      const { approvedBy, approvedAt } = event.data;
      return { status: 'Approved', run: state.run, summary: state.summary, approvedBy, approvedAt };
    }
    case 'AllocationDiscarded': {
      if (state.status !== 'Proposed' && state.status !== 'Recording') return state;
      const { discardedBy, discardedAt, reason } = event.data;
      const summary = state.status === 'Proposed' ? state.summary : null;
      return { status: 'Discarded', run: state.run, summary, discardedBy, discardedAt, reason };
    }
    default:
      return assertNever(event);
  }
}

/** The input as recorded, for a replay (`verifyRun`). */
export function recordedInput(run: RecordedRun): AllocationInput {
  return {
    mechanismVersion: run.mechanismVersion,
    seed: run.seed,
    activities: run.activities,
    requests: run.requestChunks.flat(),
  };
}

/** The decisions as recorded, in order: what the saga applies once the run is approved. */
export function recordedDecisions(run: RecordedRun): Decision[] {
  return run.decisionChunks.flat();
}
