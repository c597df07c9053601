import fc from 'fast-check';
import { Decision, kindOf } from '../../src/allocation/allocation.types';
import { allocateV1 } from '../../src/allocation/mechanism-v1';
import { roundArb } from './allocation.arbitraries';

function outcomeOf(d: Decision): string {
  return kindOf(d);
}

describe('allocation mechanism v1, when a pending request is withdrawn before a re-run with the same seed', () => {
  it("changes no other activity's decisions, and in its own activity only lets the best-ranked refused request take a freed seat", () => {
    fc.assert(
      fc.property(
        roundArb().chain((input) => fc.tuple(fc.constant(input), fc.nat(Math.max(0, input.requests.length - 1)))),
        ([input, index]) => {
          fc.pre(input.requests.length > 0);
          const removed = input.requests[index];
          const before = allocateV1(input).decisions;
          const after = allocateV1({ ...input, requests: input.requests.filter((r) => r !== removed) }).decisions;
          const elsewhere = (ds: Decision[]) => ds.filter((d) => d.activityId !== removed.activityId);
          expect(JSON.stringify(elsewhere(after))).toBe(JSON.stringify(elsewhere(before)));

          const removedBefore = before.find((d) => d.reservationId === removed.reservationId)!;
          const firstRefused = before
            .filter((d) => d.activityId === removed.activityId && kindOf(d) === 'CAPACITY')
            .sort((a, b) => ('rank' in a && 'rank' in b ? a.rank - b.rank : 0))[0];
          const promoted = removedBefore.outcome === 'RESERVED' ? firstRefused?.reservationId : undefined;
          for (const d of after.filter((x) => x.activityId === removed.activityId)) {
            const was = before.find((x) => x.reservationId === d.reservationId)!;
            expect(d.lotteryNumber).toBe(was.lotteryNumber);
            expect(outcomeOf(d)).toBe(d.reservationId === promoted ? 'RESERVED' : outcomeOf(was));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
