import type { Response } from 'supertest';
import { lotteryNumber } from '../../../src/allocation/lottery';
import type { FamilyCategory, Tier } from '../../../src/domain/shared/school';
import {
  createProgram,
  definePhase,
  OPEN_PHASE,
  PRIORITY_PHASE,
  scheduleActivity,
} from '../../support/program.seeding';
import { BEFORE_PHASES, ordered, SCHOOL_YEAR, validatedFamily } from '../../support/booking.seeding';
import type { TestApp } from '../../support/test-app';

/**
 * A primary-school program for allocation tests, through the staff routes: judo with two seats
 * (the hand-worked scenario), English with plenty, and the two phases of the procedure. Families
 * through the journey routes, orders through the basket and order routes.
 */

export { AFTER_PHASES, BETWEEN_PHASES, DURING_OPEN, DURING_PRIORITY } from '../../support/booking.seeding';

/** chosen, so that a test can compute every lottery number itself */
export const PRIORITY_SEED = '11'.repeat(32);
export const OPEN_SEED = '22'.repeat(32);

export interface AllocationProgram {
  programId: string;
  judo: string;
  english: string;
  phases: { priority: string; open: string };
}

export async function allocationProgram(
  t: TestApp,
  staff: string,
  capacities: { judo?: number; english?: number } = {},
): Promise<AllocationProgram> {
  t.clock.set(BEFORE_PHASES);
  const programId = await createProgram(t, staff, {
    name: 'Activités Primaires 2025-2026',
    cycle: 'PRIMAIRE',
    schoolYear: SCHOOL_YEAR,
  });
  const judo = await scheduleActivity(t, staff, programId, {
    name: 'Judo',
    slot: { weekday: 'WEDNESDAY', start: '14:00', end: '15:00' },
    acceptedLevels: ['CP', 'CE1', 'CE2'],
    capacity: capacities.judo ?? 2,
  });
  const english = await scheduleActivity(t, staff, programId, {
    name: 'Anglais',
    slot: { weekday: 'TUESDAY', start: '16:30', end: '17:30' },
    acceptedLevels: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'],
    capacity: capacities.english ?? 10,
  });
  const priority = await definePhase(t, staff, programId, PRIORITY_PHASE);
  const open = await definePhase(t, staff, programId, OPEN_PHASE);
  return { programId, judo, english, phases: { priority, open } };
}

export interface Booker {
  familyId: string;
  auth: string;
  childId: string;
  tier: Tier;
}

/** A validated family with one CP child. */
export async function booker(t: TestApp, programId: string, category: FamilyCategory): Promise<Booker> {
  const family = await validatedFamily(t, { programIds: [programId], category });
  return {
    familyId: family.familyId,
    auth: family.auth,
    childId: family.children['Léa'],
    tier: category === 'NEW_FAMILY' ? 2 : 1,
  };
}

/** The child's order of these activities; the clock must be inside a phase that admits the family. */
export async function book(t: TestApp, programId: string, who: Booker, activityIds: string[]): Promise<string[]> {
  const family = { familyId: who.familyId, auth: who.auth, children: { Léa: who.childId } };
  return (await ordered(t, family, who.childId, programId, activityIds)).reservationIds;
}

export async function closeRound(t: TestApp, staff: string, programId: string, phaseId: string, seed: string) {
  return expectStatus(
    await t.http().post(`/programs/${programId}/phases/${phaseId}/close`).set('Authorization', staff).send({ seed }),
    200,
  );
}

export const runRound = (t: TestApp, staff: string, programId: string, roundId: string) =>
  t.http().post(`/programs/${programId}/allocations`).set('Authorization', staff).send({ roundId });

export const approve = (t: TestApp, staff: string, runId: string) =>
  t.http().post(`/allocations/${runId}/approval`).set('Authorization', staff).send();

export const discard = (t: TestApp, staff: string, runId: string, reason = 'Les capacités étaient mal saisies.') =>
  t.http().post(`/allocations/${runId}/discard`).set('Authorization', staff).send({ reason });

export async function proposal(t: TestApp, staff: string, programId: string, roundId: string): Promise<string> {
  return expectStatus(await runRound(t, staff, programId, roundId), 201).body.runId as string;
}

/** The ranking of v1 for one activity, worked out from the seed: tier, then lottery number. */
export function ranked<T extends { familyId: string; tier: Tier }>(seed: string, activityId: string, who: T[]) {
  return who
    .map((w) => ({ ...w, lotteryNumber: lotteryNumber(seed, w.familyId, activityId) }))
    .sort((a, b) => a.tier - b.tier || (a.lotteryNumber < b.lotteryNumber ? -1 : 1));
}

export const reservationPath = (reservationId: string) => encodeURIComponent(reservationId);

/** Polls until `check` stops throwing: the saga applies approved decisions after the approval answered. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Until the trail of every reservation shows the approved run's decision applied. */
export async function appliedTo(t: TestApp, staff: string, reservationIds: string[]): Promise<void> {
  await eventually(async () => {
    for (const id of reservationIds) {
      const trail = await t
        .http()
        .get(`/reservations/${reservationPath(id)}/trail`)
        .set('Authorization', staff);
      if (trail.body.applied === null) throw new Error(`reservation ${id} not applied yet`);
    }
  });
}

export function expectStatus(response: Response, status: number): Response {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response;
}
