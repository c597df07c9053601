import { familyDecider } from '../../../src/domain/family/family.decider';
import type { ValidateAccount } from '../../../src/domain/family/validate-account.command';
import { NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import {
  accountRejected,
  accountUpdated,
  accountValidated,
  childAdded,
  familyRegistered,
  newId,
} from '../../support/family.builders';
import { spec } from '../../support/given-when-then';

const validateAccount = (overrides: Partial<ValidateAccount['data']> = {}): ValidateAccount => ({
  type: 'ValidateAccount',
  data: {
    schoolYear: '2024-2025',
    category: 'RETURNING_MEMBER',
    programIds: ['program-maternelles'],
    validatedBy: 'staff-anne',
    validatedAt: '2024-03-05T09:00:00+01:00',
    ...overrides,
  },
});

describe('ValidateAccount', () => {
  describe('given a family registered for 2024-2025', () => {
    it('validates the account as a returning member, tier 1, with the programs it may see', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(validateAccount({ programIds: ['program-maternelles', 'program-primaires'] }))
        .then([accountValidated(familyId, { programIds: ['program-maternelles', 'program-primaires'] })]);
    });

    it('validates a new family in tier 2', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(validateAccount({ category: 'NEW_FAMILY' }))
        .then([accountValidated(familyId, { category: 'NEW_FAMILY', tier: 2 })]);
    });

    it('records each program once', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(validateAccount({ programIds: ['program-maternelles', 'program-maternelles'] }))
        .then([accountValidated(familyId)]);
    });

    it('refuses a validation that shows no program', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(validateAccount({ programIds: [' '] }))
        .thenRefuses(RuleViolated, 'PROGRAMS_REQUIRED');
    });

    it('refuses a category that does not exist', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(validateAccount({ category: 'VIP' as never }))
        .thenRefuses(RuleViolated, 'CATEGORY_UNKNOWN');
    });

    it('refuses a school year that is not one', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(validateAccount({ schoolYear: '24-25' }))
        .thenRefuses(RuleViolated, 'SCHOOL_YEAR_INVALID');
    });
  });

  describe('given a family that has not updated its account for 2025-2026', () => {
    it('refuses and says the account must be updated first', () => {
      const familyId = newId('family');
      const error = spec(familyDecider)
        .given([familyRegistered(familyId, { schoolYear: '2024-2025' })])
        .when(validateAccount({ schoolYear: '2025-2026' }))
        .thenRefuses(RuleViolated, 'ACCOUNT_NOT_UP_TO_DATE');
      expect(error.message).toMatch(/must be updated for 2025-2026/);
    });
  });

  describe('given a family that updated its account for 2025-2026', () => {
    it('validates it for 2025-2026', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), accountUpdated(familyId)])
        .when(validateAccount({ schoolYear: '2025-2026' }))
        .then([accountValidated(familyId, { schoolYear: '2025-2026' })]);
    });
  });

  describe('given a new family with a child in Petite Section', () => {
    it('validates it as a new PS family, tier 1', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), childAdded(familyId, { classLevel: 'PS' })])
        .when(validateAccount({ category: 'NEW_PS_FAMILY' }))
        .then([accountValidated(familyId, { category: 'NEW_PS_FAMILY', tier: 1 })]);
    });
  });

  describe('given a new family with no child in Petite Section that year', () => {
    it('refuses the new PS category and says why', () => {
      const familyId = newId('family');
      const lea = childAdded(familyId, { classLevel: 'PS', schoolYear: '2024-2025' });
      const error = spec(familyDecider)
        .given([
          familyRegistered(familyId),
          lea,
          accountUpdated(familyId, {
            schoolYear: '2025-2026',
            children: [{ childId: lea.data.childId, classLevel: 'MS' }],
          }),
        ])
        .when(validateAccount({ schoolYear: '2025-2026', category: 'NEW_PS_FAMILY' }))
        .thenRefuses(RuleViolated, 'NO_CHILD_IN_PS');
      expect(error.message).toMatch(/Petite Section/);
    });
  });

  describe('given an account already validated for the year', () => {
    it('records a re-validation that changes the tier and the programs', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), accountValidated(familyId)])
        .when(validateAccount({ category: 'NEW_FAMILY', programIds: ['program-primaires'], validatedBy: 'staff-paul' }))
        .then([
          accountValidated(familyId, {
            category: 'NEW_FAMILY',
            tier: 2,
            programIds: ['program-primaires'],
            validatedBy: 'staff-paul',
          }),
        ]);
    });

    it('records nothing when the same validation is sent again', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), accountValidated(familyId, { programIds: ['p-1', 'p-2'] })])
        .when(validateAccount({ programIds: ['p-2', 'p-1'] }))
        .thenNothingHappens();
    });
  });

  describe('given an account rejected for the year', () => {
    it('validates it when staff change their mind', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), accountRejected(familyId)])
        .when(validateAccount())
        .then([accountValidated(familyId)]);
    });
  });

  describe('given no registered family', () => {
    it('refuses: there is no such family', () => {
      spec(familyDecider).given([]).when(validateAccount()).thenRefuses(NotFound, 'FAMILY_NOT_FOUND');
    });
  });
});
