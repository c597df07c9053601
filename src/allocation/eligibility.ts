import { ClassLevel } from '../domain/shared/school';
import { checkRequest } from './allocation-input';
import { AllocationActivity, AllocationInput, AllocationRequest, IneligibleDetail } from './allocation.types';

/** A request on its way through the mechanism. */
export interface Entry {
  request: AllocationRequest;
  market: Market;
  /** the child as a small integer, for the fairness tally */
  child: number;
  /** passed the checks of class level, account and activity */
  eligible: boolean;
  /** set when a request of the same child for the same activity has a smaller reservationId */
  duplicate: boolean;
}

/** One activity of the round and the requests for it (PRODUCT.md: each activity is its own market). */
export interface Market {
  activityId: string;
  /** undefined when a request names an activity the round does not hold */
  activity: AllocationActivity | undefined;
  accepted: Set<ClassLevel>;
  /** eligible so far, duplicates included: they are known only once every request is read */
  eligible: Entry[];
  ineligible: { entry: Entry; detail: IneligibleDetail }[];
}

export interface Round {
  markets: Map<string, Market>;
  childCount: number;
}

/**
 * Step 1 of v1: re-check eligibility; an ineligible request is rejected with its reason.
 * Requests are gathered per child (a handful each): duplicates are found by scanning the child's
 * few requests, which costs far less than a Map per activity or a Set of a million ids.
 */
export function roundOf(input: AllocationInput): Round {
  const markets = new Map<string, Market>();
  const open = (activityId: string, activity?: AllocationActivity): Market => {
    const accepted = new Set(activity?.acceptedLevels ?? []);
    const market: Market = { activityId, activity, accepted, eligible: [], ineligible: [] };
    markets.set(activityId, market);
    return market;
  };
  for (const activity of input.activities) open(activity.activityId, activity);
  const children = new Map<string, Entry[]>();
  for (const request of input.requests) {
    let siblings = children.get(request.childId);
    if (siblings === undefined) children.set(request.childId, (siblings = []));
    checkRequest(request, siblings);
    const market = markets.get(request.activityId) ?? open(request.activityId);
    const child = siblings.length > 0 ? siblings[0].child : children.size - 1;
    const detail = ineligibility(market, request);
    const entry: Entry = { request, market, child, eligible: !detail, duplicate: false };
    if (detail) market.ineligible.push({ entry, detail });
    else keepFirstPerChild(siblings, entry);
    siblings.push(entry);
  }
  return { markets, childCount: children.size };
}

function ineligibility(market: Market, r: AllocationRequest): IneligibleDetail | null {
  if (!market.activity) return 'UNKNOWN_ACTIVITY';
  if (!r.accountValidated) return 'ACCOUNT_NOT_VALIDATED';
  if (!market.accepted.has(r.classLevel)) return 'CLASS_LEVEL_NOT_ACCEPTED';
  return null;
}

/** A child asking twice for one activity keeps its first request by reservationId. */
function keepFirstPerChild(ofChild: readonly Entry[], entry: Entry): void {
  entry.market.eligible.push(entry);
  for (const kept of ofChild) {
    if (kept.market !== entry.market || !kept.eligible || kept.duplicate) continue;
    if (entry.request.reservationId < kept.request.reservationId) kept.duplicate = true;
    else entry.duplicate = true;
    return;
  }
}
