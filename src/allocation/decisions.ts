import {
  AllocationRequest,
  CutOff,
  IneligibleDecision,
  IneligibleDetail,
  RefusedForCapacityDecision,
  ReservedDecision,
} from './allocation.types';

// Literal objects with one fixed key order, rather than spreads: a million decisions keep three
// stable shapes (spreading made v1 several times slower, measured), and their JSON is the same
// bytes on every run.

export function reserved(r: AllocationRequest, lotteryNumber: string, rank: number): ReservedDecision {
  const { reservationId, childId, familyId, activityId, tier, classLevel } = r;
  return {
    reservationId,
    childId,
    familyId,
    activityId,
    tier,
    classLevel,
    lotteryNumber,
    outcome: 'RESERVED',
    rank,
  };
}

export function refusedForCapacity(
  r: AllocationRequest,
  lotteryNumber: string,
  rank: number,
  cutOff: CutOff | null,
): RefusedForCapacityDecision {
  const { reservationId, childId, familyId, activityId, tier, classLevel } = r;
  return {
    reservationId,
    childId,
    familyId,
    activityId,
    tier,
    classLevel,
    lotteryNumber,
    outcome: 'REJECTED',
    reason: 'CAPACITY',
    rank,
    cutOff,
  };
}

export function ineligible(r: AllocationRequest, lotteryNumber: string, detail: IneligibleDetail): IneligibleDecision {
  const { reservationId, childId, familyId, activityId, tier, classLevel } = r;
  return {
    reservationId,
    childId,
    familyId,
    activityId,
    tier,
    classLevel,
    lotteryNumber,
    outcome: 'REJECTED',
    reason: 'INELIGIBLE',
    detail,
  };
}
