import { RuleViolated } from '../domain/shared/errors';
import { CLASS_LEVELS } from '../domain/shared/school';
import { AllocationInput, AllocationRequest } from './allocation.types';
import { isValidSeed, MIN_SEED_BYTES } from './lottery';

/**
 * The input is resolved by the application from other streams, or read back from a recorded run
 * for a replay: refuse what would make "one decision per request" or the ranking ambiguous,
 * before anything is decided or written.
 */
export function checkRoundHeader(input: AllocationInput): void {
  if (input.mechanismVersion !== 'v1') {
    refuse(`unknown allocation mechanism ${String(input.mechanismVersion)}`, 'UNKNOWN_MECHANISM_VERSION');
  }
  if (!isValidSeed(input.seed)) {
    refuse(`the seed must be written in hex and hold at least ${MIN_SEED_BYTES} bytes`, 'INVALID_SEED');
  }
  const activityIds = new Set<string>();
  for (const a of input.activities) {
    if (!a.activityId) refuse('an activity has no id', 'INVALID_ALLOCATION_INPUT');
    if (activityIds.has(a.activityId))
      refuse(`activity ${a.activityId} is listed twice`, 'DUPLICATE_ACTIVITY_IN_INPUT');
    activityIds.add(a.activityId);
    if (!isCount(a.capacity) || !isCount(a.reservedSeats)) {
      refuse(`activity ${a.activityId}: capacity and reserved seats must be whole numbers ≥ 0`, 'INVALID_CAPACITY');
    }
    if (!a.acceptedLevels.every((l) => LEVELS.has(l))) {
      refuse(`activity ${a.activityId}: unknown class level`, 'INVALID_CLASS_LEVEL');
    }
  }
}

/**
 * Checks one request, inside the mechanism's own pass over the requests, against the requests of
 * the same child read so far: a reservation listed twice is listed twice for its child. Two
 * different children given one reservation id would not be caught: reservation ids are minted
 * by the application, and a Set of a million of them cost a tenth of the 10 s budget.
 */
export function checkRequest(r: AllocationRequest, ofSameChild: readonly AllocationRequest[]): void {
  if (!r.reservationId || !r.childId || !r.familyId || !r.activityId) {
    refuse(
      `reservation ${r.reservationId}: reservation, child, family and activity ids are required`,
      'INVALID_ALLOCATION_INPUT',
    );
  }
  for (const other of ofSameChild) {
    if (other.reservationId === r.reservationId) {
      refuse(`reservation ${r.reservationId} is listed twice`, 'DUPLICATE_RESERVATION_IN_INPUT');
    }
  }
  if (r.tier !== 1 && r.tier !== 2) refuse(`reservation ${r.reservationId}: tier must be 1 or 2`, 'INVALID_TIER');
  if (!LEVELS.has(r.classLevel)) refuse(`reservation ${r.reservationId}: unknown class level`, 'INVALID_CLASS_LEVEL');
}

const LEVELS = new Set<string>(CLASS_LEVELS);

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

function refuse(message: string, code: string): never {
  throw new RuleViolated(message, code);
}
