import { randomUUID } from 'node:crypto';
import { systemContext } from '../../src/application/shared/command-context';
import { Commands } from '../../src/application/shared/commands.service';
import { familyDecider, familyStream } from '../../src/domain/family/family.decider';
import { bookingDecider, bookingStream } from '../../src/domain/order/booking.decider';
import { reservationIdOf } from '../../src/domain/order/reservation';
import type { ClassLevel, FamilyCategory } from '../../src/domain/shared/school';
import type { Slot } from '../../src/domain/shared/slot';
import type { TestApp } from './test-app';

/**
 * Programs through the staff routes, families and bookings straight through their deciders
 * (their routes belong to other modules). Dates fit the test app's default clock, 2025-03-01.
 */
export const SCHOOL_YEAR = '2025-2026';
export const PRIORITY_PHASE = {
  name: 'Période prioritaire',
  opensAt: '2025-05-12T09:00:00+02:00',
  closesAt: '2025-05-26T20:00:00+02:00',
  admittedTiers: [1],
};
export const OPEN_PHASE = {
  name: 'Ouverture à tous',
  opensAt: '2025-06-02T09:00:00+02:00',
  closesAt: '2025-06-16T20:00:00+02:00',
  admittedTiers: [1, 2],
};
/** instants inside and after the priority phase */
export const DURING_PRIORITY = '2025-05-15T10:00:00.000Z';
export const AFTER_PRIORITY = '2025-05-27T10:00:00.000Z';

export const aProgram = (overrides: Record<string, unknown> = {}) => ({
  name: 'Activités Maternelles 2025-2026',
  cycle: 'MATERNELLE',
  schoolYear: SCHOOL_YEAR,
  typicalWeek: { from: '2025-09-08', to: '2025-09-12' },
  ...overrides,
});

export const anActivity = (overrides: Record<string, unknown> = {}) => ({
  name: 'Éveil musical',
  slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
  priceCents: 4500,
  acceptedLevels: ['PS', 'MS'],
  capacity: 12,
  ...overrides,
});

export async function createProgram(t: TestApp, staff: string, overrides: Record<string, unknown> = {}) {
  const response = await t.http().post('/programs').set('Authorization', staff).send(aProgram(overrides)).expect(201);
  return response.body.programId as string;
}

export async function scheduleActivity(
  t: TestApp,
  staff: string,
  programId: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await t
    .http()
    .post(`/programs/${programId}/activities`)
    .set('Authorization', staff)
    .send(anActivity(overrides))
    .expect(201);
  return response.body.activityId as string;
}

export async function definePhase(t: TestApp, staff: string, programId: string, phase: object = PRIORITY_PHASE) {
  const response = await t
    .http()
    .post(`/programs/${programId}/phases`)
    .set('Authorization', staff)
    .send(phase)
    .expect(201);
  return response.body.phaseId as string;
}

const context = (t: TestApp) => systemContext('test', t.clock.now());

/** A family registered for the school year and, unless `programIds` is null, validated for those programs. */
export async function seedFamily(
  t: TestApp,
  options: { programIds: string[] | null; category?: FamilyCategory; schoolYear?: string; familyId?: string },
): Promise<string> {
  const familyId = options.familyId ?? randomUUID();
  const schoolYear = options.schoolYear ?? SCHOOL_YEAR;
  const commands = t.app.get(Commands);
  const now = t.clock.now().toISOString();
  await commands.run(
    familyStream(familyId),
    familyDecider,
    {
      type: 'RegisterFamily',
      data: {
        familyId,
        accountId: randomUUID(),
        email: `parent-${familyId}@example.org`,
        guardians: [{ firstName: 'Camille', lastName: 'Martin', phone: '06 12 34 56 78' }],
        address: { line1: '12 rue Victor Hugo', postalCode: '75016', city: 'Paris' },
        schoolYear,
        registeredAt: now,
      },
    },
    context(t),
  );
  if (options.programIds !== null) {
    await commands.run(
      familyStream(familyId),
      familyDecider,
      {
        type: 'ValidateAccount',
        data: {
          schoolYear,
          category: options.category ?? 'RETURNING_MEMBER',
          programIds: options.programIds,
          validatedBy: 'staff-anne',
          validatedAt: now,
        },
      },
      context(t),
    );
  }
  return familyId;
}

export interface BookedActivity {
  activityId: string;
  programId: string;
  name: string;
  slot: Slot;
  priceCents: number;
  acceptedLevels: ClassLevel[];
}

/** A child's basket with these activities, ordered in the given phase: each reservation PENDING. */
export async function placeOrder(
  t: TestApp,
  booking: { familyId: string; phaseId: string; activities: BookedActivity[]; classLevel?: ClassLevel },
): Promise<{ childId: string; orderId: string; reservationIds: string[] }> {
  const childId = randomUUID();
  const orderId = randomUUID();
  const commands = t.app.get(Commands);
  const now = t.clock.now().toISOString();
  const { familyId, activities } = booking;
  for (const activity of activities) {
    await commands.run(
      bookingStream(childId),
      bookingDecider,
      {
        type: 'AddActivity',
        data: {
          childId,
          familyId,
          activity,
          child: { classLevel: booking.classLevel ?? 'PS', firstName: 'Léa' },
          now,
        },
      },
      context(t),
    );
  }
  await commands.run(
    bookingStream(childId),
    bookingDecider,
    {
      type: 'PlaceOrder',
      data: {
        orderId,
        childId,
        familyId,
        programId: activities[0].programId,
        billing: {
          name: 'Camille Martin',
          address: { line1: '12 rue Victor Hugo', postalCode: '75016', city: 'Paris' },
        },
        phase: { phaseId: booking.phaseId, admitsFamily: true },
        now,
      },
    },
    context(t),
  );
  return { childId, orderId, reservationIds: activities.map((a) => reservationIdOf(orderId, a.activityId)) };
}

/** The allocation's decision on one reservation, as its saga would apply it once a run is approved. */
export async function decideReservation(
  t: TestApp,
  childId: string,
  reservationId: string,
  outcome: 'RESERVED' | 'REJECTED',
): Promise<void> {
  await t.app.get(Commands).run(
    bookingStream(childId),
    bookingDecider,
    {
      type: 'DecideReservation',
      data: {
        childId,
        reservationId,
        runId: randomUUID(),
        decision:
          outcome === 'RESERVED'
            ? { outcome: 'RESERVED', rank: 1, lotteryNumber: 'ab'.repeat(32), tier: 1 }
            : { outcome: 'REJECTED', reason: 'CAPACITY' },
        now: t.clock.now().toISOString(),
      },
    },
    context(t),
  );
}
