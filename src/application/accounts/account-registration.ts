import { accountDecider, accountStream } from '../../domain/account/account.decider';
import type { AccountRole } from '../../domain/account/account.events';
import type { Decider, Message } from '../../domain/shared/decider';
import { Conflict } from '../../domain/shared/errors';
import type { EventStore } from '../../event-store/event-store.port';
import { hashPassword } from '../auth/passwords';
import type { CommandContext } from '../shared/command-context';
import { CommandResult, handleCommand } from '../shared/handle-command';
import { emailKey } from './email-key';

/** Runs a command on one stream: `Commands` in the service, the bare store in a script. */
export interface CommandRunner {
  run<C, E extends Message, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    context: CommandContext,
  ): Promise<CommandResult<E, S>>;
}

/** For writes that must not wait for read models: a script has none, and start-up may not have started them. */
export function storeRunner(store: EventStore): CommandRunner {
  return {
    run: <C, E extends Message, S>(streamId: string, decider: Decider<C, E, S>, command: C, context: CommandContext) =>
      handleCommand(store, streamId, decider, command, context),
  };
}

export interface NewAccount {
  accountId: string;
  email: string;
  password: string;
  role: AccountRole;
  /** parents only */
  familyId?: string;
}

/**
 * Writes the account on the stream its e-mail names, so that a second account for the same
 * e-mail is refused by the stream itself: Conflict `EMAIL_ALREADY_REGISTERED`.
 */
export async function registerAccount(runner: CommandRunner, account: NewAccount, context: CommandContext) {
  const { accountId, email, role, familyId } = account;
  const passwordHash = await hashPassword(account.password);
  return runner.run(
    accountStream(emailKey(email)),
    accountDecider,
    {
      type: 'RegisterAccount',
      data: {
        accountId,
        email,
        passwordHash,
        role,
        ...(familyId !== undefined && { familyId }),
        registeredAt: context.now.toISOString(),
      },
    },
    context,
  );
}

export type StaffAccountOutcome = { created: true; accountId: string } | { created: false };

/**
 * The first staff account, from the configuration or `npm run staff:create`, never from a public
 * route. Idempotent: when an account already exists with this e-mail it is left as it is.
 */
export async function createStaffAccount(
  runner: CommandRunner,
  credentials: { accountId: string; email: string; password: string },
  context: CommandContext,
): Promise<StaffAccountOutcome> {
  try {
    await registerAccount(runner, { ...credentials, role: 'staff' }, context);
    return { created: true, accountId: credentials.accountId };
  } catch (error) {
    if (error instanceof Conflict && error.code === 'EMAIL_ALREADY_REGISTERED') return { created: false };
    throw error;
  }
}
