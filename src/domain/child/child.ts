import { RuleViolated } from '../shared/errors';
import { CLASS_LEVELS, ClassLevel, SchoolYear } from '../shared/school';
import { isCalendarDate } from '../program/calendar';

/** A child of a family, as the family stream knows it. */
export interface Child {
  childId: string;
  firstName: string;
  lastName: string;
  /** `YYYY-MM-DD` */
  birthDate: string;
  /** the class level for the family's current school year */
  classLevel: ClassLevel;
  /** every class level given for a school year: when added, updated, or confirmed by an account update */
  classLevels: Readonly<Record<SchoolYear, ClassLevel>>;
}

export interface ChildDetails {
  firstName: string;
  lastName: string;
  birthDate: string;
  classLevel: ClassLevel;
}

export function isClassLevel(value: string): value is ClassLevel {
  return (CLASS_LEVELS as readonly string[]).includes(value);
}

export function checkClassLevel(value: string): ClassLevel {
  if (!isClassLevel(value)) {
    throw new RuleViolated(
      `"${value}" is not a class level: use one of ${CLASS_LEVELS.join(', ')}.`,
      'CLASS_LEVEL_UNKNOWN',
    );
  }
  return value;
}

/**
 * Checks and trims the details given (all of them when adding a child, some when updating one).
 * `today` is the date of the command (`YYYY-MM-DD`), for a birth date cannot be in the future.
 */
export function cleanChildDetails(details: Partial<ChildDetails>, today: string): Partial<ChildDetails> {
  const clean: Partial<ChildDetails> = {};
  for (const key of ['firstName', 'lastName'] as const) {
    const value = details[key];
    if (value === undefined) continue;
    if (value.trim() === '') {
      throw new RuleViolated("The child's first and last names are required.", 'CHILD_NAME_REQUIRED');
    }
    clean[key] = value.trim();
  }
  if (details.birthDate !== undefined) {
    if (!isCalendarDate(details.birthDate)) {
      throw new RuleViolated(
        `"${details.birthDate}" is not a date of birth: write it YYYY-MM-DD, e.g. 2021-04-17.`,
        'BIRTH_DATE_INVALID',
      );
    }
    if (details.birthDate > today) {
      throw new RuleViolated(`The date of birth ${details.birthDate} is in the future.`, 'BIRTH_DATE_INVALID');
    }
    clean.birthDate = details.birthDate;
  }
  if (details.classLevel !== undefined) clean.classLevel = checkClassLevel(details.classLevel);
  return clean;
}

/** The same child entered twice: same first name (ignoring case and accents) and same date of birth. */
export function isSameChild(
  a: Pick<Child, 'firstName' | 'birthDate'>,
  b: Pick<Child, 'firstName' | 'birthDate'>,
): boolean {
  return a.birthDate === b.birthDate && comparable(a.firstName) === comparable(b.firstName);
}

function comparable(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}
