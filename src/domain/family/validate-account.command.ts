import type { Message } from '../shared/decider';
import { RuleViolated } from '../shared/errors';
import { FAMILY_CATEGORIES, FamilyCategory, SchoolYear, tierOf } from '../shared/school';
import type { FamilyEvent } from './family.events';
import { checkSchoolYear } from './family.rules';
import { FamilyState, requireFamily } from './family.state';

export type ValidateAccount = Message<
  'ValidateAccount',
  {
    schoolYear: SchoolYear;
    category: FamilyCategory;
    /** the programs the family may see */
    programIds: string[];
    validatedBy: string;
    validatedAt: string;
  }
>;

/** PRODUCT.md: the family is registered and up to date for the school year; sets its tier and its programs. */
export function decideValidateAccount({ data }: ValidateAccount, state: FamilyState): FamilyEvent[] {
  const family = requireFamily(state);
  const { schoolYear, category } = data;
  checkSchoolYear(schoolYear);
  if (!FAMILY_CATEGORIES.includes(category)) {
    throw new RuleViolated(
      `"${category}" is not a family category: use one of ${FAMILY_CATEGORIES.join(', ')}.`,
      'CATEGORY_UNKNOWN',
    );
  }
  if (!family.upToDateFor.includes(schoolYear)) {
    throw new RuleViolated(
      `The family has not updated its account for ${schoolYear}: the account must be updated for ${schoolYear} before it can be validated.`,
      'ACCOUNT_NOT_UP_TO_DATE',
    );
  }
  const programIds = [...new Set(data.programIds.map((id) => id.trim()).filter((id) => id !== ''))];
  if (programIds.length === 0) {
    throw new RuleViolated('Choose at least one program the family may see.', 'PROGRAMS_REQUIRED');
  }
  // The procedure's priority goes to new families "ayant pré-inscrit un enfant en Petite Section".
  if (
    category === 'NEW_PS_FAMILY' &&
    !Object.values(family.children).some((child) => child.classLevels[schoolYear] === 'PS')
  ) {
    throw new RuleViolated(
      `A new PS family must have a child in Petite Section (PS) in ${schoolYear}, and this family has none: choose another category or correct the child's class.`,
      'NO_CHILD_IN_PS',
    );
  }
  const current = family.decisions[schoolYear];
  const unchanged =
    current?.status === 'VALIDATED' && current.category === category && sameSet(current.programIds, programIds);
  if (unchanged) return [];
  const { familyId } = family;
  const { validatedBy, validatedAt } = data;
  return [
    {
      type: 'AccountValidated',
      data: { familyId, schoolYear, category, tier: tierOf(category), programIds, validatedBy, validatedAt },
    },
  ];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
