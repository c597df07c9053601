import { familyDecider, familyStream } from '../../../src/domain/family/family.decider';
import type { RegisterFamily } from '../../../src/domain/family/register-family.command';
import { Conflict, RuleViolated } from '../../../src/domain/shared/errors';
import { aGuardian, anAddress, familyRegistered, newId } from '../../support/family.builders';
import { spec } from '../../support/given-when-then';

const registerFamily = (familyId: string, overrides: Partial<RegisterFamily['data']> = {}): RegisterFamily => ({
  type: 'RegisterFamily',
  data: { ...familyRegistered(familyId).data, ...overrides },
});

describe('familyStream', () => {
  it('names the stream after the family', () => {
    expect(familyStream('f-1')).toBe('family-f-1');
  });
});

describe('RegisterFamily', () => {
  describe('given a family not registered yet', () => {
    it('registers the family, up to date for the school year it registers for', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([])
        .when(registerFamily(familyId))
        .then([familyRegistered(familyId)]);
    });

    it('registers two guardians and trims what was typed', () => {
      const familyId = newId('family');
      const second = aGuardian({ firstName: 'Hugo', phone: '+33 6 98 76 54 32' });
      spec(familyDecider)
        .given([])
        .when(
          registerFamily(familyId, {
            email: ' camille.martin@example.org ',
            guardians: [aGuardian({ firstName: ' Camille ' }), second],
            address: { ...anAddress({ city: 'Paris ' }), line2: '  ' },
          }),
        )
        .then([familyRegistered(familyId, { guardians: [aGuardian(), second], address: anAddress() })]);
    });

    it('refuses a family without a guardian', () => {
      spec(familyDecider)
        .given([])
        .when(registerFamily(newId('family'), { guardians: [] }))
        .thenRefuses(RuleViolated, 'GUARDIANS_COUNT');
    });

    it('refuses more than two guardians', () => {
      spec(familyDecider)
        .given([])
        .when(registerFamily(newId('family'), { guardians: [aGuardian(), aGuardian(), aGuardian()] }))
        .thenRefuses(RuleViolated, 'GUARDIANS_COUNT');
    });

    it('refuses a guardian without a phone number', () => {
      spec(familyDecider)
        .given([])
        .when(registerFamily(newId('family'), { guardians: [aGuardian({ phone: '' })] }))
        .thenRefuses(RuleViolated, 'GUARDIAN_INCOMPLETE');
    });

    it('refuses a phone number that is not one, and names whose it is', () => {
      const error = spec(familyDecider)
        .given([])
        .when(registerFamily(newId('family'), { guardians: [aGuardian({ phone: 'call me' })] }))
        .thenRefuses(RuleViolated, 'PHONE_INVALID');
      expect(error.message).toContain('Camille Martin');
    });

    it('refuses an address without a city', () => {
      spec(familyDecider)
        .given([])
        .when(registerFamily(newId('family'), { address: anAddress({ city: ' ' }) }))
        .thenRefuses(RuleViolated, 'ADDRESS_INCOMPLETE');
    });

    it('refuses an e-mail that is not one', () => {
      spec(familyDecider)
        .given([])
        .when(registerFamily(newId('family'), { email: 'martin' }))
        .thenRefuses(RuleViolated, 'EMAIL_INVALID');
    });

    it('refuses a school year that is not one', () => {
      spec(familyDecider)
        .given([])
        .when(registerFamily(newId('family'), { schoolYear: '2024-2026' }))
        .thenRefuses(RuleViolated, 'SCHOOL_YEAR_INVALID');
    });
  });

  describe('given a family already registered', () => {
    it('refuses to register it again', () => {
      const familyId = newId('family');
      spec(familyDecider)
        .given([familyRegistered(familyId)])
        .when(registerFamily(familyId))
        .thenRefuses(Conflict, 'FAMILY_ALREADY_REGISTERED');
    });
  });
});
