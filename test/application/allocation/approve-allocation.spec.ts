import { allocationStream } from '../../../src/allocation/allocation-run.events';
import {
  allocationRoundDecider,
  allocationRoundStream,
} from '../../../src/application/allocation/allocation-round.decider';
import { systemContext } from '../../../src/application/shared/command-context';
import { Commands } from '../../../src/application/shared/commands.service';
import { EventStore } from '../../../src/event-store/event-store.port';
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
  discard,
  DURING_OPEN,
  OPEN_SEED,
  proposal,
  ranked,
  runRound,
} from './allocation.fixtures';

describe('ApproveAllocation and DiscardAllocation', () => {
  let t: TestApp;
  let staff: string;
  let program: AllocationProgram;
  let bookers: Booker[];
  let reservations: Map<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await staffAuth(t);
  });
  afterAll(() => t.close());

  /** judo with 2 seats; 2 tier-1 and 1 tier-2 children ask for it in the open phase, which is closed */
  beforeEach(async () => {
    program = await allocationProgram(t, staff, { judo: 2 });
    bookers = [
      await booker(t, program.programId, 'RETURNING_MEMBER'),
      await booker(t, program.programId, 'RETURNING_MEMBER'),
      await booker(t, program.programId, 'NEW_FAMILY'),
    ];
    t.clock.set(DURING_OPEN);
    reservations = new Map();
    for (const b of bookers) reservations.set(b.childId, (await book(t, program.programId, b, [program.judo]))[0]);
    t.clock.set(AFTER_PHASES);
    await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);
  });

  const runs = async () =>
    (await t.http().get(`/programs/${program.programId}/allocations`).set('Authorization', staff).expect(200)).body
      .runs as { runId: string; status: string; discarded: { reason: string } | null }[];

  it('approves the proposal, and the saga applies its decisions to the orders with their reasons', async () => {
    const runId = await proposal(t, staff, program.programId, program.phases.open);
    const response = await approve(t, staff, runId).expect(201);
    expect(response.body).toMatchObject({
      runId,
      status: 'APPROVED',
      approved: { by: expect.stringMatching(/^staff:/), at: AFTER_PHASES },
    });

    await appliedTo(t, staff, [...reservations.values()]);
    const [first, second, third] = ranked(OPEN_SEED, program.judo, bookers);
    const statusOf = async (b: Booker) => {
      const orders = await t.http().get('/me/orders').set('Authorization', b.auth).expect(200);
      return orders.body.orders[0].reservations[0];
    };
    expect(await statusOf(first)).toMatchObject({ status: 'RESERVED', statusLabel: 'Réservé' });
    expect(await statusOf(second)).toMatchObject({ status: 'RESERVED', statusLabel: 'Réservé' });
    expect(await statusOf(third)).toMatchObject({
      status: 'CANCELLED',
      statusLabel: 'Annulé',
      cancellation: {
        cause: 'ALLOCATION',
        reason: 'CAPACITY',
        reasonLabel: 'Activité complète',
        rank: 3,
        tier: 2,
        lotteryNumber: third.lotteryNumber,
        cutOff: { tier: 1, lotteryNumber: second.lotteryNumber },
      },
    });
  });

  it('approves a retried approval of the same run once, and answers it 200', async () => {
    const runId = await proposal(t, staff, program.programId, program.phases.open);
    await approve(t, staff, runId).expect(201);
    const again = await approve(t, staff, runId).expect(200);
    expect(again.body).toMatchObject({ runId, status: 'APPROVED' });
    const events = await t.app.get(EventStore).readStream(allocationStream(runId));
    expect(events.filter((e) => e.type === 'AllocationApproved')).toHaveLength(1);
  });

  it('approves one run per round: a second run of the round is refused', async () => {
    const first = await proposal(t, staff, program.programId, program.phases.open);
    const second = await proposal(t, staff, program.programId, program.phases.open);
    await approve(t, staff, first).expect(201);
    const refused = await approve(t, staff, second).expect(409);
    expect(refused.body).toMatchObject({ error: 'ROUND_ALREADY_ALLOCATED', message: expect.stringContaining(first) });
    expect((await runs()).map((r) => r.status)).toEqual(['APPROVED', 'PROPOSED']);
    // and the round cannot be run again
    expect((await runRound(t, staff, program.programId, program.phases.open).expect(409)).body.error).toBe(
      'ROUND_ALREADY_ALLOCATED',
    );
  });

  it('approves one run per round under concurrent approvals of two runs', async () => {
    const first = await proposal(t, staff, program.programId, program.phases.open);
    const second = await proposal(t, staff, program.programId, program.phases.open);
    const answers = await Promise.all([approve(t, staff, first), approve(t, staff, second)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect((await runs()).filter((r) => r.status === 'APPROVED')).toHaveLength(1);
  });

  it('approves a run once under concurrent approvals of that run', async () => {
    const runId = await proposal(t, staff, program.programId, program.phases.open);
    const answers = await Promise.all([approve(t, staff, runId), approve(t, staff, runId), approve(t, staff, runId)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    const events = await t.app.get(EventStore).readStream(allocationStream(runId));
    expect(events.filter((e) => e.type === 'AllocationApproved')).toHaveLength(1);
  });

  it('keeps a discarded proposal in the trail, beside the run made after it, which can be approved', async () => {
    const discarded = await proposal(t, staff, program.programId, program.phases.open);
    const response = await discard(t, staff, discarded, 'Capacité du judo à corriger.').expect(201);
    expect(response.body).toMatchObject({
      runId: discarded,
      status: 'DISCARDED',
      discarded: { by: expect.stringMatching(/^staff:/), at: AFTER_PHASES, reason: 'Capacité du judo à corriger.' },
    });
    const again = await proposal(t, staff, program.programId, program.phases.open);
    expect((await runs()).map((r) => [r.runId, r.status])).toEqual([
      [discarded, 'DISCARDED'],
      [again, 'PROPOSED'],
    ]);
    expect((await approve(t, staff, discarded).expect(409)).body.error).toBe('ALLOCATION_DISCARDED');
    await approve(t, staff, again).expect(201);
    expect((await discard(t, staff, again).expect(409)).body.error).toBe('ALLOCATION_ALREADY_APPROVED');
  });

  it('refuses a discard without a reason, or with unknown fields', async () => {
    const runId = await proposal(t, staff, program.programId, program.phases.open);
    const post = (body: object) =>
      t.http().post(`/allocations/${runId}/discard`).set('Authorization', staff).send(body);
    await post({}).expect(400);
    await post({ reason: '   ' }).expect(400);
    await post({ reason: 'typo', by: 'someone else' }).expect(400);
  });

  describe('given the round claimed by a run whose approval was interrupted', () => {
    const claim = async (runId: string) =>
      t.app.get(Commands).run(
        allocationRoundStream(program.programId, program.phases.open),
        allocationRoundDecider,
        {
          type: 'ClaimAllocationRound',
          data: {
            programId: program.programId,
            roundId: program.phases.open,
            runId,
            claimedBy: 'staff:crashed',
            claimedAt: AFTER_PHASES,
            discardedHolder: null,
          },
        },
        systemContext('test', t.clock.now()),
      );

    it('refuses another run until that one is approved again or discarded', async () => {
      const interrupted = await proposal(t, staff, program.programId, program.phases.open);
      const other = await proposal(t, staff, program.programId, program.phases.open);
      await claim(interrupted);
      const refused = await approve(t, staff, other).expect(409);
      expect(refused.body.message).toContain(`approve ${interrupted} again`);

      await discard(t, staff, interrupted).expect(201);
      await approve(t, staff, other).expect(201);
      expect((await runs()).map((r) => r.status)).toEqual(['DISCARDED', 'APPROVED']);
    });

    it('finishes the approval of that run when it is approved again', async () => {
      const interrupted = await proposal(t, staff, program.programId, program.phases.open);
      await claim(interrupted);
      await approve(t, staff, interrupted).expect(201);
    });
  });
});
