import type { Message } from '../shared/decider';
import { Conflict, RuleViolated } from '../shared/errors';
import type { AccountEvent, AccountRole } from './account.events';
import type { AccountState } from './account.state';
import { isEmailAddress } from './email';

export type RegisterAccount = Message<
  'RegisterAccount',
  {
    accountId: string;
    email: string;
    passwordHash: string;
    role: AccountRole;
    /** required for parents, refused for staff */
    familyId?: string;
    registeredAt: string;
  }
>;

/** The stream is keyed by the normalised e-mail, so a second registration lands on the same stream. */
export function decideRegisterAccount({ data }: RegisterAccount, state: AccountState): AccountEvent[] {
  if (state.status === 'Registered') {
    throw new Conflict(
      'An account already exists with this e-mail address: log in, or reset your password.',
      'EMAIL_ALREADY_REGISTERED',
    );
  }
  if (!isEmailAddress(data.email)) {
    throw new RuleViolated(`"${data.email}" is not a valid e-mail address.`, 'EMAIL_INVALID');
  }
  if (data.passwordHash.trim() === '') {
    throw new RuleViolated('A password is required.', 'PASSWORD_REQUIRED');
  }
  if (data.role === 'parent' && !data.familyId) {
    throw new RuleViolated('A parent account must belong to a family.', 'FAMILY_REQUIRED');
  }
  if (data.role === 'staff' && data.familyId !== undefined) {
    throw new RuleViolated('A staff account does not belong to a family.', 'STAFF_WITHOUT_FAMILY');
  }
  const { familyId, ...rest } = data;
  return [
    {
      type: 'AccountRegistered',
      data: { ...rest, email: data.email.trim(), ...(familyId !== undefined && { familyId }) },
    },
  ];
}
