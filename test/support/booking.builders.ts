import type { AddActivity } from '../../src/domain/basket/add-activity.command';
import type { ActivityAdded, ActivityRemoved } from '../../src/domain/basket/basket.events';
import type { RemoveActivity } from '../../src/domain/basket/remove-activity.command';
import type { BookingEvent } from '../../src/domain/order/booking.decider';
import type { CancelReservation } from '../../src/domain/order/cancel-reservation.command';
import type { AllocationDecision, DecideReservation } from '../../src/domain/order/decide-reservation.command';
import type {
  OrderPlaced,
  ReservationCancelled,
  ReservationRejected,
  ReservationReserved,
} from '../../src/domain/order/order.events';
import type { BillingDetails, PlaceOrder } from '../../src/domain/order/place-order.command';
import { reservationIdOf } from '../../src/domain/order/reservation';
import type { ClassLevel } from '../../src/domain/shared/school';
import type { Slot, Weekday } from '../../src/domain/shared/slot';

let sequence = 0;
/** Unique within a jest worker: every test builds its own child, family, activities and order. */
export function freshId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

export const NOW = '2024-05-13T08:00:00.000Z';
export const LATER = '2024-07-01T08:00:00.000Z';

export function slot(weekday: Weekday, start: string, end: string): Slot {
  return { weekday, start, end };
}

export interface ChildFixture {
  childId: string;
  familyId: string;
  firstName: string;
  classLevel: ClassLevel;
  /** the program the child books in by default */
  programId: string;
}

export function aChild(overrides: Partial<ChildFixture> = {}): ChildFixture {
  return {
    childId: freshId('child'),
    familyId: freshId('family'),
    firstName: 'Léa',
    classLevel: 'CE1',
    programId: freshId('program'),
    ...overrides,
  };
}

export type ActivityFixture = AddActivity['data']['activity'];

export function anActivity(child: ChildFixture, overrides: Partial<ActivityFixture> = {}): ActivityFixture {
  return {
    activityId: freshId('activity'),
    programId: child.programId,
    name: 'Judo',
    slot: slot('WEDNESDAY', '14:00', '15:00'),
    priceCents: 18_000,
    acceptedLevels: ['CP', 'CE1', 'CE2'],
    ...overrides,
  };
}

export const COMPLETE_BILLING: BillingDetails = {
  name: 'Camille Martin',
  address: { line1: '12 rue Victor Hugo', postalCode: '92300', city: 'Levallois-Perret' },
};

// Commands

export function addActivity(
  child: ChildFixture,
  activity: ActivityFixture,
  overrides: Partial<AddActivity['data']> = {},
): AddActivity {
  const { childId, familyId, classLevel, firstName } = child;
  return {
    type: 'AddActivity',
    data: { childId, familyId, activity, child: { classLevel, firstName }, now: NOW, ...overrides },
  };
}

export function removeActivity(
  child: ChildFixture,
  activityId: string,
  overrides: Partial<RemoveActivity['data']> = {},
): RemoveActivity {
  const { childId, familyId } = child;
  return { type: 'RemoveActivity', data: { childId, familyId, activityId, now: NOW, ...overrides } };
}

export function placeOrder(child: ChildFixture, overrides: Partial<PlaceOrder['data']> = {}): PlaceOrder {
  const { childId, familyId, programId } = child;
  return {
    type: 'PlaceOrder',
    data: {
      orderId: freshId('order'),
      childId,
      familyId,
      programId,
      billing: COMPLETE_BILLING,
      phase: { phaseId: freshId('phase'), admitsFamily: true },
      now: NOW,
      ...overrides,
    },
  };
}

export function cancelReservation(
  child: ChildFixture,
  reservationId: string,
  overrides: Partial<CancelReservation['data']> = {},
): CancelReservation {
  return {
    type: 'CancelReservation',
    data: {
      childId: child.childId,
      reservationId,
      reason: { code: 'WRONG_CLASS' },
      cancelledBy: 'staff-1',
      now: LATER,
      ...overrides,
    },
  };
}

export function decideReservation(
  child: ChildFixture,
  reservationId: string,
  runId: string,
  decision: AllocationDecision,
): DecideReservation {
  return {
    type: 'DecideReservation',
    data: { childId: child.childId, reservationId, runId, decision, now: LATER },
  };
}

// Events

export function activityAdded(child: ChildFixture, activity: ActivityFixture, addedAt = NOW): ActivityAdded {
  const { childId, familyId } = child;
  const { programId, activityId, name, slot: activitySlot, priceCents } = activity;
  return {
    type: 'ActivityAdded',
    data: { childId, familyId, programId, activityId, name, slot: activitySlot, priceCents, addedAt },
  };
}

export function activityRemoved(child: ChildFixture, activity: ActivityFixture, removedAt = NOW): ActivityRemoved {
  const { childId, familyId } = child;
  const { programId, activityId } = activity;
  return { type: 'ActivityRemoved', data: { childId, familyId, programId, activityId, removedAt } };
}

export function orderPlaced(
  child: ChildFixture,
  orderId: string,
  activities: readonly ActivityFixture[],
  overrides: Partial<OrderPlaced['data']> = {},
): OrderPlaced {
  const { childId, familyId } = child;
  return {
    type: 'OrderPlaced',
    data: {
      orderId,
      childId,
      familyId,
      programId: activities[0]?.programId ?? child.programId,
      phaseId: 'phase-priority',
      billing: { ...COMPLETE_BILLING, address: { ...COMPLETE_BILLING.address, line2: null } },
      reservations: activities.map(({ activityId, name, slot: activitySlot, priceCents }) => ({
        reservationId: reservationIdOf(orderId, activityId),
        activityId,
        name,
        slot: activitySlot,
        priceCents,
      })),
      moduleCount: activities.length,
      totalCents: activities.reduce((total, a) => total + a.priceCents, 0),
      placedAt: NOW,
      ...overrides,
    },
  };
}

/** The history of a parent adding these activities and ordering them: each reservation PENDING. */
export function ordered(
  child: ChildFixture,
  activities: readonly ActivityFixture[],
  orderId = freshId('order'),
): { orderId: string; events: BookingEvent[]; reservationIdOf(activity: ActivityFixture): string } {
  return {
    orderId,
    events: [...activities.map((a) => activityAdded(child, a)), orderPlaced(child, orderId, activities)],
    reservationIdOf: (activity) => reservationIdOf(orderId, activity.activityId),
  };
}

function about(child: ChildFixture, orderId: string, activity: ActivityFixture) {
  return {
    reservationId: reservationIdOf(orderId, activity.activityId),
    orderId,
    childId: child.childId,
    familyId: child.familyId,
    activityId: activity.activityId,
  };
}

export function reservationCancelled(
  child: ChildFixture,
  orderId: string,
  activity: ActivityFixture,
  overrides: Partial<ReservationCancelled['data']> = {},
): ReservationCancelled {
  return {
    type: 'ReservationCancelled',
    data: {
      ...about(child, orderId, activity),
      reason: { code: 'WRONG_CLASS', note: null },
      cancelledBy: 'staff-1',
      cancelledAt: LATER,
      ...overrides,
    },
  };
}

export function reservationReserved(
  child: ChildFixture,
  orderId: string,
  activity: ActivityFixture,
  runId: string,
  overrides: Partial<ReservationReserved['data']> = {},
): ReservationReserved {
  return {
    type: 'ReservationReserved',
    data: {
      ...about(child, orderId, activity),
      runId,
      rank: 1,
      lotteryNumber: '0a1b2c',
      tier: 1,
      decidedAt: LATER,
      ...overrides,
    },
  };
}

export function reservationRejected(
  child: ChildFixture,
  orderId: string,
  activity: ActivityFixture,
  runId: string,
  overrides: Partial<ReservationRejected['data']> = {},
): ReservationRejected {
  return {
    type: 'ReservationRejected',
    data: {
      ...about(child, orderId, activity),
      runId,
      reason: 'CAPACITY',
      detail: null,
      rank: 13,
      lotteryNumber: 'f00d42',
      tier: 2,
      cutOff: { tier: 1, lotteryNumber: 'c0ffee' },
      decidedAt: LATER,
      ...overrides,
    },
  };
}
