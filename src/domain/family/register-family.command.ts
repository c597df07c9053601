import type { Message } from '../shared/decider';
import { Conflict } from '../shared/errors';
import type { SchoolYear } from '../shared/school';
import type { Address, FamilyEvent, Guardian } from './family.events';
import { checkEmail, checkSchoolYear, cleanAddress, cleanGuardians } from './family.rules';
import type { FamilyState } from './family.state';

export type RegisterFamily = Message<
  'RegisterFamily',
  {
    familyId: string;
    accountId: string;
    email: string;
    guardians: Guardian[];
    address: Address;
    /** the school year the family registers for; the registration makes the account up to date for it */
    schoolYear: SchoolYear;
    registeredAt: string;
  }
>;

export function decideRegisterFamily({ data }: RegisterFamily, state: FamilyState): FamilyEvent[] {
  if (state.status === 'Registered') {
    throw new Conflict('This family is already registered.', 'FAMILY_ALREADY_REGISTERED');
  }
  checkSchoolYear(data.schoolYear);
  const email = checkEmail(data.email);
  const guardians = cleanGuardians(data.guardians);
  const address = cleanAddress(data.address);
  const { familyId, accountId, schoolYear, registeredAt } = data;
  return [
    { type: 'FamilyRegistered', data: { familyId, accountId, email, guardians, address, schoolYear, registeredAt } },
  ];
}
