import fc from 'fast-check';
import { AllocationInput, Decision, kindOf } from '../../src/allocation/allocation.types';
import { lotteryNumber, seedCommitment, verifySeed } from '../../src/allocation/lottery';
import { allocateV1 } from '../../src/allocation/mechanism-v1';
import { roundArb, seedArb } from './allocation.arbitraries';

const runs = { numRuns: 200 };

function byActivity(decisions: Decision[]): Map<string, Decision[]> {
  const groups = new Map<string, Decision[]>();
  for (const d of decisions) groups.set(d.activityId, [...(groups.get(d.activityId) ?? []), d]);
  return groups;
}

function remainingOf(input: AllocationInput, activityId: string): number {
  const a = input.activities.find((x) => x.activityId === activityId);
  return a ? Math.max(0, a.capacity - a.reservedSeats) : 0;
}

/** (tier, lottery number) of `a` is at least as good as that of `b`. */
function atLeastAsGood(a: Decision, b: Decision): boolean {
  return a.tier < b.tier || (a.tier === b.tier && a.lotteryNumber <= b.lotteryNumber);
}

describe('allocation mechanism v1, on random rounds', () => {
  it('gives every request exactly one decision', () => {
    fc.assert(
      fc.property(roundArb({ duplicates: true }), (input) => {
        const ids = allocateV1(input).decisions.map((d) => d.reservationId);
        expect([...ids].sort()).toEqual(input.requests.map((r) => r.reservationId).sort());
      }),
      runs,
    );
  });

  it('never seats more requests than an activity has seats left', () => {
    fc.assert(
      fc.property(roundArb({ duplicates: true }), (input) => {
        const outcome = allocateV1(input);
        for (const [activityId, decisions] of byActivity(outcome.decisions)) {
          const seated = decisions.filter((d) => d.outcome === 'RESERVED').length;
          expect(seated).toBeLessThanOrEqual(remainingOf(input, activityId));
        }
        for (const summary of outcome.activities) expect(summary.seated).toBeLessThanOrEqual(summary.remaining);
      }),
      runs,
    );
  });

  it('leaves no justified envy: whoever holds a seat ranks at least as well as anyone refused for capacity', () => {
    fc.assert(
      fc.property(roundArb({ duplicates: true }), (input) => {
        for (const decisions of byActivity(allocateV1(input).decisions).values()) {
          const seated = decisions.filter((d) => d.outcome === 'RESERVED');
          for (const refused of decisions.filter((d) => kindOf(d) === 'CAPACITY')) {
            for (const holder of seated) {
              expect(atLeastAsGood(holder, refused)).toBe(true);
              // an equal pair can only be siblings: they share the family's number
              if (holder.tier === refused.tier && holder.lotteryNumber === refused.lotteryNumber) {
                expect(holder.familyId).toBe(refused.familyId);
              }
            }
          }
        }
      }),
      runs,
    );
  });

  it('wastes no seat: a request is refused for capacity only when every seat left is given', () => {
    fc.assert(
      fc.property(roundArb({ duplicates: true }), (input) => {
        for (const [activityId, decisions] of byActivity(allocateV1(input).decisions)) {
          if (decisions.some((d) => kindOf(d) === 'CAPACITY')) {
            expect(decisions.filter((d) => d.outcome === 'RESERVED').length).toBe(remainingOf(input, activityId));
          }
        }
      }),
      runs,
    );
  });

  it('decides the same, byte for byte, for the same input and seed, whatever the order of the requests', () => {
    fc.assert(
      fc.property(
        roundArb({ duplicates: true }).chain((input) =>
          fc.tuple(fc.constant(input), fc.shuffledSubarray(input.requests, { minLength: input.requests.length })),
        ),
        ([input, shuffled]) => {
          const once = JSON.stringify(allocateV1(input));
          expect(JSON.stringify(allocateV1(structuredClone(input)))).toBe(once);
          expect(JSON.stringify(allocateV1({ ...input, requests: shuffled }))).toBe(once);
        },
      ),
      runs,
    );
  });

  it('ranks each activity 1..n, seats ranks 1..seated, and explains every refusal with the cut-off', () => {
    fc.assert(
      fc.property(roundArb({ duplicates: true }), (input) => {
        const outcome = allocateV1(input);
        const decisions = byActivity(outcome.decisions);
        for (const summary of outcome.activities) {
          const ranked = (decisions.get(summary.activityId) ?? []).filter((d) => kindOf(d) !== 'INELIGIBLE');
          expect(ranked.map((d) => ('rank' in d ? d.rank : 0))).toEqual(ranked.map((_, i) => i + 1));
          expect(ranked.slice(0, summary.seated).every((d) => d.outcome === 'RESERVED')).toBe(true);
          for (const d of ranked) if (kindOf(d) === 'CAPACITY') expect(d).toMatchObject({ cutOff: summary.cutOff });
        }
      }),
      runs,
    );
  });

  it('gives siblings asking for the same activity the same lottery number, the one anyone can recompute', () => {
    fc.assert(
      fc.property(roundArb({ duplicates: true }), (input) => {
        for (const d of allocateV1(input).decisions) {
          expect(d.lotteryNumber).toBe(lotteryNumber(input.seed, d.familyId, d.activityId));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('rejects as ineligible exactly the requests that break a rule, with that rule', () => {
    fc.assert(
      fc.property(roundArb({ duplicates: true }), (input) => {
        for (const d of allocateV1(input).decisions) {
          const r = input.requests.find((x) => x.reservationId === d.reservationId)!;
          const activity = input.activities.find((a) => a.activityId === r.activityId);
          const earlier = input.requests.some(
            (x) => x.childId === r.childId && x.activityId === r.activityId && x.reservationId < r.reservationId,
          );
          const expected = !activity
            ? 'UNKNOWN_ACTIVITY'
            : !r.accountValidated
              ? 'ACCOUNT_NOT_VALIDATED'
              : !activity.acceptedLevels.includes(r.classLevel)
                ? 'CLASS_LEVEL_NOT_ACCEPTED'
                : earlier
                  ? 'DUPLICATE_REQUEST'
                  : undefined;
          expect(d.outcome === 'REJECTED' && d.reason === 'INELIGIBLE' ? d.detail : undefined).toBe(expected);
        }
      }),
      runs,
    );
  });

  it('accepts the seed that was committed to and no other', () => {
    fc.assert(
      fc.property(seedArb, seedArb, (seed, other) => {
        fc.pre(seed !== other);
        expect(verifySeed(seed, seedCommitment(seed))).toBe(true);
        expect(verifySeed(other, seedCommitment(seed))).toBe(false);
      }),
      runs,
    );
  });
});
