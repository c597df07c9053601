import { staffAuth } from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  AFTER_PHASES,
  allocationProgram,
  appliedTo,
  approve,
  book,
  booker,
  closeRound,
  discard,
  DURING_OPEN,
  OPEN_SEED,
  proposal,
  reservationPath,
} from './allocation.fixtures';

describe('the trail of a reservation', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffAuth(t);
  });
  afterAll(() => t.close());

  const trailOf = (reservationId: string, auth = staff) =>
    t
      .http()
      .get(`/reservations/${reservationPath(reservationId)}/trail`)
      .set('Authorization', auth);

  it('shows who placed it, every run that decided it, discarded ones too, and what was applied', async () => {
    const program = await allocationProgram(t, staff, { judo: 2 });
    const lea = await booker(t, program.programId, 'RETURNING_MEMBER');
    t.clock.set(DURING_OPEN);
    const [judo, english] = await book(t, program.programId, lea, [program.judo, program.english]);
    const orderId = judo.split(':')[0];

    t.clock.set(AFTER_PHASES);
    const cancelled = await t
      .http()
      .post(`/reservations/${reservationPath(english)}/cancellation`)
      .set('Authorization', staff)
      .send({ reason: 'WRONG_CLASS', note: 'Léa sera en CE1.' });
    expect(cancelled.status).toBe(200);
    await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);
    const discarded = await proposal(t, staff, program.programId, program.phases.open);
    await discard(t, staff, discarded, 'Capacités à revoir.').expect(201);
    const approved = await proposal(t, staff, program.programId, program.phases.open);
    await approve(t, staff, approved).expect(201);
    await appliedTo(t, staff, [judo]);

    const decision = {
      reservationId: judo,
      activityId: program.judo,
      activityName: 'Judo',
      outcome: 'RESERVED',
      reason: null,
      detail: null,
      tier: 1,
      classLevel: 'CP',
      lotteryNumber: expect.stringMatching(/^[0-9a-f]{64}$/),
      rank: 1,
      cutOff: { tier: 1, lotteryNumber: expect.any(String) },
      explanation: expect.stringMatching(/^Seated at rank 1/),
    };
    const trail = await trailOf(judo).expect(200);
    expect(trail.body).toEqual({
      reservationId: judo,
      orderId,
      programId: program.programId,
      roundId: program.phases.open,
      roundName: 'Ouverture à tous',
      activityId: program.judo,
      activityName: 'Judo',
      childId: lea.childId,
      familyId: lea.familyId,
      status: 'RESERVED',
      placed: { at: DURING_OPEN, by: expect.stringMatching(/^parent:/), orderId },
      cancelledByStaff: null,
      runs: [
        { runId: discarded, runStatus: 'DISCARDED', ranAt: AFTER_PHASES, ranBy: expect.any(String), decision },
        { runId: approved, runStatus: 'APPROVED', ranAt: AFTER_PHASES, ranBy: expect.any(String), decision },
      ],
      applied: {
        runId: approved,
        outcome: 'RESERVED',
        at: expect.any(String),
        by: expect.stringMatching(/^system:/),
        details: { rank: 1, lotteryNumber: trail.body.runs[1].decision.lotteryNumber, tier: 1 },
      },
    });

    // cancelled by staff before the runs: no run decided it
    const cancelledTrail = await trailOf(english).expect(200);
    expect(cancelledTrail.body).toMatchObject({
      status: 'CANCELLED',
      cancelledByStaff: {
        at: AFTER_PHASES,
        by: expect.any(String),
        reason: { code: 'WRONG_CLASS', note: 'Léa sera en CE1.' },
      },
      runs: [],
      applied: null,
    });

    await trailOf(judo, lea.auth).expect(403);
    await trailOf('order-1:activity-1').expect(404);
  });
});
