import type { ChildEvent } from '../child/child.events';
import type { Message } from '../shared/decider';
import type { ClassLevel, FamilyCategory, SchoolYear, Tier } from '../shared/school';

export interface Guardian {
  firstName: string;
  lastName: string;
  phone: string;
}

export interface Address {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
}

/** The registration counts as the account being up to date for `schoolYear`. */
export type FamilyRegistered = Message<
  'FamilyRegistered',
  {
    familyId: string;
    accountId: string;
    email: string;
    guardians: Guardian[];
    address: Address;
    schoolYear: SchoolYear;
    registeredAt: string;
  }
>;

/** « actualisation du compte »: a returning family brings its account up to date for a new school year. */
export type AccountUpdated = Message<
  'AccountUpdated',
  {
    familyId: string;
    schoolYear: SchoolYear;
    guardians: Guardian[];
    address: Address;
    /** every child of the family, with the class level confirmed for `schoolYear` */
    children: { childId: string; classLevel: ClassLevel }[];
    updatedAt: string;
  }
>;

/** Staff validated the account for a school year; a later validation for the same year replaces it. */
export type AccountValidated = Message<
  'AccountValidated',
  {
    familyId: string;
    schoolYear: SchoolYear;
    category: FamilyCategory;
    tier: Tier;
    /** the programs the family may see and book */
    programIds: string[];
    validatedBy: string;
    validatedAt: string;
  }
>;

export type AccountRejected = Message<
  'AccountRejected',
  {
    familyId: string;
    schoolYear: SchoolYear;
    reason: string;
    rejectedBy: string;
    rejectedAt: string;
  }
>;

export type FamilyEvent = FamilyRegistered | AccountUpdated | AccountValidated | AccountRejected | ChildEvent;
