import { ClassLevel } from '../domain/shared/school';
import { requestChecker } from './allocation-input';
import { AllocationActivity, AllocationInput, AllocationRequest, IneligibleDetail } from './allocation.types';

/** A request on its way through the mechanism. */
export interface Entry {
  request: AllocationRequest;
  /** the child as a small integer, for the fairness tally */
  child: number;
  /** set when the activity is decided */
  lotteryNumber: string;
  /** the number's first 48 bits: compares like the number, as a double, far faster than text */
  head: number;
}

/** One activity of the round and the requests for it (PRODUCT.md: each activity is its own market). */
export interface Market {
  activityId: string;
  /** undefined when a request names an activity the round does not hold */
  activity: AllocationActivity | undefined;
  /** the eligible request kept for each child: the first by reservationId */
  kept: Map<number, Entry>;
  ineligible: { entry: Entry; detail: IneligibleDetail }[];
}

export interface Round {
  markets: Map<string, Market>;
  childCount: number;
}

/** Step 1 of v1: re-check eligibility; an ineligible request is rejected with its reason. */
export function roundOf(input: AllocationInput): Round {
  const markets = new Map<string, Market>();
  const accepted = new Map<string, Set<ClassLevel>>();
  const open = (activityId: string, activity?: AllocationActivity): Market => {
    const market: Market = { activityId, activity, kept: new Map(), ineligible: [] };
    markets.set(activityId, market);
    accepted.set(activityId, new Set(activity?.acceptedLevels ?? []));
    return market;
  };
  for (const activity of input.activities) open(activity.activityId, activity);
  const check = requestChecker();
  const children = new Map<string, number>();
  for (const request of input.requests) {
    check(request);
    let child = children.get(request.childId);
    if (child === undefined) children.set(request.childId, (child = children.size));
    const entry: Entry = { request, child, lotteryNumber: '', head: 0 };
    const market = markets.get(request.activityId) ?? open(request.activityId);
    const detail = ineligibility(market, accepted.get(request.activityId)!, request);
    if (detail) market.ineligible.push({ entry, detail });
    else keepFirstPerChild(market, entry);
  }
  return { markets, childCount: children.size };
}

function ineligibility(market: Market, accepted: Set<ClassLevel>, r: AllocationRequest): IneligibleDetail | null {
  if (!market.activity) return 'UNKNOWN_ACTIVITY';
  if (!r.accountValidated) return 'ACCOUNT_NOT_VALIDATED';
  if (!accepted.has(r.classLevel)) return 'CLASS_LEVEL_NOT_ACCEPTED';
  return null;
}

/** A child asking twice for one activity keeps its first request by reservationId. */
function keepFirstPerChild(market: Market, entry: Entry): void {
  const kept = market.kept.get(entry.child);
  if (kept === undefined) return void market.kept.set(entry.child, entry);
  const keepNew = entry.request.reservationId < kept.request.reservationId;
  if (keepNew) market.kept.set(entry.child, entry);
  market.ineligible.push({ entry: keepNew ? kept : entry, detail: 'DUPLICATE_REQUEST' });
}
