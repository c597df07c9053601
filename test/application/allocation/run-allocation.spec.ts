import { seedCommitment } from '../../../src/allocation/lottery';
import { CLASS_LEVELS } from '../../../src/domain/shared/school';
import { staffAuth } from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  AFTER_PHASES,
  allocationProgram,
  AllocationProgram,
  book,
  Booker,
  booker,
  closeRound,
  DURING_OPEN,
  OPEN_SEED,
  ranked,
  runRound,
} from './allocation.fixtures';

const none = { children: 0, childrenWithNoneSeated: 0, requests: 0, seated: 0, shareSeated: 0 };

describe('RunAllocation', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffAuth(t);
  });
  afterAll(() => t.close());

  describe('given judo with 2 seats, asked for by 3 tier-1 and 2 tier-2 children in the round', () => {
    let program: AllocationProgram;
    let bookers: Booker[];
    beforeEach(async () => {
      program = await allocationProgram(t, staff, { judo: 2 });
      bookers = [];
      for (const category of ['RETURNING_MEMBER', 'RETURNING_MEMBER', 'RETURNING_MEMBER', 'NEW_FAMILY', 'NEW_FAMILY']) {
        bookers.push(await booker(t, program.programId, category as 'RETURNING_MEMBER'));
      }
      t.clock.set(DURING_OPEN);
      for (const b of bookers) await book(t, program.programId, b, [program.judo]);
      t.clock.set(AFTER_PHASES);
      await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);
    });

    it('proposes two tier-1 children seated and the rest refused for capacity, with the cut-off', async () => {
      const response = await runRound(t, staff, program.programId, program.phases.open).expect(201);
      const ranking = ranked(OPEN_SEED, program.judo, bookers);
      const cutOff = { tier: 1, lotteryNumber: ranking[1].lotteryNumber };
      expect(response.headers.location).toBe(`/allocations/${response.body.runId}`);
      expect(response.body).toMatchObject({
        programId: program.programId,
        roundId: program.phases.open,
        roundName: 'Ouverture à tous',
        status: 'PROPOSED',
        mechanismVersion: 'v1',
        ranBy: expect.stringMatching(/^staff:/),
        ranAt: AFTER_PHASES,
        requestCount: 5,
        decisionCount: 5,
        approved: null,
        discarded: null,
        seedCommitment: seedCommitment(OPEN_SEED),
        seed: OPEN_SEED,
      });
      const judo = response.body.activities.find((a: { activityId: string }) => a.activityId === program.judo);
      expect(judo).toEqual({
        activityId: program.judo,
        name: 'Judo',
        capacity: 2,
        reservedBefore: 0,
        remaining: 2,
        requestsByTier: { 1: 3, 2: 2 },
        seated: 2,
        refusedForCapacity: 3,
        ineligible: 0,
        seatsLeft: 0,
        cutOff,
      });
      const english = response.body.activities.find((a: { activityId: string }) => a.activityId === program.english);
      expect(english).toMatchObject({ name: 'Anglais', remaining: 10, seated: 0, seatsLeft: 10, cutOff: null });
      expect(response.body.fairness).toEqual({
        children: 5,
        childrenWithNoneSeated: 3,
        requests: 5,
        seated: 2,
        shareSeated: 0.4,
        byTier: {
          1: { children: 3, childrenWithNoneSeated: 1, requests: 3, seated: 2, shareSeated: 2 / 3 },
          2: { children: 2, childrenWithNoneSeated: 2, requests: 2, seated: 0, shareSeated: 0 },
        },
        byClassLevel: {
          ...Object.fromEntries(CLASS_LEVELS.map((level) => [level, none])),
          CP: { children: 5, childrenWithNoneSeated: 3, requests: 5, seated: 2, shareSeated: 0.4 },
        },
      });

      // the review reads the same report back
      const again = await t.http().get(`/allocations/${response.body.runId}`).set('Authorization', staff).expect(200);
      expect(again.body).toEqual(response.body);

      // per child: seated or refused, and why, in rank order of the hand-worked ranking
      const children = await t
        .http()
        .get(`/allocations/${response.body.runId}/children`)
        .set('Authorization', staff)
        .expect(200);
      const byChild = new Map(
        children.body.children.map((c: { childId: string; requests: object[] }) => [c.childId, c]),
      );
      ranking.forEach((b, i) => {
        const seated = i < 2;
        expect(byChild.get(b.childId)).toEqual({
          childId: b.childId,
          firstName: 'Léa',
          lastName: 'Martin',
          familyId: b.familyId,
          classLevel: 'CP',
          tier: b.tier,
          seated: seated ? 1 : 0,
          refused: seated ? 0 : 1,
          requests: [
            {
              reservationId: expect.stringMatching(new RegExp(`:${program.judo}$`)),
              activityId: program.judo,
              activityName: 'Judo',
              outcome: seated ? 'RESERVED' : 'REJECTED',
              reason: seated ? null : 'CAPACITY',
              detail: null,
              tier: b.tier,
              classLevel: 'CP',
              lotteryNumber: b.lotteryNumber,
              rank: i + 1,
              cutOff,
              explanation: seated
                ? `Seated at rank ${i + 1} (tier ${b.tier}, lottery number ${b.lotteryNumber}).`
                : `Refused for capacity at rank ${i + 1} (tier ${b.tier}, lottery number ${b.lotteryNumber}): ` +
                  `the last request seated was tier 1, lottery number ${cutOff.lotteryNumber}.`,
            },
          ],
        });
      });
    });

    it('pages the children by child id', async () => {
      const { runId } = (await runRound(t, staff, program.programId, program.phases.open).expect(201)).body;
      const page = (query: string) =>
        t.http().get(`/allocations/${runId}/children${query}`).set('Authorization', staff).expect(200);
      const first = await page('?limit=3');
      expect(first.body.children).toHaveLength(3);
      const second = await page(`?limit=3&after=${first.body.next}`);
      expect(second.body).toMatchObject({ next: null });
      const ids = [...first.body.children, ...second.body.children].map((c: { childId: string }) => c.childId);
      expect(ids).toEqual(bookers.map((b) => b.childId).sort());
      await t.http().get(`/allocations/${runId}/children?limit=0`).set('Authorization', staff).expect(400);
    });

    it('lists every run of the program, the trail', async () => {
      const first = (await runRound(t, staff, program.programId, program.phases.open).expect(201)).body.runId;
      const second = (await runRound(t, staff, program.programId, program.phases.open).expect(201)).body.runId;
      const runs = await t.http().get(`/programs/${program.programId}/allocations`).set('Authorization', staff);
      expect(runs.status).toBe(200);
      expect(runs.body.runs.map((r: { runId: string; status: string }) => [r.runId, r.status])).toEqual([
        [first, 'PROPOSED'],
        [second, 'PROPOSED'],
      ]);
    });

    it('refuses parents', async () => {
      const parent = bookers[0].auth;
      const { runId } = (await runRound(t, staff, program.programId, program.phases.open).expect(201)).body;
      await runRound(t, parent, program.programId, program.phases.open).expect(403);
      await t.http().get(`/allocations/${runId}`).set('Authorization', parent).expect(403);
      await t.http().get(`/allocations/${runId}/children`).set('Authorization', parent).expect(403);
      await t.http().get(`/programs/${program.programId}/allocations`).set('Authorization', parent).expect(403);
      await t.http().post(`/allocations/${runId}/approval`).set('Authorization', parent).expect(403);
      await t
        .http()
        .post(`/allocations/${runId}/discard`)
        .set('Authorization', parent)
        .send({ reason: 'x' })
        .expect(403);
      await t.http().post(`/allocations/${runId}/verification`).set('Authorization', parent).expect(403);
    });
  });

  describe('given a child whose class is no longer accepted by the activity it asked for', () => {
    it('refuses that request as ineligible and says why', async () => {
      const program = await allocationProgram(t, staff, { judo: 5 });
      const hugo = await booker(t, program.programId, 'RETURNING_MEMBER');
      t.clock.set(DURING_OPEN);
      const [judo, english] = await book(t, program.programId, hugo, [program.judo, program.english]);
      await t
        .http()
        .patch(`/me/children/${hugo.childId}`)
        .set('Authorization', hugo.auth)
        .send({ classLevel: 'CM1' })
        .expect(200);
      t.clock.set(AFTER_PHASES);
      await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);

      const { body } = await runRound(t, staff, program.programId, program.phases.open).expect(201);
      expect(body.activities.find((a: { activityId: string }) => a.activityId === program.judo)).toMatchObject({
        requestsByTier: { 1: 0, 2: 0 },
        seated: 0,
        ineligible: 1,
        seatsLeft: 5,
      });
      const children = await t.http().get(`/allocations/${body.runId}/children`).set('Authorization', staff);
      const requests = children.body.children[0].requests as { reservationId: string }[];
      expect(requests.find((r) => r.reservationId === judo)).toMatchObject({
        outcome: 'REJECTED',
        reason: 'INELIGIBLE',
        detail: 'CLASS_LEVEL_NOT_ACCEPTED',
        classLevel: 'CM1',
        rank: null,
        explanation: "Refused: the child's class level is not accepted in this activity.",
      });
      expect(requests.find((r) => r.reservationId === english)).toMatchObject({ outcome: 'RESERVED', rank: 1 });
    });
  });

  describe('refusals', () => {
    let program: AllocationProgram;
    beforeEach(async () => {
      program = await allocationProgram(t, staff);
    });

    it('says when the round is unknown', async () => {
      const response = await runRound(t, staff, program.programId, 'no-such-phase').expect(404);
      expect(response.body.error).toBe('ROUND_NOT_FOUND');
      await runRound(t, staff, 'no-such-program', program.phases.open).expect(404);
    });

    it('says when the phase is not closed yet', async () => {
      const response = await runRound(t, staff, program.programId, program.phases.open).expect(409);
      expect(response.body).toMatchObject({ error: 'ROUND_NOT_CLOSED', message: expect.stringContaining('close it') });
    });

    it('says when nothing is pending in the round', async () => {
      t.clock.set(AFTER_PHASES);
      await closeRound(t, staff, program.programId, program.phases.priority, OPEN_SEED);
      const response = await runRound(t, staff, program.programId, program.phases.priority).expect(409);
      expect(response.body.error).toBe('NOTHING_PENDING');
    });

    it('refuses a body with unknown fields, or without a round', async () => {
      const post = (body: object) =>
        t.http().post(`/programs/${program.programId}/allocations`).set('Authorization', staff).send(body);
      expect((await post({ roundId: program.phases.open, seed: 'ab'.repeat(32) }).expect(400)).body.error).toBe(
        'INVALID_INPUT',
      );
      await post({}).expect(400);
      await post({ roundId: '../etc' }).expect(400);
    });

    it('answers 404 for an unknown run', async () => {
      await t.http().get('/allocations/no-such-run').set('Authorization', staff).expect(404);
      await t.http().post('/allocations/no-such-run/approval').set('Authorization', staff).expect(404);
      await t.http().post('/allocations/no-such-run/verification').set('Authorization', staff).expect(404);
      await t
        .http()
        .post('/allocations/no-such-run/discard')
        .set('Authorization', staff)
        .send({ reason: 'typo' })
        .expect(404);
    });
  });
});
