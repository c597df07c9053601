import { AddChild, decideAddChild } from '../child/add-child.command';
import { decideUpdateChild, UpdateChild } from '../child/update-child.command';
import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import type { FamilyEvent } from './family.events';
import { evolveFamily, FamilyState, initialFamilyState } from './family.state';
import { decideRegisterFamily, RegisterFamily } from './register-family.command';
import { decideRejectAccount, RejectAccount } from './reject-account.command';
import { decideUpdateAccount, UpdateAccount } from './update-account.command';
import { decideValidateAccount, ValidateAccount } from './validate-account.command';

export const familyStream = (familyId: string) => `family-${familyId}`;

/** The family stream holds the family, its children and staff's decisions on its account, year by year. */
export type FamilyCommand = RegisterFamily | AddChild | UpdateChild | UpdateAccount | ValidateAccount | RejectAccount;

export const familyDecider: Decider<FamilyCommand, FamilyEvent, FamilyState> = {
  decide(command, state) {
    switch (command.type) {
      case 'RegisterFamily':
        return decideRegisterFamily(command, state);
      case 'AddChild':
        return decideAddChild(command, state);
      case 'UpdateChild':
        return decideUpdateChild(command, state);
      case 'UpdateAccount':
        return decideUpdateAccount(command, state);
      case 'ValidateAccount':
        return decideValidateAccount(command, state);
      case 'RejectAccount':
        return decideRejectAccount(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveFamily,
  initialState: initialFamilyState,
};
