import { Decider, Message } from '../../domain/shared/decider';
import { Conflict } from '../../domain/shared/errors';

/**
 * One approved run per round (PRODUCT.md: a run is a proposal until staff approve it). Runs of a
 * round live in streams of their own, so the rule spans streams: an approval first claims the
 * round in this stream — the first claim is appended with expected revision `no_stream`, any
 * later one with the revision it read — and only then appends AllocationApproved to its run.
 * Two concurrent approvals of two runs cannot both claim it.
 *
 * Pure, like the run's decider in src/allocation, beside which it belongs; it stays here until
 * that decider's work is merged.
 */
export function allocationRoundStream(programId: string, roundId: string): string {
  return `allocation-round-${programId}-${roundId}`;
}

export type ClaimAllocationRound = Message<
  'ClaimAllocationRound',
  {
    programId: string;
    roundId: string;
    runId: string;
    claimedBy: string;
    claimedAt: string;
    /**
     * the run holding the claim when the application looked, if it found that run discarded: a
     * discarded run can never be approved, so its claim is void (resolved from the run's stream)
     */
    discardedHolder: string | null;
  }
>;

export type AllocationRoundClaimed = Message<
  'AllocationRoundClaimed',
  {
    programId: string;
    roundId: string;
    runId: string;
    claimedBy: string;
    claimedAt: string;
    /** the discarded run whose claim this one replaces */
    replaces: string | null;
  }
>;

export interface AllocationRoundState {
  /** the run whose approval holds the round */
  holder: string | null;
}

export const allocationRoundDecider: Decider<ClaimAllocationRound, AllocationRoundClaimed, AllocationRoundState> = {
  decide({ data }, { holder }) {
    // the same run again: a retried approval, harmless
    if (holder === data.runId) return [];
    if (holder !== null && holder !== data.discardedHolder) {
      throw new Conflict(
        `Run ${holder} of this round was approved, or its approval is under way: only one run per round is approved.`,
        'ROUND_ALREADY_ALLOCATED',
      );
    }
    const { programId, roundId, runId, claimedBy, claimedAt } = data;
    return [
      { type: 'AllocationRoundClaimed', data: { programId, roundId, runId, claimedBy, claimedAt, replaces: holder } },
    ];
  },
  evolve: (_state, event) => ({ holder: event.data.runId }),
  initialState: { holder: null },
};
