import type { Message } from '../shared/decider';
import { assertNever } from '../shared/decider';
import type { Tier } from '../shared/school';
import type { BookingState } from './booking.state';
import { reservationOf } from './booking.state';
import { existingReservation } from './booking.rules';
import type { CutOff, RejectionReason, ReservationRejected, ReservationReserved } from './order.events';

/** Shaped so that a decision of an allocation run (src/allocation) can be passed as it is. */
export type AllocationDecision =
  | { outcome: 'RESERVED'; rank: number; lotteryNumber: string; tier?: Tier | null }
  | {
      outcome: 'REJECTED';
      reason: RejectionReason;
      detail?: string | null;
      rank?: number | null;
      lotteryNumber?: string | null;
      tier?: Tier | null;
      cutOff?: CutOff | null;
    };

/** Sent by the allocation saga, once per reservation, after staff approved the run. */
export type DecideReservation = Message<
  'DecideReservation',
  {
    /** addresses the stream: `bookingStream(childId)` */
    childId: string;
    reservationId: string;
    runId: string;
    decision: AllocationDecision;
    now: string;
  }
>;

/**
 * Exactly once: a reservation that is no longer PENDING (decided by this run already, or cancelled
 * by staff after the run) is left as it is; `whyDecisionSkipped` tells the saga which.
 */
export function decideDecideReservation(
  command: DecideReservation,
  state: BookingState,
): (ReservationReserved | ReservationRejected)[] {
  const { reservationId, runId, decision, now } = command.data;
  const { reservation, owner } = existingReservation(state, reservationId);
  if (reservation.status !== 'PENDING') return [];
  const { orderId, activityId } = reservation;
  const about = { reservationId, orderId, childId: owner.childId, familyId: owner.familyId, activityId, runId };
  switch (decision.outcome) {
    case 'RESERVED': {
      const { rank, lotteryNumber } = decision;
      return [
        {
          type: 'ReservationReserved',
          data: { ...about, rank, lotteryNumber, tier: decision.tier ?? null, decidedAt: now },
        },
      ];
    }
    case 'REJECTED': {
      const explained = {
        reason: decision.reason,
        detail: decision.detail ?? null,
        rank: decision.rank ?? null,
        lotteryNumber: decision.lotteryNumber ?? null,
        tier: decision.tier ?? null,
        cutOff: decision.cutOff ?? null,
      };
      return [{ type: 'ReservationRejected', data: { ...about, ...explained, decidedAt: now } }];
    }
    default:
      return assertNever(decision);
  }
}

export type DecisionSkipped = 'ALREADY_DECIDED_BY_THIS_RUN' | 'DECIDED_BY_ANOTHER_RUN' | 'CANCELLED_BY_STAFF';

/** Why `decideDecideReservation` returned no event; null when the reservation is pending or unknown. */
export function whyDecisionSkipped(state: BookingState, reservationId: string, runId: string): DecisionSkipped | null {
  const reservation = reservationOf(state, reservationId);
  if (reservation === undefined) return null;
  switch (reservation.status) {
    case 'PENDING':
      return null;
    case 'RESERVED':
      return reservation.decision.runId === runId ? 'ALREADY_DECIDED_BY_THIS_RUN' : 'DECIDED_BY_ANOTHER_RUN';
    case 'CANCELLED': {
      const cancellation = reservation.cancellation;
      if (cancellation.cause === 'STAFF') return 'CANCELLED_BY_STAFF';
      return cancellation.runId === runId ? 'ALREADY_DECIDED_BY_THIS_RUN' : 'DECIDED_BY_ANOTHER_RUN';
    }
    default:
      return assertNever(reservation);
  }
}
