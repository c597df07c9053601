import { ClassLevel } from '../domain/shared/school';
import { validateInput } from './allocation-input';
import {
  ActivitySummary,
  AllocationActivity,
  AllocationInput,
  AllocationOutcome,
  AllocationRequest,
  CutOff,
  Decision,
  IneligibleDetail,
} from './allocation.types';
import { fairnessOf } from './fairness';
import { LotteryDraw, lotteryDraw } from './lottery';

/**
 * v1 (PRODUCT.md, Allocation): each activity is its own market. Re-check eligibility, rank the
 * eligible requests by tier then lottery number, seat the first `remaining`, refuse the rest
 * for capacity. Pure and deterministic: the same input gives the same decisions, byte for byte,
 * whatever the order of `input.requests`.
 */
export function allocateV1(input: AllocationInput): AllocationOutcome {
  validateInput(input);
  const draw = lotteryDraw(input.seed);
  const markets = marketsOf(input);
  const decisions: Decision[] = [];
  const activities: ActivitySummary[] = [];
  // default sort compares UTF-16 code units: the same order on every machine, unlike localeCompare
  for (const activityId of [...markets.keys()].sort()) {
    const summary = decideMarket(markets.get(activityId)!, draw, decisions);
    if (summary) activities.push(summary);
  }
  return { decisions, activities, fairness: fairnessOf(decisions) };
}

interface Market {
  activityId: string;
  activity: AllocationActivity | undefined;
  accepted: Set<ClassLevel>;
  /** the request kept for each child: the first by reservationId (duplicates are refused) */
  byChild: Map<string, AllocationRequest>;
  ineligible: { request: AllocationRequest; detail: IneligibleDetail }[];
}

function marketsOf(input: AllocationInput): Map<string, Market> {
  const markets = new Map<string, Market>();
  const open = (activityId: string, activity?: AllocationActivity): Market => {
    const market: Market = {
      activityId,
      activity,
      accepted: new Set(activity?.acceptedLevels ?? []),
      byChild: new Map(),
      ineligible: [],
    };
    markets.set(activityId, market);
    return market;
  };
  for (const activity of input.activities) open(activity.activityId, activity);
  for (const request of input.requests) {
    const market = markets.get(request.activityId) ?? open(request.activityId);
    const detail = ineligibility(market, request);
    if (detail) market.ineligible.push({ request, detail });
    else keepFirstPerChild(market, request);
  }
  return markets;
}

function ineligibility(market: Market, request: AllocationRequest): IneligibleDetail | null {
  if (!market.activity) return 'UNKNOWN_ACTIVITY';
  if (!request.accountValidated) return 'ACCOUNT_NOT_VALIDATED';
  if (!market.accepted.has(request.classLevel)) return 'CLASS_LEVEL_NOT_ACCEPTED';
  return null;
}

function keepFirstPerChild(market: Market, request: AllocationRequest): void {
  const kept = market.byChild.get(request.childId);
  if (!kept) {
    market.byChild.set(request.childId, request);
    return;
  }
  const [first, duplicate] = kept.reservationId < request.reservationId ? [kept, request] : [request, kept];
  market.byChild.set(request.childId, first);
  market.ineligible.push({ request: duplicate, detail: 'DUPLICATE_REQUEST' });
}

interface Ranked {
  request: AllocationRequest;
  lotteryNumber: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byRank(a: Ranked, b: Ranked): number {
  return (
    a.request.tier - b.request.tier ||
    compare(a.lotteryNumber, b.lotteryNumber) ||
    compare(a.request.childId, b.request.childId) ||
    compare(a.request.reservationId, b.request.reservationId)
  );
}

/** Decides one activity, appending its decisions; returns its summary (none for an unknown one). */
function decideMarket(market: Market, draw: LotteryDraw, out: Decision[]): ActivitySummary | null {
  // one HMAC per (family, activity) pair: siblings share it
  const numbers = new Map<string, string>();
  const numberOf = (r: AllocationRequest): string => {
    let n = numbers.get(r.familyId);
    if (n === undefined) numbers.set(r.familyId, (n = draw(r.familyId, market.activityId)));
    return n;
  };
  const ranked: Ranked[] = [];
  for (const request of market.byChild.values()) ranked.push({ request, lotteryNumber: numberOf(request) });
  ranked.sort(byRank);

  const remaining = market.activity ? Math.max(0, market.activity.capacity - market.activity.reservedSeats) : 0;
  const seated = Math.min(remaining, ranked.length);
  const last = seated > 0 ? ranked[seated - 1] : undefined;
  const cutOff: CutOff | null = last ? { tier: last.request.tier, lotteryNumber: last.lotteryNumber } : null;
  ranked.forEach(({ request, lotteryNumber }, i) => {
    const base = baseOf(request, lotteryNumber);
    out.push(
      i < seated
        ? { ...base, outcome: 'RESERVED', rank: i + 1 }
        : { ...base, outcome: 'REJECTED', reason: 'CAPACITY', rank: i + 1, cutOff },
    );
  });
  market.ineligible.sort((a, b) => compare(a.request.reservationId, b.request.reservationId));
  for (const { request, detail } of market.ineligible) {
    out.push({ ...baseOf(request, numberOf(request)), outcome: 'REJECTED', reason: 'INELIGIBLE', detail });
  }
  if (!market.activity) return null;
  const { activityId, capacity, reservedSeats } = market.activity;
  const tier1 = ranked.filter((r) => r.request.tier === 1).length;
  return {
    activityId,
    capacity,
    reservedSeats,
    remaining,
    requestsByTier: { 1: tier1, 2: ranked.length - tier1 },
    seated,
    refusedForCapacity: ranked.length - seated,
    ineligible: market.ineligible.length,
    seatsLeft: remaining - seated,
    cutOff,
  };
}

function baseOf(r: AllocationRequest, lotteryNumber: string) {
  const { reservationId, childId, familyId, activityId, tier, classLevel } = r;
  return { reservationId, childId, familyId, activityId, tier, classLevel, lotteryNumber };
}
