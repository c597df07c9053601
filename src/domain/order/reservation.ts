import type { Tier } from '../shared/school';
import type { Slot } from '../shared/slot';
import type { CancellationReason, CutOff, RejectionReason } from './order.events';

export type ReservationStatus = 'PENDING' | 'RESERVED' | 'CANCELLED';

/** The labels parents read in their account (procedure, step 5). */
export const STATUS_LABELS: Readonly<Record<ReservationStatus, string>> = {
  PENDING: 'En attente',
  RESERVED: 'Réservé',
  CANCELLED: 'Annulé',
};

/**
 * Reservation ids are derived, not drawn: unique in the stream because an order never holds an
 * activity twice, and unique overall because the order id is (the application derives it).
 */
export function reservationIdOf(orderId: string, activityId: string): string {
  return `${orderId}:${activityId}`;
}

/** What every reservation carries, whatever its status. */
export interface ReservationLine {
  reservationId: string;
  orderId: string;
  programId: string;
  activityId: string;
  name: string;
  slot: Slot;
  priceCents: number;
  placedAt: string;
}

export interface Pending extends ReservationLine {
  status: 'PENDING';
}

export interface Reserved extends ReservationLine {
  status: 'RESERVED';
  decision: { runId: string; rank: number; lotteryNumber: string; tier: Tier | null; decidedAt: string };
}

export interface CancelledByStaff {
  cause: 'STAFF';
  reason: CancellationReason;
  cancelledBy: string;
  cancelledAt: string;
}

export interface RejectedByAllocation {
  cause: 'ALLOCATION';
  runId: string;
  reason: RejectionReason;
  detail: string | null;
  rank: number | null;
  lotteryNumber: string | null;
  tier: Tier | null;
  cutOff: CutOff | null;
  decidedAt: string;
}

/** « L'annulation de votre réservation équivaut à un rejet »: both causes end CANCELLED. */
export interface Cancelled extends ReservationLine {
  status: 'CANCELLED';
  cancellation: CancelledByStaff | RejectedByAllocation;
}

export type Reservation = Pending | Reserved | Cancelled;

/** Pending and reserved reservations hold the child's slot; cancelled ones free it. */
export function isActive(reservation: Reservation): reservation is Pending | Reserved {
  return reservation.status !== 'CANCELLED';
}
