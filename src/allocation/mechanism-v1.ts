import { checkRoundHeader } from './allocation-input';
import {
  ActivitySummary,
  AllocationActivity,
  AllocationInput,
  AllocationOutcome,
  AllocationRequest,
  CutOff,
  Decision,
} from './allocation.types';
import { ineligible, refusedForCapacity, reserved } from './decisions';
import { Market, roundOf } from './eligibility';
import { FairnessTally } from './fairness';
import { LotteryDraw, lotteryDraw } from './lottery';

/**
 * v1 (PRODUCT.md, Allocation): each activity is its own market. Re-check eligibility, rank the
 * eligible requests by tier then lottery number, seat the first `remaining`, refuse the rest
 * for capacity. Pure and deterministic: the same input gives the same decisions, byte for byte,
 * whatever the order of `input.requests`.
 */
export function allocateV1(input: AllocationInput): AllocationOutcome {
  checkRoundHeader(input);
  const draw = lotteryDraw(input.seed);
  const round = roundOf(input);
  const tally = new FairnessTally(round.childCount);
  const decisions: Decision[] = [];
  const activities: ActivitySummary[] = [];
  const emit = (position: number, decision: Decision) => {
    decisions.push(decision);
    tally.add(round.childOf[position], decision.tier, decision.classLevel, decision.outcome === 'RESERVED');
  };
  // default sort compares UTF-16 code units: the same order on every machine, unlike localeCompare
  for (const activityId of [...round.markets.keys()].sort()) {
    const market = round.markets.get(activityId)!;
    const summary = decideMarket(market, input.requests, round.duplicate, numbersOf(activityId, draw), emit);
    if (summary) activities.push(summary);
  }
  return { decisions, activities, fairness: tally.figures() };
}

type Emit = (position: number, decision: Decision) => void;

/** Steps 2 to 4 for one activity; returns its summary (none for an activity the round lacks). */
function decideMarket(
  market: Market,
  requests: readonly AllocationRequest[],
  duplicate: Uint8Array,
  numberOf: (familyId: string) => string,
  emit: Emit,
): ActivitySummary | null {
  const ranked: Ranked[] = [];
  for (const position of market.eligible) {
    const request = requests[position];
    if (duplicate[position]) {
      market.ineligible.push({ position, detail: 'DUPLICATE_REQUEST' });
      continue;
    }
    const lotteryNumber = numberOf(request.familyId);
    ranked.push({ position, request, lotteryNumber, head: headOf(lotteryNumber) });
  }
  ranked.sort(byRank);
  const remaining = market.activity ? Math.max(0, market.activity.capacity - market.activity.reservedSeats) : 0;
  const seated = Math.min(remaining, ranked.length);
  const last = seated > 0 ? ranked[seated - 1] : undefined;
  const cutOff: CutOff | null = last ? { tier: last.request.tier, lotteryNumber: last.lotteryNumber } : null;
  ranked.forEach(({ position, request: r, lotteryNumber: n }, i) => {
    emit(position, i < seated ? reserved(r, n, i + 1) : refusedForCapacity(r, n, i + 1, cutOff));
  });
  market.ineligible.sort((a, b) => compare(requests[a.position].reservationId, requests[b.position].reservationId));
  for (const { position, detail } of market.ineligible) {
    const r = requests[position];
    emit(position, ineligible(r, numberOf(r.familyId), detail));
  }
  return market.activity ? summaryOf(market.activity, ranked, market.ineligible.length, cutOff) : null;
}

function summaryOf(
  activity: AllocationActivity,
  ranked: readonly Ranked[],
  ineligible: number,
  cutOff: CutOff | null,
): ActivitySummary {
  const { activityId, capacity, reservedSeats } = activity;
  const remaining = Math.max(0, capacity - reservedSeats);
  const seated = Math.min(remaining, ranked.length);
  const tier1 = ranked.filter((r) => r.request.tier === 1).length;
  return {
    activityId,
    capacity,
    reservedSeats,
    remaining,
    requestsByTier: { 1: tier1, 2: ranked.length - tier1 },
    seated,
    refusedForCapacity: ranked.length - seated,
    ineligible,
    seatsLeft: remaining - seated,
    cutOff,
  };
}

/**
 * Built fresh per activity rather than kept for the whole run: writing a million new strings into
 * objects that already survived to the old generation cost a third of the run (measured).
 */
interface Ranked {
  position: number;
  request: AllocationRequest;
  lotteryNumber: string;
  /** the number's first 48 bits: compares like the number, as a double, far faster than text */
  head: number;
}

/** Tier, then lottery number; siblings share a number, so childId then reservationId. */
function byRank(a: Ranked, b: Ranked): number {
  return (
    a.request.tier - b.request.tier ||
    a.head - b.head ||
    compare(a.lotteryNumber, b.lotteryNumber) ||
    compare(a.request.childId, b.request.childId) ||
    compare(a.request.reservationId, b.request.reservationId)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first 12 hex digits as a number, read without allocating a substring. */
function headOf(hex: string): number {
  let head = 0;
  for (let i = 0; i < 12; i++) {
    const c = hex.charCodeAt(i);
    head = head * 16 + (c <= 57 ? c - 48 : c - 87);
  }
  return head;
}

/**
 * The lottery numbers of one activity. Siblings asking for it get the same number by
 * construction (the message holds the family, not the child); their HMAC is computed again rather
 * than looked up: a Map per activity cost four times the repeated HMACs on the benchmark's round
 * (1.3 s for a million lookups against 0.3 s if one request in twenty had a sibling beside it).
 */
function numbersOf(activityId: string, draw: LotteryDraw): (familyId: string) => string {
  return (familyId) => draw(familyId, activityId);
}
