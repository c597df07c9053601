import fc from 'fast-check';
import { AllocationActivity, AllocationInput, AllocationRequest } from '../../src/allocation/allocation.types';
import { CLASS_LEVELS, ClassLevel, Tier } from '../../src/domain/shared/school';

/** 32 random bytes, in hex: a seed as staff would draw it. */
export const seedArb = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString('hex'));

const activityArb = (i: number): fc.Arbitrary<AllocationActivity> =>
  fc.record({
    activityId: fc.constant(`act-${i}`),
    capacity: fc.integer({ min: 0, max: 10 }),
    reservedSeats: fc.nat(2),
    acceptedLevels: fc.subarray([...CLASS_LEVELS], { minLength: 1 }),
  });

interface FamilySpec {
  tier: Tier;
  validated: boolean;
  childLevels: ClassLevel[];
}

const familyArb: fc.Arbitrary<FamilySpec> = fc.record({
  tier: fc.constantFrom<Tier>(1, 2),
  validated: fc.nat(9).map((n) => n > 0),
  childLevels: fc.array(fc.constantFrom(...CLASS_LEVELS), { minLength: 1, maxLength: 3 }),
});

/**
 * A random round: up to 6 activities of capacity 0..10, up to 8 families of 1..3 children, up to
 * 60 requests; some for an unknown activity, some repeated by the same child. Requests mostly ask
 * for accepted levels so that activities are contested.
 */
export function roundArb(options: { duplicates?: boolean } = {}): fc.Arbitrary<AllocationInput> {
  return fc
    .record({
      seed: seedArb,
      activityCount: fc.integer({ min: 1, max: 6 }),
      families: fc.array(familyArb, { minLength: 1, maxLength: 8, size: 'max' }),
      picks: fc.array(
        fc.record({ child: fc.nat(), activity: fc.nat(), fit: fc.nat(4), unknown: fc.nat(30), again: fc.nat(4) }),
        {
          maxLength: 60,
          size: 'max',
        },
      ),
    })
    .chain(({ seed, activityCount, families, picks }) =>
      fc.tuple(...Array.from({ length: activityCount }, (_, i) => activityArb(i))).map((activities) => {
        const children = families.flatMap((f, fi) =>
          f.childLevels.map((classLevel, ci) => ({
            ...f,
            classLevel,
            familyId: `fam-${fi}`,
            childId: `child-${fi}-${ci}`,
          })),
        );
        const seen = new Set<string>();
        const requests: AllocationRequest[] = [];
        picks.forEach((p, i) => {
          const child = children[p.child % children.length];
          const fitting = activities.filter((a) => a.acceptedLevels.includes(child.classLevel));
          const offer = p.fit > 0 && fitting.length > 0 ? fitting : activities;
          const activityId = p.unknown === 0 ? 'act-unknown' : offer[p.activity % offer.length].activityId;
          const key = `${child.childId}/${activityId}`;
          // a child asking twice for one activity is kept now and then, when asked for
          if (seen.has(key) && (!options.duplicates || p.again > 0)) return;
          seen.add(key);
          const { childId, familyId, tier, classLevel, validated: accountValidated } = child;
          requests.push({
            reservationId: `res-${i}`,
            childId,
            familyId,
            activityId,
            tier,
            classLevel,
            accountValidated,
          });
        });
        return { mechanismVersion: 'v1' as const, seed, activities, requests };
      }),
    );
}
