import { ClassLevel, Tier } from '../domain/shared/school';

/** Mechanisms live side by side (PRODUCT.md, Allocation): a run records the version it used. */
export type MechanismVersion = 'v1';

export interface AllocationActivity {
  activityId: string;
  capacity: number;
  /** seats already taken by earlier rounds */
  reservedSeats: number;
  acceptedLevels: ClassLevel[];
}

/** One pending reservation of the round, with the facts the application resolved for it. */
export interface AllocationRequest {
  reservationId: string;
  childId: string;
  familyId: string;
  activityId: string;
  tier: Tier;
  classLevel: ClassLevel;
  accountValidated: boolean;
}

export interface AllocationInput {
  mechanismVersion: MechanismVersion;
  /** the revealed seed, hex (PRODUCT.md: committed by its SHA-256 before the draw) */
  seed: string;
  activities: AllocationActivity[];
  requests: AllocationRequest[];
}

/** The last request seated in an activity: anyone ranked after it was refused for capacity. */
export interface CutOff {
  tier: Tier;
  lotteryNumber: string;
}

export type IneligibleDetail =
  'CLASS_LEVEL_NOT_ACCEPTED' | 'ACCOUNT_NOT_VALIDATED' | 'DUPLICATE_REQUEST' | 'UNKNOWN_ACTIVITY';

interface DecisionBase {
  reservationId: string;
  childId: string;
  familyId: string;
  activityId: string;
  tier: Tier;
  classLevel: ClassLevel;
  lotteryNumber: string;
}

export interface ReservedDecision extends DecisionBase {
  outcome: 'RESERVED';
  /** 1-based position among the activity's eligible requests */
  rank: number;
}

export interface RefusedForCapacityDecision extends DecisionBase {
  outcome: 'REJECTED';
  reason: 'CAPACITY';
  rank: number;
  /** null when the activity had no seat left to give in this round */
  cutOff: CutOff | null;
}

export interface IneligibleDecision extends DecisionBase {
  outcome: 'REJECTED';
  reason: 'INELIGIBLE';
  detail: IneligibleDetail;
}

export type Decision = ReservedDecision | RefusedForCapacityDecision | IneligibleDecision;
export type DecisionKind = 'RESERVED' | 'CAPACITY' | 'INELIGIBLE';

export function kindOf(decision: Decision): DecisionKind {
  return decision.outcome === 'RESERVED' ? 'RESERVED' : decision.reason;
}

export interface ActivitySummary {
  activityId: string;
  capacity: number;
  reservedSeats: number;
  /** seats this run could give: max(0, capacity - reservedSeats) */
  remaining: number;
  /** eligible requests, by tier (ineligible ones are counted in `ineligible`) */
  requestsByTier: Record<Tier, number>;
  seated: number;
  refusedForCapacity: number;
  ineligible: number;
  /** seats still free after this run, for the next round */
  seatsLeft: number;
  cutOff: CutOff | null;
}

/** Counted over every request of the run, ineligible ones included. */
export interface FairnessFigures {
  children: number;
  childrenWithNoneSeated: number;
  requests: number;
  seated: number;
  /** seated / requests, 0 when there is no request */
  shareSeated: number;
}

export interface Fairness extends FairnessFigures {
  byTier: Record<Tier, FairnessFigures>;
  byClassLevel: Record<ClassLevel, FairnessFigures>;
}

export interface AllocationSummary {
  /** sorted by activityId */
  activities: ActivitySummary[];
  fairness: Fairness;
}

export interface AllocationOutcome extends AllocationSummary {
  /**
   * One per request. Grouped by activityId (code-unit order), inside an activity by rank, its
   * ineligible requests last by reservationId.
   */
  decisions: Decision[];
}
