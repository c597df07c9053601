import { randomUUID } from 'node:crypto';
import type { AllocationActivity, AllocationRequest } from '../../../src/allocation/allocation.types';
import { allocationRunDecider } from '../../../src/allocation/allocation-run.decider';
import { AllocationRunEvent, allocationStream } from '../../../src/allocation/allocation-run.events';
import { recordedDecisions } from '../../../src/allocation/allocation-run.state';
import type { Decision } from '../../../src/allocation/allocation.types';
import { seedCommitment } from '../../../src/allocation/lottery';
import { systemContext } from '../../../src/application/shared/command-context';
import { Commands } from '../../../src/application/shared/commands.service';
import { bookingDecider, bookingStream } from '../../../src/domain/order/booking.decider';
import { reservationIdOf } from '../../../src/domain/order/reservation';
import { programDecider, programStream } from '../../../src/domain/program/program.decider';
import { fold } from '../../../src/domain/shared/decider';
import { ClassLevel, FamilyCategory, PRIMAIRE_LEVELS, tierOf } from '../../../src/domain/shared/school';
import type { Weekday } from '../../../src/domain/shared/slot';
import { EventStore } from '../../../src/event-store/event-store.port';
import { seedFamily } from '../../support/program.seeding';
import type { TestApp } from '../../support/test-app';

/**
 * A round allocated and approved with real events, written through the real deciders: a program
 * of five activities (one a weekday, so that a child's activities never clash), validated families
 * whose children order two activities each, a closed booking phase with its seed commitment, a
 * run of allocateV1 over those pending reservations, then the approval.
 */

export const SEED = 'c3'.repeat(32);
const CLOSES_AT = '2025-05-26T20:00:00+02:00';
/** the clock while families order, then while staff run and approve the allocation */
export const DURING_PHASE = '2025-05-15T10:00:00.000Z';
export const AFTER_PHASE = '2025-06-30T18:00:00.000Z';
const WEEKDAYS: Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const PARALLEL = 16;

export interface Round {
  programId: string;
  phaseId: string;
  activities: AllocationActivity[];
  requests: AllocationRequest[];
}

export interface ApprovedRun {
  runId: string;
  decisions: Decision[];
  chunkCount: number;
}

const context = (t: TestApp) => systemContext('test', t.clock.now());

/** `families` families of two children each, every child ordering two activities: 4 requests a family. */
export async function seedRound(t: TestApp, options: { families: number; capacity: number }): Promise<Round> {
  const commands = t.app.get(Commands);
  const programId = randomUUID();
  const phaseId = randomUUID();
  t.clock.set('2025-03-01T08:00:00.000Z');
  const now = () => t.clock.now().toISOString();
  const program = (command: Parameters<typeof programDecider.decide>[0]) =>
    commands.run(programStream(programId), programDecider, command, context(t));
  await program({
    type: 'CreateProgram',
    data: {
      programId,
      name: 'Activités Primaires 2025-2026',
      cycle: 'PRIMAIRE',
      schoolYear: '2025-2026',
      typicalWeek: { from: '2025-09-08', to: '2025-09-12' },
      createdBy: 'staff-anne',
      createdAt: now(),
    },
  });
  const activities = WEEKDAYS.map((weekday, i) => ({
    activityId: randomUUID(),
    programId,
    name: `Atelier ${i + 1}`,
    slot: { weekday, start: '16:30', end: '17:30' },
    priceCents: 4_500,
    acceptedLevels: [...PRIMAIRE_LEVELS] as ClassLevel[],
    capacity: options.capacity,
  }));
  for (const { activityId, name, slot, priceCents, acceptedLevels, capacity } of activities) {
    await program({
      type: 'ScheduleActivity',
      data: { activityId, name, slot, priceCents, acceptedLevels, capacity, now: now() },
    });
  }
  await program({
    type: 'DefineBookingPhase',
    data: {
      phaseId,
      name: 'Ouverture à tous',
      opensAt: '2025-05-12T09:00:00+02:00',
      closesAt: CLOSES_AT,
      admittedTiers: [1, 2],
      now: now(),
    },
  });

  t.clock.set(DURING_PHASE);
  const requests: AllocationRequest[] = [];
  await inBatches(options.families, async (f) => {
    const familyId = randomUUID();
    const category: FamilyCategory = f % 3 === 0 ? 'NEW_FAMILY' : 'RETURNING_MEMBER';
    // one family in ten is not validated: its requests are refused as ineligible
    const validated = f % 10 !== 9;
    await seedFamily(t, { familyId, programIds: validated ? [programId] : null, category });
    for (const c of [0, 1]) {
      const childId = randomUUID();
      const orderId = randomUUID();
      const classLevel = PRIMAIRE_LEVELS[(f + c) % PRIMAIRE_LEVELS.length];
      const chosen = [activities[(f + c) % 5], activities[(f + c + 2) % 5]];
      for (const activity of chosen) {
        await commands.run(
          bookingStream(childId),
          bookingDecider,
          {
            type: 'AddActivity',
            data: { childId, familyId, activity, child: { classLevel, firstName: `Enfant ${c}` }, now: now() },
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
            programId,
            billing: {
              name: 'Camille Martin',
              address: { line1: '12 rue Victor Hugo', postalCode: '75016', city: 'Paris' },
            },
            phase: { phaseId, admitsFamily: true },
            now: now(),
          },
        },
        context(t),
      );
      for (const { activityId } of chosen) {
        requests.push({
          reservationId: reservationIdOf(orderId, activityId),
          childId,
          familyId,
          activityId,
          tier: tierOf(category),
          classLevel,
          accountValidated: validated,
        });
      }
    }
  });

  t.clock.set(AFTER_PHASE);
  await program({ type: 'CloseBookingPhase', data: { phaseId, seedCommitment: seedCommitment(SEED), now: now() } });
  const allocationActivities = activities.map(({ activityId, capacity, acceptedLevels }) => ({
    activityId,
    capacity,
    reservedSeats: 0,
    acceptedLevels,
  }));
  return { programId, phaseId, activities: allocationActivities, requests };
}

/** RunAllocation (allocateV1 through the run's decider), its decisions recorded `chunkSize` a chunk. */
export async function runAllocation(t: TestApp, round: Round, chunkSize: number): Promise<ApprovedRun> {
  const runId = randomUUID();
  const result = await t.app.get(Commands).run(
    allocationStream(runId),
    allocationRunDecider,
    {
      type: 'RunAllocation',
      data: {
        runId,
        programId: round.programId,
        roundId: round.phaseId,
        input: { mechanismVersion: 'v1', seed: SEED, activities: round.activities, requests: round.requests },
        seedCommitment: seedCommitment(SEED),
        ranBy: 'staff-anne',
        ranAt: t.clock.now().toISOString(),
        chunkSize,
      },
    },
    context(t),
  );
  if (result.state.status !== 'Proposed') throw new Error(`the run is ${result.state.status}`);
  const decisions = recordedDecisions(result.state.run);
  return { runId, decisions, chunkCount: result.state.run.decisionChunks.length };
}

export async function approve(t: TestApp, runId: string): Promise<void> {
  await t.app.get(Commands).run(
    allocationStream(runId),
    allocationRunDecider,
    {
      type: 'ApproveAllocation',
      data: { runId, approvedBy: 'staff-bruno', approvedAt: t.clock.now().toISOString(), roundAlreadyApproved: false },
    },
    context(t),
  );
}

/** Staff cancel a pending reservation (CancelReservation): the saga must then skip its decision. */
export async function cancelByStaff(t: TestApp, decision: Decision): Promise<void> {
  await t.app.get(Commands).run(
    bookingStream(decision.childId),
    bookingDecider,
    {
      type: 'CancelReservation',
      data: {
        childId: decision.childId,
        reservationId: decision.reservationId,
        reason: { code: 'DUPLICATE', note: 'ordered twice' },
        cancelledBy: 'staff-anne',
        now: t.clock.now().toISOString(),
      },
    },
    context(t),
  );
}

/** The run's stream as stored, folded. */
export async function runState(store: EventStore, runId: string) {
  const recorded = await store.readStream(allocationStream(runId));
  return { recorded, state: fold(allocationRunDecider, recorded as unknown as AllocationRunEvent[]) };
}

async function inBatches(count: number, seed: (i: number) => Promise<void>): Promise<void> {
  for (let from = 0; from < count; from += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, count - from) }, (_, k) => seed(from + k));
    await Promise.all(batch);
  }
}
