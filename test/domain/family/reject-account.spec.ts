import { familyDecider } from '../../../src/domain/family/family.decider';
import type { RejectAccount } from '../../../src/domain/family/reject-account.command';
import { NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import { accountRejected, accountValidated, familyRegistered, newId } from '../../support/family.builders';
import { spec } from '../../support/given-when-then';

const rejectAccount = (overrides: Partial<RejectAccount['data']> = {}): RejectAccount => ({
  type: 'RejectAccount',
  data: {
    schoolYear: '2024-2025',
    reason: 'Pas de justificatif de domicile',
    rejectedBy: 'staff-anne',
    rejectedAt: '2024-03-05T09:00:00+01:00',
    ...overrides,
  },
});

describe('RejectAccount', () => {
  describe('given a registered family', () => {
    it('rejects the account for the year, with the reason the family will read', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(rejectAccount())
        .then([accountRejected(familyId)]);
    });

    it('refuses a rejection without a reason', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(rejectAccount({ reason: '  ' }))
        .thenRefuses(RuleViolated, 'REASON_REQUIRED');
    });

    it('refuses a school year that is not one', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(rejectAccount({ schoolYear: '2024/2025' }))
        .thenRefuses(RuleViolated, 'SCHOOL_YEAR_INVALID');
    });
  });

  describe('given an account validated for the year', () => {
    it('records the rejection, which revokes the validation', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), accountValidated(familyId)])
        .when(rejectAccount())
        .then([accountRejected(familyId)]);
    });
  });

  describe('given an account already rejected for the same reason', () => {
    it('records nothing more', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId), accountRejected(familyId)])
        .when(rejectAccount())
        .thenNothingHappens();
    });
  });

  describe('given no registered family', () => {
    it('refuses: there is no such family', () => {
      spec(familyDecider).given([]).when(rejectAccount()).thenRefuses(NotFound, 'FAMILY_NOT_FOUND');
    });
  });
});
