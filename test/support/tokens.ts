import { randomUUID } from 'node:crypto';
import { Tokens } from '../../src/application/auth/tokens.service';
import { TestApp } from './test-app';

/** A bearer header for a principal, without going through sign-in (for tests of other routes). */
export async function bearer(
  t: TestApp,
  principal: { role: 'parent' | 'staff'; familyId?: string; accountId?: string },
) {
  const { accessToken } = await t.app
    .get(Tokens)
    .issue({ accountId: principal.accountId ?? randomUUID(), ...principal });
  return `Bearer ${accessToken}`;
}

export const staffBearer = (t: TestApp) => bearer(t, { role: 'staff' });
export const parentBearer = (t: TestApp, familyId: string) => bearer(t, { role: 'parent', familyId });
