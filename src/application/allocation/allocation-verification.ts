import { Injectable } from '@nestjs/common';
import { allocationRunDecider } from '../../allocation/allocation-run.decider';
import { allocationStream, type AllocationRunEvent } from '../../allocation/allocation-run.events';
import { recordedDecisions, recordedInput, type AllocationRunState } from '../../allocation/allocation-run.state';
import type { Decision } from '../../allocation/allocation.types';
import { verifySeed } from '../../allocation/lottery';
import { canonicalJson, verifyRun } from '../../allocation/replay';
import { fold } from '../../domain/shared/decider';
import { EventStore } from '../../event-store/event-store.port';
import { runNotFound } from './allocation-run-views';

/** Differences listed in full up to this many; `differenceCount` always counts them all. */
export const MAX_DIFFERENCES_SHOWN = 1_000;

export interface DecisionDifferenceView {
  reservationId: string;
  /** null: the recomputation decides a request the record does not (or the record holds it twice) */
  recorded: Decision | null;
  /** null: the record holds a decision for a request the recorded input does not have */
  recomputed: Decision | null;
  /** the fields whose values differ, when both sides exist */
  fields: string[];
}

export interface VerificationReport {
  runId: string;
  /** every decision recomputed from the recorded inputs and seed is the recorded one, in the same order */
  identical: boolean;
  sameOrder: boolean;
  /** recorded decisions compared */
  checked: number;
  /** the revealed seed hashes to the commitment published when the phase closed */
  seedMatchesCommitment: boolean;
  differenceCount: number;
  differences: DecisionDifferenceView[];
}

/**
 * PRODUCT.md: "same inputs and seed → the same decisions, byte for byte". Replays a folded run
 * (`verifyRun`) and reports, decision by decision, what differs.
 */
export function verificationReport(runId: string, state: Exclude<AllocationRunState, { status: 'None' }>) {
  const decisions = recordedDecisions(state.run);
  const replay = verifyRun(recordedInput(state.run), decisions);
  const report: VerificationReport = {
    runId,
    identical: replay.identical,
    sameOrder: replay.sameOrder,
    checked: decisions.length,
    seedMatchesCommitment: verifySeed(state.run.seed, state.run.seedCommitment),
    differenceCount: replay.differences.length,
    differences: replay.differences.slice(0, MAX_DIFFERENCES_SHOWN).map((d) => ({
      ...d,
      fields: d.recorded && d.recomputed ? differingFields(d.recorded, d.recomputed) : [],
    })),
  };
  return report;
}

function differingFields(a: Decision, b: Decision): string[] {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return keys.filter((k) => canonicalJson(left[k]) !== canonicalJson(right[k]));
}

/** Replays a run from its stream: the recorded inputs, mechanism version and seed. */
@Injectable()
export class AllocationVerifier {
  constructor(private readonly store: EventStore) {}

  async verify(runId: string): Promise<VerificationReport> {
    const recorded = await this.store.readStream(allocationStream(runId));
    const state = fold(allocationRunDecider, recorded as unknown as AllocationRunEvent[]);
    if (state.status === 'None') throw runNotFound(runId);
    return verificationReport(runId, state);
  }
}
