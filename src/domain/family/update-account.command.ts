import type { Message } from '../shared/decider';
import { NotFound, RuleViolated } from '../shared/errors';
import type { ClassLevel, SchoolYear } from '../shared/school';
import { checkClassLevel } from '../child/child';
import type { Address, FamilyEvent, Guardian } from './family.events';
import { checkSchoolYear, cleanAddress, cleanGuardians } from './family.rules';
import { FamilyState, requireFamily } from './family.state';

/** « actualisation du compte »: a returning family confirms its details and every child's class for the year. */
export type UpdateAccount = Message<
  'UpdateAccount',
  {
    schoolYear: SchoolYear;
    guardians: Guardian[];
    address: Address;
    /** every child of the family, each with its class level for `schoolYear` */
    children: { childId: string; classLevel: ClassLevel }[];
    updatedAt: string;
  }
>;

export function decideUpdateAccount({ data }: UpdateAccount, state: FamilyState): FamilyEvent[] {
  const family = requireFamily(state);
  checkSchoolYear(data.schoolYear);
  if (data.schoolYear < family.currentSchoolYear) {
    throw new RuleViolated(
      `The account is already up to date for ${family.currentSchoolYear}; it cannot be updated for an earlier year (${data.schoolYear}).`,
      'SCHOOL_YEAR_PAST',
    );
  }
  const guardians = cleanGuardians(data.guardians);
  const address = cleanAddress(data.address);
  const confirmed = new Map<string, ClassLevel>();
  for (const { childId, classLevel } of data.children) {
    const child = family.children[childId];
    if (child === undefined) {
      throw new NotFound('One of the children listed is not a child of this family.', 'CHILD_NOT_FOUND');
    }
    if (confirmed.has(childId)) throw new RuleViolated(`${child.firstName} is listed twice.`, 'CHILD_LISTED_TWICE');
    confirmed.set(childId, checkClassLevel(classLevel));
  }
  const unconfirmed = Object.values(family.children).filter((child) => !confirmed.has(child.childId));
  if (unconfirmed.length > 0) {
    const names = unconfirmed.map((child) => child.firstName).join(', ');
    throw new RuleViolated(
      `Confirm the class of every child for ${data.schoolYear}: missing ${names}.`,
      'CHILD_CLASS_NOT_CONFIRMED',
    );
  }
  const children = Object.values(family.children).map(({ childId }) => ({
    childId,
    classLevel: confirmed.get(childId) as ClassLevel,
  }));
  const { familyId } = family;
  return [
    {
      type: 'AccountUpdated',
      data: { familyId, schoolYear: data.schoolYear, guardians, address, children, updatedAt: data.updatedAt },
    },
  ];
}
