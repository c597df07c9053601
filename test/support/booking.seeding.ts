import type { Response } from 'supertest';
import { randomUUID } from 'node:crypto';
import { systemContext } from '../../src/application/shared/command-context';
import { Commands } from '../../src/application/shared/commands.service';
import { bookingDecider, bookingStream } from '../../src/domain/order/booking.decider';
import type { AllocationDecision } from '../../src/domain/order/decide-reservation.command';
import type { ClassLevel, FamilyCategory } from '../../src/domain/shared/school';
import { addChild, registerFamily, staffAuth, validateFamily } from './journey';
import {
  createProgram,
  definePhase,
  DURING_PRIORITY,
  OPEN_PHASE,
  PRIORITY_PHASE,
  scheduleActivity,
  SCHOOL_YEAR,
} from './program.seeding';
import type { TestApp } from './test-app';

/**
 * Bookings over HTTP: a program of the primary school with its two phases, families registered,
 * with children and validated through the families routes (journey.ts), and the parent's basket
 * and order routes. The allocation's decisions are written straight through the booking decider,
 * as its saga would.
 */

/** the program's school year and the instants of its phases (PRIORITY_PHASE and OPEN_PHASE) */
export { DURING_PRIORITY, SCHOOL_YEAR };
export const BEFORE_PHASES = '2025-03-01T08:00:00.000Z';
export const BETWEEN_PHASES = '2025-05-28T10:00:00.000Z';
export const DURING_OPEN = '2025-06-05T10:00:00.000Z';
export const AFTER_PHASES = '2025-06-20T10:00:00.000Z';

/** The planning of « Activités Primaires »: two Wednesday activities clash, chess is for the older ones. */
export const PRIMAIRES = {
  judo: {
    name: 'Judo',
    slot: { weekday: 'WEDNESDAY', start: '14:00', end: '15:00' },
    priceCents: 18_000,
    acceptedLevels: ['CP', 'CE1', 'CE2'],
    capacity: 12,
  },
  theatre: {
    name: 'Théâtre',
    slot: { weekday: 'WEDNESDAY', start: '14:30', end: '15:30' },
    priceCents: 9_000,
    acceptedLevels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'],
    capacity: 10,
  },
  english: {
    name: 'Anglais',
    slot: { weekday: 'TUESDAY', start: '16:30', end: '17:30' },
    priceCents: 4_500,
    acceptedLevels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'],
    capacity: 15,
  },
  chess: {
    name: 'Échecs',
    slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
    priceCents: 4_500,
    acceptedLevels: ['CE2', 'CM1', 'CM2'],
    capacity: 8,
  },
} as const;

export type ActivityName = keyof typeof PRIMAIRES;

export interface Program {
  programId: string;
  activities: Record<ActivityName, string>;
  phases: { priority: string; open: string };
}

/** Created and planned by staff while the clock is before the phases; the clock is left there. */
export async function primairesProgram(t: TestApp): Promise<Program> {
  t.clock.set(BEFORE_PHASES);
  const staff = await staffAuth(t);
  const programId = await createProgram(t, staff, {
    name: 'Activités Primaires 2025-2026',
    cycle: 'PRIMAIRE',
    schoolYear: SCHOOL_YEAR,
  });
  const activities = {} as Record<ActivityName, string>;
  for (const [key, activity] of Object.entries(PRIMAIRES)) {
    activities[key as ActivityName] = await scheduleActivity(t, staff, programId, activity);
  }
  const priority = await definePhase(t, staff, programId, PRIORITY_PHASE);
  const open = await definePhase(t, staff, programId, OPEN_PHASE);
  return { programId, activities, phases: { priority, open } };
}

export interface Family {
  familyId: string;
  auth: string;
  /** child ids by first name */
  children: Record<string, string>;
}

/** Registered for 2025-2026 with its children, then validated by staff (unless `programIds` is null). */
export async function validatedFamily(
  t: TestApp,
  options: {
    programIds: string[] | null;
    category?: FamilyCategory;
    children?: { firstName: string; classLevel: ClassLevel; birthDate?: string }[];
  },
): Promise<Family> {
  const { familyId, auth } = await registerFamily(t);
  const children: Record<string, string> = {};
  for (const [i, child] of (options.children ?? [{ firstName: 'Léa', classLevel: 'CP' }]).entries()) {
    children[child.firstName] = await addChild(t, auth, { birthDate: `201${i}-05-04`, ...child });
  }
  if (options.programIds !== null) {
    await validateFamily(t, await staffAuth(t), familyId, {
      schoolYear: SCHOOL_YEAR,
      category: options.category ?? 'RETURNING_MEMBER',
      programIds: options.programIds,
    });
  }
  return { familyId, auth, children };
}

export const BILLING = {
  name: 'Camille Martin',
  address: { line1: '12 rue Victor Hugo', postalCode: '92300', city: 'Levallois-Perret' },
};

export function addLine(t: TestApp, auth: string, childId: string, programId: string, activityId: string) {
  return t
    .http()
    .post(`/me/children/${childId}/basket/lines`)
    .set('Authorization', auth)
    .send({ programId, activityId });
}

export function placeOrder(
  t: TestApp,
  auth: string,
  childId: string,
  idempotencyKey: string | null,
  body: object = { billing: BILLING },
) {
  const request = t.http().post(`/me/children/${childId}/orders`).set('Authorization', auth);
  return (idempotencyKey === null ? request : request.set('Idempotency-Key', idempotencyKey)).send(body);
}

/** A fresh Idempotency-Key, as a client makes one per order. */
export const aKey = () => randomUUID();

/** Fills the child's basket and orders it; the clock must be inside a phase that admits the family. */
export async function ordered(
  t: TestApp,
  family: Family,
  childId: string,
  programId: string,
  activityIds: string[],
): Promise<{ orderId: string; reservationIds: string[] }> {
  for (const activityId of activityIds)
    expectStatus(await addLine(t, family.auth, childId, programId, activityId), 201);
  const response = expectStatus(await placeOrder(t, family.auth, childId, aKey()), 201);
  const orderId = response.body.orderId as string;
  return { orderId, reservationIds: activityIds.map((activityId) => `${orderId}:${activityId}`) };
}

/** The allocation's decision on one reservation, as its saga applies it once staff approved a run. */
export async function decide(t: TestApp, childId: string, reservationId: string, decision: AllocationDecision) {
  await t.app.get(Commands).run(
    bookingStream(childId),
    bookingDecider,
    {
      type: 'DecideReservation',
      data: { childId, reservationId, runId: randomUUID(), decision, now: t.clock.now().toISOString() },
    },
    systemContext('allocation-test', t.clock.now()),
  );
}

function expectStatus(response: Response, status: number): Response {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response;
}
