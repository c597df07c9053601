import { Injectable } from '@nestjs/common';
import { accountDecider, accountStream } from '../../domain/account/account.decider';
import type { AccountEvent } from '../../domain/account/account.events';
import { fold } from '../../domain/shared/decider';
import { EventStore } from '../../event-store/event-store.port';
import { AccountCredentials, AccountsQuery } from '../../projections/accounts/accounts.query';
import { emailKey } from './email-key';

/** Finds an account by its e-mail. */
@Injectable()
export class Accounts {
  constructor(
    private readonly store: EventStore,
    private readonly query: AccountsQuery,
  ) {}

  /** from the read model; an account too new for it is read from its stream (one stream, by id) */
  async byEmail(email: string): Promise<AccountCredentials | undefined> {
    const key = emailKey(email);
    return this.query.byEmailKey(key) ?? (await this.fromStream(key));
  }

  /** from the account's stream only: what registration decides on */
  async byEmailFromStream(email: string): Promise<AccountCredentials | undefined> {
    return this.fromStream(emailKey(email));
  }

  private async fromStream(key: string): Promise<AccountCredentials | undefined> {
    const recorded = await this.store.readStream(accountStream(key));
    const state = fold(accountDecider, recorded as unknown as AccountEvent[]);
    if (state.status !== 'Registered') return undefined;
    const { accountId, email, role, familyId, passwordHash } = state;
    return { accountId, email, role, ...(familyId !== undefined && { familyId }), passwordHash };
  }
}
