import { staffAuth } from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  AFTER_PHASES,
  allocationProgram,
  book,
  Booker,
  booker,
  closeRound,
  DURING_OPEN,
  OPEN_SEED,
  proposal,
  reservationPath,
} from './allocation.fixtures';

interface Decided {
  reservationId: string;
  activityId: string;
  outcome: 'RESERVED' | 'REJECTED';
  lotteryNumber: string;
  rank: number | null;
}

describe('re-running a round after staff cancelled a reservation', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffAuth(t);
  });
  afterAll(() => t.close());

  async function decisionsOf(runId: string): Promise<Map<string, Decided>> {
    const response = await t.http().get(`/allocations/${runId}/children?limit=500`).set('Authorization', staff);
    const requests = response.body.children.flatMap((c: { requests: Decided[] }) => c.requests) as Decided[];
    return new Map(requests.map((d) => [d.reservationId, d]));
  }

  it("changes no other request's decision but the best-ranked refused one of that activity, which takes the seat", async () => {
    const program = await allocationProgram(t, staff, { judo: 2, english: 2 });
    const bookers: Booker[] = [];
    for (const category of ['RETURNING_MEMBER', 'RETURNING_MEMBER', 'RETURNING_MEMBER', 'NEW_FAMILY', 'NEW_FAMILY']) {
      bookers.push(await booker(t, program.programId, category as 'RETURNING_MEMBER'));
    }
    t.clock.set(DURING_OPEN);
    for (const b of bookers) await book(t, program.programId, b, [program.judo, program.english]);
    t.clock.set(AFTER_PHASES);
    await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);

    const before = await decisionsOf(await proposal(t, staff, program.programId, program.phases.open));
    const judo = [...before.values()].filter((d) => d.activityId === program.judo && d.rank !== null);
    judo.sort((a, b) => a.rank! - b.rank!);
    const [cancelled, , promoted] = judo;
    expect([cancelled.outcome, promoted.outcome]).toEqual(['RESERVED', 'REJECTED']);
    await t
      .http()
      .post(`/reservations/${reservationPath(cancelled.reservationId)}/cancellation`)
      .set('Authorization', staff)
      .send({ reason: 'DUPLICATE' })
      .expect(200);

    const after = await decisionsOf(await proposal(t, staff, program.programId, program.phases.open));
    expect(after.has(cancelled.reservationId)).toBe(false);
    expect(after.size).toBe(before.size - 1);
    for (const [reservationId, was] of before) {
      if (reservationId === cancelled.reservationId) continue;
      const now = after.get(reservationId)!;
      expect(now.lotteryNumber).toBe(was.lotteryNumber);
      const expected = reservationId === promoted.reservationId ? 'RESERVED' : was.outcome;
      expect([reservationId, now.outcome]).toEqual([reservationId, expected]);
      // ranks behind the cancelled request move up by one in its activity, nowhere else
      const shift = was.activityId === program.judo && was.rank! > cancelled.rank! ? 1 : 0;
      expect(now.rank).toBe(was.rank! - shift);
    }
  });
});
