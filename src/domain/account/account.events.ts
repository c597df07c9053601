import type { Message } from '../shared/decider';

export type AccountRole = 'parent' | 'staff';

/** Minimal on purpose: the family stream holds the personal data, the account only how to log in. */
export type AccountRegistered = Message<
  'AccountRegistered',
  {
    accountId: string;
    email: string;
    passwordHash: string;
    role: AccountRole;
    /** parents only: the family this account acts for */
    familyId?: string;
    registeredAt: string;
  }
>;

export type AccountEvent = AccountRegistered;
