import { Message } from '../domain/shared/decider';
import { Conflict, RuleViolated } from '../domain/shared/errors';
import { AllocationInput, AllocationOutcome, Decision } from './allocation.types';
import { AllocationRunEvent } from './allocation-run.events';
import { AllocationRunState } from './allocation-run.state';
import { verifySeed } from './lottery';
import { allocate } from './mechanisms';

export type RunAllocation = Message<
  'RunAllocation',
  {
    runId: string;
    programId: string;
    /** the booking phase that closed */
    roundId: string;
    input: AllocationInput;
    /** the SHA-256 published when the phase closed, resolved by the application */
    seedCommitment: string;
    ranBy: string;
    ranAt: string;
    /** requests, and decisions, per recorded event */
    chunkSize?: number;
  }
>;

export const DEFAULT_CHUNK_SIZE = 5_000;

/** Decides the round as a proposal (PRODUCT.md, RunAllocation) and records inputs and decisions. */
export function runAllocation(command: RunAllocation, state: AllocationRunState): AllocationRunEvent[] {
  const { runId, input, seedCommitment, chunkSize = DEFAULT_CHUNK_SIZE } = command.data;
  if (state.status !== 'None') {
    throw new Conflict(
      `allocation run ${runId} already exists; start another run with a new id`,
      'ALLOCATION_RUN_EXISTS',
    );
  }
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RuleViolated('the chunk size must be a whole number ≥ 1', 'INVALID_CHUNK_SIZE');
  }
  if (!verifySeed(input.seed, seedCommitment)) {
    throw new RuleViolated(
      `the revealed seed does not hash to the commitment ${seedCommitment} published when the booking phase closed`,
      'SEED_DOES_NOT_MATCH_COMMITMENT',
    );
  }
  return recordRun(command.data, allocate(input), chunkSize);
}

/** The run's events, in the order a replay reads them: header, inputs, decisions, proposal. */
function recordRun(run: RunAllocation['data'], outcome: AllocationOutcome, chunkSize: number): AllocationRunEvent[] {
  const { runId, programId, roundId, input, seedCommitment, ranBy, ranAt } = run;
  const { mechanismVersion, seed, activities, requests } = input;
  const { decisions, fairness } = outcome;
  return [
    {
      type: 'AllocationRunStarted',
      data: {
        runId,
        programId,
        roundId,
        mechanismVersion,
        seed,
        seedCommitment,
        activities,
        ranBy,
        ranAt,
        requestCount: requests.length,
      },
    },
    ...chunksOf(requests, chunkSize).map((chunk, i) => ({
      type: 'AllocationInputsRecorded' as const,
      data: { runId, chunk: i, requests: chunk },
    })),
    ...chunksOf<Decision>(decisions, chunkSize).map((chunk, i) => ({
      type: 'AllocationDecisionsRecorded' as const,
      data: { runId, chunk: i, decisions: chunk },
    })),
    {
      type: 'AllocationProposed',
      data: { runId, summary: { activities: outcome.activities, fairness }, decisionCount: decisions.length },
    },
  ];
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
