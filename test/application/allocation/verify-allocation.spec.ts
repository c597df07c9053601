import { allocationRunDecider } from '../../../src/allocation/allocation-run.decider';
import type { AllocationRunState } from '../../../src/allocation/allocation-run.state';
import type { AllocationRequest } from '../../../src/allocation/allocation.types';
import { seedCommitment } from '../../../src/allocation/lottery';
import { verificationReport } from '../../../src/application/allocation/allocation-verification';
import { fold } from '../../../src/domain/shared/decider';
import { staffAuth } from '../../support/journey';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  AFTER_PHASES,
  allocationProgram,
  book,
  booker,
  closeRound,
  DURING_OPEN,
  OPEN_SEED,
  proposal,
} from './allocation.fixtures';

describe('verifying an allocation run', () => {
  describe('over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('recomputes every decision from the recorded inputs and seed, and finds them identical', async () => {
      const staff = await staffAuth(t);
      const program = await allocationProgram(t, staff, { judo: 1 });
      const bookers = [
        await booker(t, program.programId, 'RETURNING_MEMBER'),
        await booker(t, program.programId, 'NEW_FAMILY'),
      ];
      t.clock.set(DURING_OPEN);
      for (const b of bookers) await book(t, program.programId, b, [program.judo, program.english]);
      t.clock.set(AFTER_PHASES);
      await closeRound(t, staff, program.programId, program.phases.open, OPEN_SEED);
      const runId = await proposal(t, staff, program.programId, program.phases.open);

      const response = await t.http().post(`/allocations/${runId}/verification`).set('Authorization', staff);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        runId,
        identical: true,
        sameOrder: true,
        checked: 4,
        seedMatchesCommitment: true,
        differenceCount: 0,
        differences: [],
      });
    });
  });

  describe('the report, given a record that does not match its inputs', () => {
    const SEED = 'c3'.repeat(32);
    const request = (i: number, tier: 1 | 2): AllocationRequest => ({
      reservationId: `order-${i}:judo`,
      childId: `child-${i}`,
      familyId: `family-${i}`,
      activityId: 'judo',
      tier,
      classLevel: 'CP',
      accountValidated: true,
    });
    const proposed = (): Exclude<AllocationRunState, { status: 'None' }> => {
      const events = allocationRunDecider.decide(
        {
          type: 'RunAllocation',
          data: {
            runId: 'run-1',
            programId: 'program-1',
            roundId: 'phase-1',
            input: {
              mechanismVersion: 'v1',
              seed: SEED,
              activities: [{ activityId: 'judo', capacity: 1, reservedSeats: 0, acceptedLevels: ['CP'] }],
              requests: [request(1, 1), request(2, 2), request(3, 2)],
            },
            seedCommitment: seedCommitment(SEED),
            ranBy: 'staff:1',
            ranAt: AFTER_PHASES,
            chunkSize: 2,
          },
        },
        allocationRunDecider.initialState,
      );
      const state = fold(allocationRunDecider, events);
      if (state.status === 'None') throw new Error('not proposed');
      return state;
    };

    it('says the record is identical when it is', () => {
      expect(verificationReport('run-1', proposed())).toMatchObject({ identical: true, checked: 3, differences: [] });
    });

    it('reports each decision that differs, and which of its fields', () => {
      const state = proposed();
      const [seated, ...refused] = state.run.decisionChunks.flat();
      // the tier-2 request ranked second claims the seat; the seated one is recorded refused
      const tampered = [
        { ...refused[0], outcome: 'RESERVED' as const, rank: 1 },
        { ...seated, outcome: 'REJECTED' as const, reason: 'CAPACITY' as const, rank: 2, cutOff: null },
        refused[1],
      ];
      const report = verificationReport('run-1', {
        ...state,
        run: { ...state.run, decisionChunks: [tampered.slice(0, 2), tampered.slice(2)] },
      });
      expect(report).toMatchObject({ identical: false, sameOrder: false, checked: 3, differenceCount: 2 });
      expect(report.differences).toEqual([
        {
          reservationId: refused[0].reservationId,
          recorded: tampered[0],
          recomputed: refused[0],
          fields: ['outcome', 'rank'],
        },
        {
          reservationId: seated.reservationId,
          recorded: tampered[1],
          recomputed: seated,
          fields: ['cutOff', 'outcome', 'rank', 'reason'],
        },
      ]);
    });

    it('reports a decision recorded for no input, and an input left without a decision', () => {
      const state = proposed();
      const [first, second] = state.run.decisionChunks.flat();
      const foreign = { ...second, reservationId: 'order-9:judo' };
      const report = verificationReport('run-1', {
        ...state,
        run: { ...state.run, decisionChunks: [[first, foreign]] },
      });
      expect(report.identical).toBe(false);
      expect(report.differences.map((d) => [d.reservationId, d.recorded !== null, d.recomputed !== null])).toEqual([
        ['order-9:judo', true, false],
        [second.reservationId, false, true],
        [state.run.decisionChunks.flat()[2].reservationId, false, true],
      ]);
    });

    it('says when the revealed seed does not hash to the published commitment', () => {
      const state = proposed();
      const report = verificationReport('run-1', { ...state, run: { ...state.run, seedCommitment: 'ab'.repeat(32) } });
      expect(report.seedMatchesCommitment).toBe(false);
    });
  });
});
