import { Injectable, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hashPassword, passwordMatches } from '../auth/passwords';
import { Principal } from '../auth/principal';
import { Accounts } from './accounts.service';

/** Checks an e-mail and a password, and says nothing about which of the two was wrong. */
@Injectable()
export class SignIn {
  /** verified when the e-mail is unknown, so that the answer takes as long as for a wrong password */
  private readonly dummyHash = hashPassword(randomUUID());

  constructor(private readonly accounts: Accounts) {}

  async verify(email: string, password: string): Promise<Principal> {
    const account = await this.accounts.byEmail(email);
    const matches = await passwordMatches(account?.passwordHash ?? (await this.dummyHash), password);
    if (account === undefined || !matches) {
      throw new UnauthorizedException({ error: 'SIGN_IN_FAILED', message: 'E-mail or password is incorrect.' });
    }
    return { accountId: account.accountId, role: account.role, familyId: account.familyId };
  }
}
