import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { ClassLevel, FamilyCategory } from '../../src/domain/shared/school';
import { TEST_STAFF, TestApp } from './test-app';

/**
 * A family's journey through the HTTP API, for end-to-end tests of any module: register, sign in,
 * add children, get validated. Every helper fails with the status and body it got when the
 * service refuses, so that a broken step says why.
 */

export const JOURNEY_SCHOOL_YEAR = '2025-2026';

export interface RegistrationBody {
  email: string;
  password: string;
  guardians: { firstName: string; lastName: string; phone: string }[];
  address: { line1: string; line2?: string; postalCode: string; city: string };
  schoolYear: string;
}

export interface ChildBody {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  classLevel: ClassLevel;
}

export interface RegisteredFamily {
  familyId: string;
  email: string;
  password: string;
  /** `Bearer …`, for `.set('Authorization', auth)` */
  auth: string;
}

/** a fresh e-mail address per call */
export const aNewEmail = () => `parent-${randomUUID()}@example.org`;

/** A registration for 2025-2026 (the school year after the test clock's 2025-03-01), with a fresh e-mail. */
export const aRegistration = (overrides: Partial<RegistrationBody> = {}): RegistrationBody => ({
  email: aNewEmail(),
  password: 'un mot de passe assez long',
  guardians: [{ firstName: 'Camille', lastName: 'Martin', phone: '06 12 34 56 78' }],
  address: { line1: '12 rue Victor Hugo', postalCode: '75016', city: 'Paris' },
  schoolYear: JOURNEY_SCHOOL_YEAR,
  ...overrides,
});

/** A child in CP in the family's current school year. */
export const aChild = (overrides: Partial<ChildBody> = {}): ChildBody => ({
  firstName: 'Léa',
  lastName: 'Martin',
  birthDate: '2019-05-04',
  classLevel: 'CP',
  ...overrides,
});

/** POST /auth/register; the parent comes back signed in. */
export async function registerFamily(t: TestApp, overrides: Partial<RegistrationBody> = {}): Promise<RegisteredFamily> {
  const body = aRegistration(overrides);
  const response = expectStatus(await t.http().post('/auth/register').send(body), 201, 'register a family');
  return {
    familyId: response.body.familyId,
    email: body.email,
    password: body.password,
    auth: `Bearer ${response.body.accessToken}`,
  };
}

/** POST /auth/sign-in → `Bearer …` */
export async function signIn(t: TestApp, email: string, password: string): Promise<string> {
  const response = expectStatus(await t.http().post('/auth/sign-in').send({ email, password }), 200, 'sign in');
  return `Bearer ${response.body.accessToken}`;
}

/** Signs in the staff account the test app creates at start-up. */
export const staffAuth = (t: TestApp): Promise<string> => signIn(t, TEST_STAFF.email, TEST_STAFF.password);

/** POST /me/children → the child's id (default: a CP child). */
export async function addChild(t: TestApp, auth: string, child: Partial<ChildBody> = {}): Promise<string> {
  const response = expectStatus(
    await t.http().post('/me/children').set('Authorization', auth).send(aChild(child)),
    201,
    'add a child',
  );
  return response.body.childId;
}

/**
 * POST /families/:familyId/validations as staff. The family must be up to date for the school
 * year (a family registered for it is) and the programs must exist in that school year.
 */
export async function validateFamily(
  t: TestApp,
  staffAuth: string,
  familyId: string,
  decision: { schoolYear: string; category: FamilyCategory; programIds: string[] },
): Promise<void> {
  expectStatus(
    await t.http().post(`/families/${familyId}/validations`).set('Authorization', staffAuth).send(decision),
    201,
    'validate the family',
  );
}

function expectStatus(response: Response, status: number, step: string): Response {
  if (response.status !== status) {
    throw new Error(`Could not ${step}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response;
}
