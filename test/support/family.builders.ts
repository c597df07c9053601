import { randomUUID } from 'node:crypto';
import type { ChildAdded } from '../../src/domain/child/child.events';
import type {
  AccountRejected,
  AccountUpdated,
  AccountValidated,
  Address,
  FamilyRegistered,
  Guardian,
} from '../../src/domain/family/family.events';

/** A fresh id per test: `family-3f2a…`. */
export const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

export const aGuardian = (overrides: Partial<Guardian> = {}): Guardian => ({
  firstName: 'Camille',
  lastName: 'Martin',
  phone: '06 12 34 56 78',
  ...overrides,
});

export const anAddress = (overrides: Partial<Address> = {}): Address => ({
  line1: '12 rue Victor Hugo',
  postalCode: '75016',
  city: 'Paris',
  ...overrides,
});

export const familyRegistered = (
  familyId: string,
  overrides: Partial<FamilyRegistered['data']> = {},
): FamilyRegistered => ({
  type: 'FamilyRegistered',
  data: {
    familyId,
    accountId: `account-of-${familyId}`,
    email: 'camille.martin@example.org',
    guardians: [aGuardian()],
    address: anAddress(),
    schoolYear: '2024-2025',
    registeredAt: '2024-03-01T10:00:00+01:00',
    ...overrides,
  },
});

export const childAdded = (familyId: string, overrides: Partial<ChildAdded['data']> = {}): ChildAdded => ({
  type: 'ChildAdded',
  data: {
    familyId,
    childId: newId('child'),
    firstName: 'Léa',
    lastName: 'Martin',
    birthDate: '2021-04-17',
    classLevel: 'PS',
    schoolYear: '2024-2025',
    addedAt: '2024-03-01T10:05:00+01:00',
    ...overrides,
  },
});

export const accountUpdated = (familyId: string, overrides: Partial<AccountUpdated['data']> = {}): AccountUpdated => ({
  type: 'AccountUpdated',
  data: {
    familyId,
    schoolYear: '2025-2026',
    guardians: [aGuardian()],
    address: anAddress(),
    children: [],
    updatedAt: '2025-03-10T18:00:00+01:00',
    ...overrides,
  },
});

export const accountValidated = (
  familyId: string,
  overrides: Partial<AccountValidated['data']> = {},
): AccountValidated => ({
  type: 'AccountValidated',
  data: {
    familyId,
    schoolYear: '2024-2025',
    category: 'RETURNING_MEMBER',
    tier: 1,
    programIds: ['program-maternelles'],
    validatedBy: 'staff-anne',
    validatedAt: '2024-03-05T09:00:00+01:00',
    ...overrides,
  },
});

export const accountRejected = (
  familyId: string,
  overrides: Partial<AccountRejected['data']> = {},
): AccountRejected => ({
  type: 'AccountRejected',
  data: {
    familyId,
    schoolYear: '2024-2025',
    reason: 'Pas de justificatif de domicile',
    rejectedBy: 'staff-anne',
    rejectedAt: '2024-03-05T09:00:00+01:00',
    ...overrides,
  },
});
