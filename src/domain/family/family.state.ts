import type { Child } from '../child/child';
import { assertNever } from '../shared/decider';
import { NotFound } from '../shared/errors';
import type { FamilyCategory, SchoolYear, Tier } from '../shared/school';
import type { Address, FamilyEvent, Guardian } from './family.events';

/** Staff's decision on the account for one school year. */
export type AccountDecision =
  | {
      status: 'VALIDATED';
      category: FamilyCategory;
      tier: Tier;
      programIds: readonly string[];
      validatedBy: string;
      validatedAt: string;
    }
  | { status: 'REJECTED'; reason: string; rejectedBy: string; rejectedAt: string };

export type AccountValidation = { status: 'NOT_VALIDATED' } | AccountDecision;

export interface RegisteredFamily {
  status: 'Registered';
  familyId: string;
  accountId: string;
  email: string;
  guardians: readonly Guardian[];
  address: Address;
  /** the school years the account was registered or updated for */
  upToDateFor: readonly SchoolYear[];
  /** the latest of them */
  currentSchoolYear: SchoolYear;
  children: Readonly<Record<string, Child>>;
  decisions: Readonly<Record<SchoolYear, AccountDecision>>;
}

export type FamilyState = { status: 'Unregistered' } | RegisteredFamily;

export const initialFamilyState: FamilyState = { status: 'Unregistered' };

export function evolveFamily(state: FamilyState, event: FamilyEvent): FamilyState {
  if (event.type === 'FamilyRegistered') {
    const { familyId, accountId, email, guardians, address, schoolYear } = event.data;
    return {
      status: 'Registered',
      familyId,
      accountId,
      email,
      guardians,
      address,
      upToDateFor: [schoolYear],
      currentSchoolYear: schoolYear,
      children: {},
      decisions: {},
    };
  }
  if (state.status !== 'Registered') return state;
  switch (event.type) {
    case 'ChildAdded': {
      const { familyId: _f, schoolYear, addedAt: _a, ...child } = event.data;
      return withChild(state, { ...child, classLevels: { [schoolYear]: child.classLevel } });
    }
    case 'ChildUpdated': {
      const child = state.children[event.data.childId];
      if (child === undefined) return state;
      const { classLevel } = event.data.changes;
      const classLevels =
        classLevel === undefined ? child.classLevels : { ...child.classLevels, [event.data.schoolYear]: classLevel };
      return withChild(state, { ...child, ...event.data.changes, classLevels });
    }
    case 'AccountUpdated': {
      const { schoolYear, guardians, address } = event.data;
      const children = { ...state.children };
      for (const { childId, classLevel } of event.data.children) {
        const child = children[childId];
        if (child !== undefined) {
          children[childId] = { ...child, classLevel, classLevels: { ...child.classLevels, [schoolYear]: classLevel } };
        }
      }
      const upToDateFor = state.upToDateFor.includes(schoolYear)
        ? state.upToDateFor
        : [...state.upToDateFor, schoolYear];
      return {
        ...state,
        guardians,
        address,
        children,
        upToDateFor,
        currentSchoolYear: schoolYear > state.currentSchoolYear ? schoolYear : state.currentSchoolYear,
      };
    }
    case 'AccountValidated': {
      const { schoolYear, category, tier, programIds, validatedBy, validatedAt } = event.data;
      return {
        ...state,
        decisions: {
          ...state.decisions,
          [schoolYear]: { status: 'VALIDATED', category, tier, programIds, validatedBy, validatedAt },
        },
      };
    }
    case 'AccountRejected': {
      const { schoolYear, reason, rejectedBy, rejectedAt } = event.data;
      return {
        ...state,
        decisions: { ...state.decisions, [schoolYear]: { status: 'REJECTED', reason, rejectedBy, rejectedAt } },
      };
    }
    default:
      return assertNever(event);
  }
}

function withChild(state: RegisteredFamily, child: Child): RegisteredFamily {
  return { ...state, children: { ...state.children, [child.childId]: child } };
}

/** Whether staff validated the family's account for this school year (PRODUCT.md, ValidateAccount). */
export function validationFor(state: FamilyState, schoolYear: SchoolYear): AccountValidation {
  if (state.status !== 'Registered') return { status: 'NOT_VALIDATED' };
  return state.decisions[schoolYear] ?? { status: 'NOT_VALIDATED' };
}

/** The child, or undefined when this family has no such child (or is not registered). */
export function childOf(state: FamilyState, childId: string): Child | undefined {
  return state.status === 'Registered' ? state.children[childId] : undefined;
}

/** The family's children (insertion order for non-numeric ids, such as UUIDs). */
export function childrenOf(state: FamilyState): Child[] {
  return state.status === 'Registered' ? Object.values(state.children) : [];
}

export function requireFamily(state: FamilyState): RegisteredFamily {
  if (state.status !== 'Registered') {
    throw new NotFound('This family is not registered: register the family first.', 'FAMILY_NOT_FOUND');
  }
  return state;
}
