import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import type { AccountEvent } from './account.events';
import { AccountState, evolveAccount, initialAccountState } from './account.state';
import { decideRegisterAccount, RegisterAccount } from './register-account.command';

/** `emailKey`: a hash of the normalised e-mail, computed by the application; the stream id makes e-mails unique. */
export const accountStream = (emailKey: string) => `account-${emailKey}`;

export type AccountCommand = RegisterAccount;

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  decide(command, state) {
    switch (command.type) {
      case 'RegisterAccount':
        return decideRegisterAccount(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve: evolveAccount,
  initialState: initialAccountState,
};
