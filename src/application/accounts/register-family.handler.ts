import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { Address, Guardian } from '../../domain/family/family.events';
import { familyDecider, familyStream } from '../../domain/family/family.decider';
import type { FamilyEvent } from '../../domain/family/family.events';
import { fold } from '../../domain/shared/decider';
import { Conflict } from '../../domain/shared/errors';
import { EventStore } from '../../event-store/event-store.port';
import { passwordMatches } from '../auth/passwords';
import { Tokens } from '../auth/tokens.service';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';
import { registerAccount } from './account-registration';
import { Accounts } from './accounts.service';
import type { AccountCredentials } from '../../projections/accounts/accounts.query';

export interface Registration {
  email: string;
  password: string;
  guardians: Guardian[];
  address: Address;
  schoolYear: string;
}

export type Registered = Awaited<ReturnType<Tokens['issue']>> & { familyId: string };

/** A parent registers the family and its account, and is signed in. */
export class RegisterFamily extends Command<Registered> {
  constructor(
    readonly registration: Registration,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Two streams, written one after the other: the account first (its stream id, from the e-mail,
 * makes e-mails unique) holding the family id, then the family. A crash in between leaves an
 * account without its family; registering again with the same e-mail and password finishes it.
 */
@CommandHandler(RegisterFamily)
export class RegisterFamilyHandler implements ICommandHandler<RegisterFamily> {
  constructor(
    private readonly commands: Commands,
    private readonly store: EventStore,
    private readonly accounts: Accounts,
    private readonly tokens: Tokens,
  ) {}

  async execute({ registration, context }: RegisterFamily): Promise<Registered> {
    const existing = await this.accounts.byEmailFromStream(registration.email);
    if (existing !== undefined) return this.finish(existing, registration, context);
    const accountId = randomUUID();
    const familyId = randomUUID();
    const command = registerFamily(registration, familyId, accountId, context);
    // decided once before anything is written: a family the domain refuses must leave no account behind
    familyDecider.decide(command, familyDecider.initialState);
    const { email, password } = registration;
    await registerAccount(this.commands, { accountId, email, password, role: 'parent', familyId }, context);
    await this.commands.run(familyStream(familyId), familyDecider, command, context);
    return this.signedIn(accountId, familyId);
  }

  private async finish(
    account: AccountCredentials,
    registration: Registration,
    context: CommandContext,
  ): Promise<Registered> {
    const { familyId, accountId } = account;
    const unfinished =
      account.role === 'parent' &&
      familyId !== undefined &&
      (await this.familyIsMissing(familyId)) &&
      (await passwordMatches(account.passwordHash, registration.password));
    if (!unfinished || familyId === undefined) {
      throw new Conflict(
        'An account already exists with this e-mail address: sign in with it.',
        'EMAIL_ALREADY_REGISTERED',
      );
    }
    await this.commands.run(
      familyStream(familyId),
      familyDecider,
      registerFamily(registration, familyId, accountId, context),
      context,
    );
    return this.signedIn(accountId, familyId);
  }

  private async familyIsMissing(familyId: string): Promise<boolean> {
    const recorded = await this.store.readStream(familyStream(familyId));
    return fold(familyDecider, recorded as unknown as FamilyEvent[]).status === 'Unregistered';
  }

  private async signedIn(accountId: string, familyId: string): Promise<Registered> {
    return { ...(await this.tokens.issue({ accountId, role: 'parent', familyId })), familyId };
  }
}

function registerFamily(registration: Registration, familyId: string, accountId: string, context: CommandContext) {
  const { email, guardians, address, schoolYear } = registration;
  return {
    type: 'RegisterFamily' as const,
    data: { familyId, accountId, email, guardians, address, schoolYear, registeredAt: context.now.toISOString() },
  };
}
