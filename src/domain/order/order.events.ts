import type { Message } from '../shared/decider';
import type { Tier } from '../shared/school';
import type { Slot } from '../shared/slot';

/** Billing details as recorded: trimmed, `line2` null when not given. */
export interface Billing {
  name: string;
  address: { line1: string; line2: string | null; postalCode: string; city: string };
}

export interface OrderedReservation {
  /** `reservationIdOf(orderId, activityId)` */
  reservationId: string;
  activityId: string;
  name: string;
  slot: Slot;
  priceCents: number;
}

/** The basket became an order: irreversible for the parent, every reservation PENDING (steps 4–5). */
export type OrderPlaced = Message<
  'OrderPlaced',
  {
    orderId: string;
    childId: string;
    familyId: string;
    programId: string;
    phaseId: string;
    billing: Billing;
    reservations: OrderedReservation[];
    moduleCount: number;
    totalCents: number;
    placedAt: string;
  }
>;

export const CANCELLATION_REASON_CODES = ['WRONG_CLASS', 'DUPLICATE', 'FAMILY_REQUEST', 'OTHER'] as const;
export type CancellationReasonCode = (typeof CANCELLATION_REASON_CODES)[number];

export interface CancellationReason {
  code: CancellationReasonCode;
  note: string | null;
}

/** Staff cancelled an erroneous pending reservation before allocation (step 5). */
export type ReservationCancelled = Message<
  'ReservationCancelled',
  {
    reservationId: string;
    orderId: string;
    childId: string;
    familyId: string;
    activityId: string;
    reason: CancellationReason;
    cancelledBy: string;
    cancelledAt: string;
  }
>;

export type ReservationReserved = Message<
  'ReservationReserved',
  {
    reservationId: string;
    orderId: string;
    childId: string;
    familyId: string;
    activityId: string;
    runId: string;
    rank: number;
    lotteryNumber: string;
    tier: Tier | null;
    decidedAt: string;
  }
>;

export type RejectionReason = 'CAPACITY' | 'INELIGIBLE';

/** The last request seated in the activity (PRODUCT.md: the activity's cut-off). */
export interface CutOff {
  tier: Tier;
  lotteryNumber: string;
}

/** An approved allocation run rejected the reservation: it is CANCELLED (« Annulé »), with its reason. */
export type ReservationRejected = Message<
  'ReservationRejected',
  {
    reservationId: string;
    orderId: string;
    childId: string;
    familyId: string;
    activityId: string;
    runId: string;
    reason: RejectionReason;
    detail: string | null;
    rank: number | null;
    lotteryNumber: string | null;
    tier: Tier | null;
    cutOff: CutOff | null;
    decidedAt: string;
  }
>;

export type OrderEvent = OrderPlaced | ReservationCancelled | ReservationReserved | ReservationRejected;
