import { assertNever } from '../shared/decider';
import type { AccountEvent, AccountRole } from './account.events';

export type AccountState =
  | { status: 'Unregistered' }
  | {
      status: 'Registered';
      accountId: string;
      email: string;
      passwordHash: string;
      role: AccountRole;
      familyId?: string;
    };

export const initialAccountState: AccountState = { status: 'Unregistered' };

export function evolveAccount(_state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountRegistered': {
      const { registeredAt: _registeredAt, ...account } = event.data;
      return { status: 'Registered', ...account };
    }
    default:
      return assertNever(event.type);
  }
}
