import { isEmailAddress } from '../account/email';
import { RuleViolated } from '../shared/errors';
import { isSchoolYear, SchoolYear } from '../shared/school';
import type { Address, Guardian } from './family.events';

const PHONE_PATTERN = /^\+?\d[\d .-]{5,19}$/;

export function checkSchoolYear(schoolYear: SchoolYear): void {
  if (!isSchoolYear(schoolYear)) {
    throw new RuleViolated(`"${schoolYear}" is not a school year: write it like 2025-2026.`, 'SCHOOL_YEAR_INVALID');
  }
}

export function checkEmail(email: string): string {
  if (!isEmailAddress(email)) throw new RuleViolated(`"${email}" is not a valid e-mail address.`, 'EMAIL_INVALID');
  return email.trim();
}

/** One or two guardians, each with a name and a phone number; returned trimmed. */
export function cleanGuardians(guardians: readonly Guardian[]): Guardian[] {
  if (guardians.length < 1 || guardians.length > 2) {
    throw new RuleViolated('Give one or two guardians (parents or legal guardians) for the family.', 'GUARDIANS_COUNT');
  }
  return guardians.map(({ firstName, lastName, phone }) => {
    const guardian = { firstName: firstName.trim(), lastName: lastName.trim(), phone: phone.trim() };
    if (guardian.firstName === '' || guardian.lastName === '' || guardian.phone === '') {
      throw new RuleViolated(
        'Each guardian needs a first name, a last name and a phone number.',
        'GUARDIAN_INCOMPLETE',
      );
    }
    if (!PHONE_PATTERN.test(guardian.phone)) {
      throw new RuleViolated(
        `The phone number of ${guardian.firstName} ${guardian.lastName} ("${guardian.phone}") is not valid: write digits, e.g. 06 12 34 56 78 or +33 6 12 34 56 78.`,
        'PHONE_INVALID',
      );
    }
    return guardian;
  });
}

/** A street line, a postal code and a city; the second line is optional. Returned trimmed. */
export function cleanAddress({ line1, line2, postalCode, city }: Address): Address {
  const address = { line1: line1.trim(), postalCode: postalCode.trim(), city: city.trim() };
  if (address.line1 === '' || address.postalCode === '' || address.city === '') {
    throw new RuleViolated('The address needs a street line, a postal code and a city.', 'ADDRESS_INCOMPLETE');
  }
  const second = line2?.trim();
  return second ? { line1: address.line1, line2: second, postalCode: address.postalCode, city: address.city } : address;
}
