import Database from 'better-sqlite3';
import type { FamilyEvent } from '../../../src/domain/family/family.events';
import type { OrderEvent } from '../../../src/domain/order/order.events';
import type { ProgramEvent } from '../../../src/domain/program/program.events';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { reportingProjections } from '../../../src/projections/reporting/reporting.projections';

/** Domain events written by hand, for the reporting projections alone (no app, no store). */
export type ReportedEvent = FamilyEvent | ProgramEvent | OrderEvent;

export const YEAR = '2025-2026';
export const AT = '2025-05-15T10:00:00.000Z';

export function freshReportingDb(): Database.Database {
  const db = new Database(':memory:');
  for (const projection of reportingProjections) projection.setup(db);
  return db;
}

/** Applies events as the runner would, positions counting from 1 across calls. */
export function feeder(db: Database.Database): (...events: ReportedEvent[]) => number {
  let position = 0;
  return (...events) => {
    for (const event of events) {
      position += 1;
      const recorded = { ...event, streamId: 's', revision: 0, position, metadata: {} } as RecordedEvent;
      for (const projection of reportingProjections) {
        if (projection.handles.has(event.type)) projection.apply(db, recorded);
      }
    }
    return position;
  };
}

export const program = (programId: string, schoolYear = YEAR): ProgramEvent => ({
  type: 'ProgramCreated',
  data: {
    programId,
    name: `Activités Primaires ${schoolYear}`,
    cycle: 'PRIMAIRE',
    schoolYear,
    typicalWeek: { from: '2025-09-08', to: '2025-09-12' },
    createdBy: 'staff',
    createdAt: AT,
  },
});

export const activity = (programId: string, activityId: string, capacity: number, priceCents = 4500): ProgramEvent => ({
  type: 'ActivityScheduled',
  data: {
    programId,
    activityId,
    name: `Atelier ${activityId}`,
    slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
    priceCents,
    acceptedLevels: ['CP', 'CE1'],
    capacity,
    scheduledAt: AT,
  },
});

export const family = (familyId: string, lastName = 'Martin'): FamilyEvent => ({
  type: 'FamilyRegistered',
  data: {
    familyId,
    accountId: `account-${familyId}`,
    email: `${familyId}@example.org`,
    guardians: [{ firstName: 'Camille', lastName, phone: '06 12 34 56 78' }],
    address: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris' },
    schoolYear: YEAR,
    registeredAt: AT,
  },
});

export const child = (familyId: string, childId: string, firstName: string, classLevel: 'CP' | 'CE1' = 'CP') =>
  ({
    type: 'ChildAdded',
    data: {
      familyId,
      childId,
      firstName,
      lastName: 'Martin',
      birthDate: '2019-05-04',
      classLevel,
      schoolYear: YEAR,
      addedAt: AT,
    },
  }) satisfies FamilyEvent;

export const validated = (familyId: string, tier: 1 | 2, schoolYear = YEAR): FamilyEvent => ({
  type: 'AccountValidated',
  data: {
    familyId,
    schoolYear,
    category: tier === 1 ? 'RETURNING_MEMBER' : 'NEW_FAMILY',
    tier,
    programIds: [],
    validatedBy: 'staff',
    validatedAt: AT,
  },
});

/** One order of one child, one reservation per activity: `${orderId}:${activityId}` */
export const order = (
  o: { orderId: string; familyId: string; childId: string; programId: string; billingName?: string },
  activities: { activityId: string; priceCents: number }[],
): OrderEvent => ({
  type: 'OrderPlaced',
  data: {
    ...o,
    phaseId: 'phase',
    billing: {
      name: o.billingName ?? 'Camille Martin',
      address: { line1: '1 rue de la Paix', line2: null, postalCode: '75002', city: 'Paris' },
    },
    reservations: activities.map(({ activityId, priceCents }) => ({
      reservationId: `${o.orderId}:${activityId}`,
      activityId,
      name: `Atelier ${activityId}`,
      slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
      priceCents,
    })),
    moduleCount: activities.length,
    totalCents: activities.reduce((sum, a) => sum + a.priceCents, 0),
    placedAt: AT,
  },
});

const about = (reservationId: string) => {
  const [orderId, activityId] = reservationId.split(':');
  return { reservationId, orderId, childId: 'c', familyId: 'f', activityId };
};

export const reserved = (reservationId: string): OrderEvent => ({
  type: 'ReservationReserved',
  data: { ...about(reservationId), runId: 'run', rank: 1, lotteryNumber: 'ab', tier: 1, decidedAt: AT },
});

export const rejected = (reservationId: string, reason: 'CAPACITY' | 'INELIGIBLE'): OrderEvent => ({
  type: 'ReservationRejected',
  data: {
    ...about(reservationId),
    runId: 'run',
    reason,
    detail: null,
    rank: null,
    lotteryNumber: null,
    tier: null,
    cutOff: null,
    decidedAt: AT,
  },
});

export const cancelled = (reservationId: string, code: 'WRONG_CLASS' | 'DUPLICATE' | 'FAMILY_REQUEST' | 'OTHER') =>
  ({
    type: 'ReservationCancelled',
    data: { ...about(reservationId), reason: { code, note: null }, cancelledBy: 'staff', cancelledAt: AT },
  }) satisfies OrderEvent;
