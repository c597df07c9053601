import fc from 'fast-check';
import { Decision } from '../../src/allocation/allocation.types';
import { allocateV1 } from '../../src/allocation/mechanism-v1';
import { canonicalJson, verifyRun } from '../../src/allocation/replay';
import { roundArb } from './allocation.arbitraries';

/** The same decision with its keys in another order, as a store might hand it back. */
function reordered(d: Decision): Decision {
  return Object.fromEntries(Object.entries(d).reverse()) as unknown as Decision;
}

describe('verifyRun', () => {
  describe('given the decisions a run recorded', () => {
    it('finds them identical to a replay of the recorded input and seed', () => {
      fc.assert(
        fc.property(roundArb({ duplicates: true }), (input) => {
          const recorded = JSON.parse(JSON.stringify(allocateV1(input).decisions)) as Decision[];
          expect(verifyRun(input, recorded)).toEqual({ identical: true, sameOrder: true, differences: [] });
        }),
        { numRuns: 100 },
      );
    });

    it('is not fooled by a store that reorders the keys of each decision', () => {
      fc.assert(
        fc.property(roundArb(), (input) => {
          expect(verifyRun(input, allocateV1(input).decisions.map(reordered)).identical).toBe(true);
        }),
        { numRuns: 50 },
      );
    });
  });

  describe('given a recorded decision was tampered with', () => {
    it('reports that decision, as recorded and as recomputed', () => {
      fc.assert(
        fc.property(
          roundArb().filter((input) => allocateV1(input).decisions.some((d) => d.outcome === 'REJECTED')),
          (input) => {
            const decisions = allocateV1(input).decisions;
            const i = decisions.findIndex((d) => d.outcome === 'REJECTED');
            const { reservationId, childId, familyId, activityId, tier, classLevel, lotteryNumber } = decisions[i];
            const forged: Decision = {
              reservationId,
              childId,
              familyId,
              activityId,
              tier,
              classLevel,
              lotteryNumber,
              outcome: 'RESERVED',
              rank: 1,
            };
            const report = verifyRun(
              input,
              decisions.map((d, j) => (j === i ? forged : d)),
            );
            expect(report.identical).toBe(false);
            expect(report.differences).toEqual([{ reservationId, recorded: forged, recomputed: decisions[i] }]);
          },
        ),
        { numRuns: 50 },
      );
    });

    it('reports a decision that went missing, and one recorded for no request', () => {
      fc.assert(
        fc.property(
          roundArb().filter((input) => input.requests.length > 0),
          (input) => {
            const [first, ...rest] = allocateV1(input).decisions;
            const stranger = { ...first, reservationId: 'res-nobody' };
            const report = verifyRun(input, [...rest, stranger]);
            expect(report.identical).toBe(false);
            expect(report.differences).toEqual([
              { reservationId: 'res-nobody', recorded: stranger, recomputed: null },
              { reservationId: first.reservationId, recorded: null, recomputed: first },
            ]);
          },
        ),
        { numRuns: 50 },
      );
    });
  });
});

describe('canonicalJson', () => {
  it('writes one text per value, whatever the order of its keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});
