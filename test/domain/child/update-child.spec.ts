import type { UpdateChild } from '../../../src/domain/child/update-child.command';
import { familyDecider } from '../../../src/domain/family/family.decider';
import { Conflict, NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import { childAdded, familyRegistered, newId } from '../../support/family.builders';
import { spec } from '../../support/given-when-then';

const updateChild = (childId: string, changes: Omit<Partial<UpdateChild['data']>, 'childId'> = {}): UpdateChild => ({
  type: 'UpdateChild',
  data: { childId, updatedAt: '2024-04-02T08:00:00+02:00', ...changes },
});

describe('UpdateChild', () => {
  describe("given a family's child", () => {
    const given = (familyId: string, childId: string) => [
      familyRegistered(familyId),
      childAdded(familyId, { childId }),
    ];

    it('records what changed, and only that', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given(given(familyId, childId))
        .when(updateChild(childId, { firstName: 'Léa', lastName: ' Martin-Durand ', classLevel: 'MS' }))
        .then([
          {
            type: 'ChildUpdated',
            data: {
              familyId,
              childId,
              changes: { lastName: 'Martin-Durand', classLevel: 'MS' },
              schoolYear: '2024-2025',
              updatedAt: '2024-04-02T08:00:00+02:00',
            },
          },
        ]);
    });

    it('records nothing when nothing changes', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given(given(familyId, childId))
        .when(updateChild(childId, { birthDate: '2021-04-17' }))
        .thenNothingHappens();
    });

    it('refuses an empty last name', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given(given(familyId, childId))
        .when(updateChild(childId, { lastName: '' }))
        .thenRefuses(RuleViolated, 'CHILD_NAME_REQUIRED');
    });

    it('refuses a date of birth that is not a date', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given(given(familyId, childId))
        .when(updateChild(childId, { birthDate: '17/04/2021' }))
        .thenRefuses(RuleViolated, 'BIRTH_DATE_INVALID');
    });

    it('refuses a class level that does not exist', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given(given(familyId, childId))
        .when(updateChild(childId, { classLevel: '6e' as never }))
        .thenRefuses(RuleViolated, 'CLASS_LEVEL_UNKNOWN');
    });

    it('refuses a change that makes it the duplicate of a sibling', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given([
          ...given(familyId, childId),
          childAdded(familyId, { firstName: 'Louis', birthDate: '2019-06-01', classLevel: 'CP' }),
        ])
        .when(updateChild(childId, { firstName: 'Louis', birthDate: '2019-06-01' }))
        .thenRefuses(Conflict, 'CHILD_DUPLICATE');
    });
  });

  describe('given a child that is not one of the family', () => {
    it('refuses: no such child', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), childAdded(familyId)])
        .when(updateChild(newId('child'), { firstName: 'Zoé' }))
        .thenRefuses(NotFound, 'CHILD_NOT_FOUND');
    });
  });

  describe('given no registered family', () => {
    it('refuses: no such family', () => {
      spec(familyDecider)
        .given([])
        .when(updateChild(newId('child'), { firstName: 'Zoé' }))
        .thenRefuses(NotFound, 'FAMILY_NOT_FOUND');
    });
  });
});
