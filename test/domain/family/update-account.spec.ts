import { familyDecider } from '../../../src/domain/family/family.decider';
import type { UpdateAccount } from '../../../src/domain/family/update-account.command';
import { NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import {
  accountUpdated,
  aGuardian,
  anAddress,
  childAdded,
  familyRegistered,
  newId,
} from '../../support/family.builders';
import { spec } from '../../support/given-when-then';

const updateAccount = (overrides: Partial<UpdateAccount['data']> = {}): UpdateAccount => ({
  type: 'UpdateAccount',
  data: {
    schoolYear: '2025-2026',
    guardians: [aGuardian()],
    address: anAddress(),
    children: [],
    updatedAt: '2025-03-10T18:00:00+01:00',
    ...overrides,
  },
});

describe('UpdateAccount', () => {
  describe('given a returning family with two children registered for 2024-2025', () => {
    const given = (familyId: string) => {
      const lea = childAdded(familyId, { firstName: 'Léa', classLevel: 'PS' });
      const tom = childAdded(familyId, { firstName: 'Tom', birthDate: '2019-02-03', classLevel: 'GS' });
      return { events: [familyRegistered(familyId), lea, tom], lea: lea.data.childId, tom: tom.data.childId };
    };

    it('updates the account for 2025-2026 with the class each child goes to', () => {
      const familyId = newId('family');
      const { events, lea, tom } = given(familyId);
      const children = [
        { childId: lea, classLevel: 'MS' as const },
        { childId: tom, classLevel: 'CP' as const },
      ];
      const newAddress = anAddress({ line1: '3 avenue Mozart' });
      spec(familyDecider)
        .given(events)
        .when(updateAccount({ children: [...children].reverse(), address: newAddress }))
        .then([accountUpdated(familyId, { children, address: newAddress })]);
    });

    it('refuses and names the child whose class is not confirmed', () => {
      const familyId = newId('family');
      const { events, lea } = given(familyId);
      const error = spec(familyDecider)
        .given(events)
        .when(updateAccount({ children: [{ childId: lea, classLevel: 'MS' }] }))
        .thenRefuses(RuleViolated, 'CHILD_CLASS_NOT_CONFIRMED');
      expect(error.message).toContain('Tom');
    });

    it('refuses a child listed twice', () => {
      const familyId = newId('family');
      const { events, lea, tom } = given(familyId);
      spec(familyDecider)
        .given(events)
        .when(
          updateAccount({
            children: [
              { childId: lea, classLevel: 'MS' },
              { childId: tom, classLevel: 'CP' },
              { childId: lea, classLevel: 'GS' },
            ],
          }),
        )
        .thenRefuses(RuleViolated, 'CHILD_LISTED_TWICE');
    });

    it('refuses a child of another family', () => {
      const familyId = newId('family');
      const { events, lea, tom } = given(familyId);
      spec(familyDecider)
        .given(events)
        .when(
          updateAccount({
            children: [
              { childId: lea, classLevel: 'MS' },
              { childId: tom, classLevel: 'CP' },
              { childId: newId('child'), classLevel: 'CE1' },
            ],
          }),
        )
        .thenRefuses(NotFound, 'CHILD_NOT_FOUND');
    });

    it('refuses a class level that does not exist', () => {
      const familyId = newId('family');
      const { events, lea, tom } = given(familyId);
      spec(familyDecider)
        .given(events)
        .when(
          updateAccount({
            children: [
              { childId: lea, classLevel: 'MS' },
              { childId: tom, classLevel: 'CP1' as never },
            ],
          }),
        )
        .thenRefuses(RuleViolated, 'CLASS_LEVEL_UNKNOWN');
    });

    it('refuses incomplete guardians', () => {
      const familyId = newId('family');
      const { events, lea, tom } = given(familyId);
      spec(familyDecider)
        .given(events)
        .when(
          updateAccount({
            guardians: [],
            children: [
              { childId: lea, classLevel: 'MS' },
              { childId: tom, classLevel: 'CP' },
            ],
          }),
        )
        .thenRefuses(RuleViolated, 'GUARDIANS_COUNT');
    });

    it('refuses an incomplete address', () => {
      const familyId = newId('family');
      const { events, lea, tom } = given(familyId);
      spec(familyDecider)
        .given(events)
        .when(
          updateAccount({
            address: anAddress({ postalCode: '' }),
            children: [
              { childId: lea, classLevel: 'MS' },
              { childId: tom, classLevel: 'CP' },
            ],
          }),
        )
        .thenRefuses(RuleViolated, 'ADDRESS_INCOMPLETE');
    });
  });

  describe('given a family already up to date for 2025-2026', () => {
    it('refuses an update for an earlier school year', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), accountUpdated(familyId)])
        .when(updateAccount({ schoolYear: '2024-2025' }))
        .thenRefuses(RuleViolated, 'SCHOOL_YEAR_PAST');
    });

    it('accepts a correction for the same school year', () => {
      const familyId = newId('family');
      const phone = '07 00 00 00 00';
      spec(familyDecider)
        .given([familyRegistered(familyId), accountUpdated(familyId)])
        .when(updateAccount({ guardians: [aGuardian({ phone })] }))
        .then([accountUpdated(familyId, { guardians: [aGuardian({ phone })] })]);
    });
  });

  describe('given no registered family', () => {
    it('refuses: there is no account to update', () => {
      spec(familyDecider).given([]).when(updateAccount()).thenRefuses(NotFound, 'FAMILY_NOT_FOUND');
    });
  });

  it('refuses a school year that is not one', () => {
    const familyId = newId('family');
    spec(familyDecider)
      .given([familyRegistered(familyId)])
      .when(updateAccount({ schoolYear: '2025' }))
      .thenRefuses(RuleViolated, 'SCHOOL_YEAR_INVALID');
  });
});
