import type { AccountRole } from '../../domain/account/account.events';
import type { ReadDatabase } from '../read-database';

/** What sign-in needs to know about an account. Never leaves the server: it holds the password hash. */
export interface AccountCredentials {
  accountId: string;
  email: string;
  role: AccountRole;
  familyId?: string;
  passwordHash: string;
}

interface AccountRow {
  account_id: string;
  email: string;
  role: AccountRole;
  family_id: string | null;
  password_hash: string;
}

export class AccountsQuery {
  constructor(private readonly read: ReadDatabase) {}

  byEmailKey(emailKey: string): AccountCredentials | undefined {
    const row = this.read.db
      .prepare<[string], AccountRow>(
        'SELECT account_id, email, role, family_id, password_hash FROM accounts WHERE email_key = ?',
      )
      .get(emailKey);
    if (row === undefined) return undefined;
    return {
      accountId: row.account_id,
      email: row.email,
      role: row.role,
      ...(row.family_id !== null && { familyId: row.family_id }),
      passwordHash: row.password_hash,
    };
  }
}
