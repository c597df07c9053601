import { AllocationSagaFaults } from '../../../src/application/allocation-saga/allocation-saga.faults';
import { staffAuth } from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  AFTER_PHASES,
  allocationProgram,
  appliedTo,
  approve,
  BETWEEN_PHASES,
  book,
  Booker,
  booker,
  closeRound,
  DURING_OPEN,
  DURING_PRIORITY,
  OPEN_SEED,
  PRIORITY_SEED,
  proposal,
  ranked,
  runRound,
} from './allocation.fixtures';

describe('a second round', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffAuth(t);
  });
  afterAll(() => t.close());

  it('allocates the next phase on the seats the approved first round left', async () => {
    const program = await allocationProgram(t, staff, { judo: 3 });
    const first = [
      await booker(t, program.programId, 'RETURNING_MEMBER'),
      await booker(t, program.programId, 'RETURNING_MEMBER'),
    ];
    const second = [
      await booker(t, program.programId, 'RETURNING_MEMBER'),
      await booker(t, program.programId, 'NEW_FAMILY'),
      await booker(t, program.programId, 'NEW_FAMILY'),
    ];
    t.clock.set(DURING_PRIORITY);
    const firstReservations: string[] = [];
    for (const b of first) firstReservations.push(...(await book(t, program.programId, b, [program.judo])));

    // round 1: the priority phase, two requests for three seats
    t.clock.set(BETWEEN_PHASES);
    await closeRound(t, staff, program.programId, program.phases.priority, PRIORITY_SEED);
    const round1 = await proposal(t, staff, program.programId, program.phases.priority);
    await approve(t, staff, round1).expect(201);
    await appliedTo(t, staff, firstReservations);

    // round 2: the open phase, three requests for the one seat left
    t.clock.set(DURING_OPEN);
    for (const b of second) await book(t, program.programId, b, [program.judo]);
    t.clock.set(AFTER_PHASES);
    await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);
    const { body } = await runRound(t, staff, program.programId, program.phases.open).expect(201);
    const ranking = ranked(OPEN_SEED, program.judo, second);
    expect(body.activities.find((a: { activityId: string }) => a.activityId === program.judo)).toEqual({
      activityId: program.judo,
      name: 'Judo',
      capacity: 3,
      reservedBefore: 2,
      remaining: 1,
      requestsByTier: { 1: 1, 2: 2 },
      seated: 1,
      refusedForCapacity: 2,
      ineligible: 0,
      seatsLeft: 0,
      cutOff: { tier: 1, lotteryNumber: ranking[0].lotteryNumber },
    });
    const children = await t.http().get(`/allocations/${body.runId}/children`).set('Authorization', staff);
    const seated = children.body.children.filter((c: { seated: number }) => c.seated === 1);
    expect(seated.map((c: Booker) => c.childId)).toEqual([ranking[0].childId]);
    expect(body.requestCount).toBe(3);

    await approve(t, staff, body.runId).expect(201);
    const runs = await t.http().get(`/programs/${program.programId}/allocations`).set('Authorization', staff);
    expect(runs.body.runs.map((r: { roundId: string; status: string }) => [r.roundId, r.status])).toEqual([
      [program.phases.priority, 'APPROVED'],
      [program.phases.open, 'APPROVED'],
    ]);
  });

  it('is refused while the first round still has pending reservations', async () => {
    const program = await allocationProgram(t, staff);
    const lea = await booker(t, program.programId, 'RETURNING_MEMBER');
    t.clock.set(DURING_PRIORITY);
    await book(t, program.programId, lea, [program.judo]);
    t.clock.set(DURING_OPEN);
    await book(t, program.programId, await booker(t, program.programId, 'NEW_FAMILY'), [program.judo]);
    t.clock.set(AFTER_PHASES);
    await closeRound(t, staff, program.programId, program.phases.priority, PRIORITY_SEED);
    await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);

    const refused = await runRound(t, staff, program.programId, program.phases.open).expect(409);
    expect(refused.body).toMatchObject({
      error: 'EARLIER_ROUND_NOT_ALLOCATED',
      message: expect.stringContaining('Période prioritaire'),
    });
  });

  it("is refused while the first round's approved decisions are still being applied", async () => {
    const app = await startTestApp();
    try {
      const staffOfApp = await staffAuth(app);
      const program = await allocationProgram(app, staffOfApp);
      app.clock.set(DURING_PRIORITY);
      await book(app, program.programId, await booker(app, program.programId, 'RETURNING_MEMBER'), [program.judo]);
      app.clock.set(DURING_OPEN);
      await book(app, program.programId, await booker(app, program.programId, 'NEW_FAMILY'), [program.judo]);
      app.clock.set(AFTER_PHASES);
      await closeRound(app, staffOfApp, program.programId, program.phases.priority, PRIORITY_SEED);
      await closeRound(app, staffOfApp, program.programId, program.phases.open, OPEN_SEED);
      // the saga stops before its first decision, as if the process had died
      app.app.get(AllocationSagaFaults).afterDecisions = 0;
      const round1 = await proposal(app, staffOfApp, program.programId, program.phases.priority);
      await approve(app, staffOfApp, round1).expect(201);

      const refused = await runRound(app, staffOfApp, program.programId, program.phases.open).expect(409);
      expect(refused.body).toMatchObject({
        error: 'EARLIER_ROUND_BEING_APPLIED',
        message: expect.stringContaining(round1),
      });
    } finally {
      await app.close();
    }
  });
});
