import type { AddChild } from '../../../src/domain/child/add-child.command';
import { familyDecider } from '../../../src/domain/family/family.decider';
import { Conflict, NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import { accountUpdated, childAdded, familyRegistered, newId } from '../../support/family.builders';
import { spec } from '../../support/given-when-then';

const addChild = (childId: string, overrides: Partial<AddChild['data']> = {}): AddChild => ({
  type: 'AddChild',
  data: {
    childId,
    firstName: 'Léa',
    lastName: 'Martin',
    birthDate: '2021-04-17',
    classLevel: 'PS',
    addedAt: '2024-03-01T10:05:00+01:00',
    ...overrides,
  },
});

describe('AddChild', () => {
  describe('given a registered family', () => {
    it("adds the child with its class for the family's school year", () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(addChild(childId))
        .then([childAdded(familyId, { childId })]);
    });

    it('refuses a child without a first name', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(addChild(newId('child'), { firstName: ' ' }))
        .thenRefuses(RuleViolated, 'CHILD_NAME_REQUIRED');
    });

    it('refuses a date of birth that is not a date', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(addChild(newId('child'), { birthDate: '2021-02-30' }))
        .thenRefuses(RuleViolated, 'BIRTH_DATE_INVALID');
    });

    it('refuses a date of birth in the future', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(addChild(newId('child'), { birthDate: '2024-03-02' }))
        .thenRefuses(RuleViolated, 'BIRTH_DATE_INVALID');
    });

    it('refuses a class level that does not exist', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(addChild(newId('child'), { classLevel: 'TPS' as never }))
        .thenRefuses(RuleViolated, 'CLASS_LEVEL_UNKNOWN');
    });
  });

  describe('given a family that updated its account for 2025-2026', () => {
    it('adds the child with its class for 2025-2026', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given([familyRegistered(familyId), accountUpdated(familyId)])
        .when(addChild(childId, { birthDate: '2022-05-01', addedAt: '2025-03-11T09:00:00+01:00' }))
        .then([
          childAdded(familyId, {
            childId,
            birthDate: '2022-05-01',
            schoolYear: '2025-2026',
            addedAt: '2025-03-11T09:00:00+01:00',
          }),
        ]);
    });
  });

  describe('given a child with the same first name and date of birth', () => {
    it('refuses the duplicate, whatever the case and accents of the name', () => {
      const familyId = newId('family');
      const error = spec(familyDecider)
        .given([familyRegistered(familyId), childAdded(familyId)])
        .when(addChild(newId('child'), { firstName: 'LEA' }))
        .thenRefuses(Conflict, 'CHILD_DUPLICATE');
      expect(error.message).toContain('Léa, born on 2021-04-17');
    });

    it('accepts a twin with another first name', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given([familyRegistered(familyId), childAdded(familyId)])
        .when(addChild(childId, { firstName: 'Louis' }))
        .then([childAdded(familyId, { childId, firstName: 'Louis' })]);
    });
  });

  describe('given a child already added with this id', () => {
    it('refuses to add it again', () => {
      const familyId = newId('family');
      const childId = newId('child');
      spec(familyDecider)
        .given([familyRegistered(familyId), childAdded(familyId, { childId })])
        .when(addChild(childId, { firstName: 'Louis' }))
        .thenRefuses(Conflict, 'CHILD_ALREADY_EXISTS');
    });
  });

  describe('given no registered family', () => {
    it('refuses: the family must be registered first', () => {
      spec(familyDecider)
        .given([])
        .when(addChild(newId('child')))
        .thenRefuses(NotFound, 'FAMILY_NOT_FOUND');
    });
  });
});
