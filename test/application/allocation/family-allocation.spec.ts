import { createHash, createHmac } from 'node:crypto';
import { staffAuth } from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  AFTER_PHASES,
  allocationProgram,
  AllocationProgram,
  appliedTo,
  approve,
  book,
  Booker,
  booker,
  closeRound,
  DURING_OPEN,
  OPEN_SEED,
  proposal,
  ranked,
  reservationPath,
} from './allocation.fixtures';

describe("a family's view of the allocation", () => {
  let t: TestApp;
  let staff: string;
  let program: AllocationProgram;
  let bookers: Booker[];
  let reservationOf: Map<Booker, string>;
  const commitment = createHash('sha256').update(Buffer.from(OPEN_SEED, 'hex')).digest('hex');

  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffAuth(t);
  });
  afterAll(() => t.close());

  /** judo with one seat, asked for by two tier-1 families and a tier-2 one; the open phase closed */
  beforeEach(async () => {
    program = await allocationProgram(t, staff, { judo: 1 });
    bookers = [
      await booker(t, program.programId, 'RETURNING_MEMBER'),
      await booker(t, program.programId, 'RETURNING_MEMBER'),
      await booker(t, program.programId, 'NEW_FAMILY'),
    ];
    t.clock.set(DURING_OPEN);
    reservationOf = new Map();
    for (const b of bookers) reservationOf.set(b, (await book(t, program.programId, b, [program.judo]))[0]);
    t.clock.set(AFTER_PHASES);
    await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);
  });

  const allocationOf = (b: Booker, auth = b.auth) =>
    t
      .http()
      .get(`/me/reservations/${reservationPath(reservationOf.get(b)!)}/allocation`)
      .set('Authorization', auth);
  const seedOfRound = (auth: string) =>
    t.http().get(`/programs/${program.programId}/rounds/${program.phases.open}/seed`).set('Authorization', auth);

  it('shows the published commitment, and no seed, while no run is approved', async () => {
    await proposal(t, staff, program.programId, program.phases.open);
    const [b] = bookers;
    const response = await allocationOf(b).expect(200);
    expect(response.body).toMatchObject({
      reservationId: reservationOf.get(b),
      familyId: b.familyId,
      activityId: program.judo,
      activityName: 'Judo',
      roundId: program.phases.open,
      roundName: 'Ouverture à tous',
      status: 'PENDING',
      runId: null,
      decision: null,
      seedCommitment: commitment,
      seed: null,
      seedVerified: false,
    });
    expect(response.body.howToCheck).toContain(`'${b.familyId}:${program.judo}'`);
    expect(response.body.howToCheck).toContain('hexkey:$SEED');
    expect((await seedOfRound(b.auth).expect(200)).body).toEqual({
      programId: program.programId,
      roundId: program.phases.open,
      roundName: 'Ouverture à tous',
      closed: true,
      commitment,
      approvedRunId: null,
      seed: null,
      verified: false,
    });
  });

  it('shows, once approved, its lottery number, rank, tier and the cut-off, with the seed to check them', async () => {
    const runId = await proposal(t, staff, program.programId, program.phases.open);
    await approve(t, staff, runId).expect(201);
    await appliedTo(t, staff, [...reservationOf.values()]);
    const ranking = ranked(OPEN_SEED, program.judo, bookers);
    const cutOff = { tier: 1, lotteryNumber: ranking[0].lotteryNumber };

    for (const [i, b] of ranking.entries()) {
      const original = bookers.find((x) => x.familyId === b.familyId)!;
      const { body } = await allocationOf(original).expect(200);
      expect(body).toMatchObject({
        status: i === 0 ? 'RESERVED' : 'CANCELLED',
        runId,
        decision: {
          outcome: i === 0 ? 'RESERVED' : 'REJECTED',
          reason: i === 0 ? null : 'CAPACITY',
          tier: b.tier,
          lotteryNumber: b.lotteryNumber,
          rank: i + 1,
          cutOff,
        },
        seedCommitment: commitment,
        seed: OPEN_SEED,
        seedVerified: true,
      });
      // the recipe given to the family computes the number it was given
      expect(body.howToCheck).toContain(`hexkey:${OPEN_SEED}`);
      const recomputed = createHmac('sha256', Buffer.from(OPEN_SEED, 'hex'))
        .update(`${original.familyId}:${program.judo}`)
        .digest('hex');
      expect(body.decision.lotteryNumber).toBe(recomputed);
      // nothing of another family
      for (const other of bookers.filter((x) => x !== original)) {
        expect(JSON.stringify(body)).not.toContain(other.familyId);
        expect(JSON.stringify(body)).not.toContain(other.childId);
      }
    }
    const seed = await seedOfRound(bookers[0].auth).expect(200);
    expect(seed.body).toMatchObject({ approvedRunId: runId, seed: OPEN_SEED, commitment, verified: true });
  });

  it("answers 404 for another family's reservation, and refuses staff on the parents' route", async () => {
    const [mine, theirs] = bookers;
    const response = await allocationOf(theirs, mine.auth).expect(404);
    expect(response.body.error).toBe('RESERVATION_NOT_FOUND');
    await t.http().get('/me/reservations/order-1:activity-1/allocation').set('Authorization', mine.auth).expect(404);
    await allocationOf(mine, staff).expect(403);
    await t.http().get('/me/reservations/not-a-reservation/allocation').set('Authorization', mine.auth).expect(400);
  });

  it("shows a round's seed to anyone signed in, and says when the round is not closed or unknown", async () => {
    const outsider = await booker(t, (await allocationProgram(t, staff)).programId, 'RETURNING_MEMBER');
    await seedOfRound(outsider.auth).expect(200);
    await seedOfRound(staff).expect(200);
    await t.http().get(`/programs/${program.programId}/rounds/${program.phases.open}/seed`).expect(401);
    const priority = await t
      .http()
      .get(`/programs/${program.programId}/rounds/${program.phases.priority}/seed`)
      .set('Authorization', outsider.auth)
      .expect(200);
    expect(priority.body).toMatchObject({ closed: false, commitment: null, seed: null, verified: false });
    await t
      .http()
      .get(`/programs/${program.programId}/rounds/no-such-round/seed`)
      .set('Authorization', outsider.auth)
      .expect(404);
  });
});
