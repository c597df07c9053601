import { ClassLevel } from '../domain/shared/school';
import { checkRequest } from './allocation-input';
import { AllocationActivity, AllocationInput, AllocationRequest, IneligibleDetail } from './allocation.types';

/** One activity of the round and the requests for it (PRODUCT.md: each activity is its own market). */
export interface Market {
  index: number;
  activityId: string;
  /** undefined when a request names an activity the round does not hold */
  activity: AllocationActivity | undefined;
  accepted: Set<ClassLevel>;
  /** positions in `input.requests` of the eligible requests, duplicates included until `split` */
  eligible: number[];
  ineligible: { position: number; detail: IneligibleDetail }[];
}

/**
 * Requests are named by their position in `input.requests`, and what the mechanism learns about
 * them is kept in typed arrays: a million small objects per run cost more in allocation and GC
 * than the checks themselves (measured on the benchmark's round).
 */
export interface Round {
  markets: Map<string, Market>;
  /** position → the child as a small integer, for the fairness tally */
  childOf: Int32Array;
  childCount: number;
  /** position → 1 when the same child asked for the same activity with a smaller reservationId */
  duplicate: Uint8Array;
}

/** Step 1 of v1: re-check eligibility; an ineligible request is rejected with its reason. */
export function roundOf(input: AllocationInput): Round {
  const { requests } = input;
  const markets = new Map<string, Market>();
  const open = (activityId: string, activity?: AllocationActivity): Market => {
    const accepted = new Set(activity?.acceptedLevels ?? []);
    const market: Market = { index: markets.size, activityId, activity, accepted, eligible: [], ineligible: [] };
    markets.set(activityId, market);
    return market;
  };
  for (const activity of input.activities) open(activity.activityId, activity);
  const children = new Map<string, number>();
  const round: Round = {
    markets,
    childOf: new Int32Array(requests.length),
    childCount: 0,
    duplicate: new Uint8Array(requests.length),
  };
  // each child's requests as a chain, newest first: a child asks for a handful of activities
  const latestOfChild = new Int32Array(requests.length).fill(-1);
  const previousOfChild = new Int32Array(requests.length);
  const marketOf = new Int32Array(requests.length);
  const eligible = new Uint8Array(requests.length);
  requests.forEach((request, position) => {
    let child = children.get(request.childId);
    if (child === undefined) children.set(request.childId, (child = children.size));
    const sameChild = chainOf(latestOfChild[child], previousOfChild);
    checkRequest(
      request,
      sameChild.map((p) => requests[p]),
    );
    const market = markets.get(request.activityId) ?? open(request.activityId);
    round.childOf[position] = child;
    marketOf[position] = market.index;
    previousOfChild[position] = latestOfChild[child];
    latestOfChild[child] = position;
    const detail = ineligibility(market, request);
    if (detail) return void market.ineligible.push({ position, detail });
    eligible[position] = 1;
    market.eligible.push(position);
    // a child asking twice for one activity keeps its first request by reservationId
    const kept = sameChild.find((p) => marketOf[p] === market.index && eligible[p] && !round.duplicate[p]);
    if (kept === undefined) return;
    round.duplicate[request.reservationId < requests[kept].reservationId ? kept : position] = 1;
  });
  round.childCount = children.size;
  return round;
}

function chainOf(latest: number, previous: Int32Array): number[] {
  const chain: number[] = [];
  for (let p = latest; p >= 0; p = previous[p]) chain.push(p);
  return chain;
}

function ineligibility(market: Market, r: AllocationRequest): IneligibleDetail | null {
  if (!market.activity) return 'UNKNOWN_ACTIVITY';
  if (!r.accountValidated) return 'ACCOUNT_NOT_VALIDATED';
  if (!market.accepted.has(r.classLevel)) return 'CLASS_LEVEL_NOT_ACCEPTED';
  return null;
}
