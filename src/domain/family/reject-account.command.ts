import type { Message } from '../shared/decider';
import { RuleViolated } from '../shared/errors';
import type { SchoolYear } from '../shared/school';
import type { FamilyEvent } from './family.events';
import { checkSchoolYear } from './family.rules';
import { FamilyState, requireFamily } from './family.state';

export type RejectAccount = Message<
  'RejectAccount',
  { schoolYear: SchoolYear; reason: string; rejectedBy: string; rejectedAt: string }
>;

/** Allowed whatever the account's state, including after a validation: staff may revoke it, and it is recorded. */
export function decideRejectAccount({ data }: RejectAccount, state: FamilyState): FamilyEvent[] {
  const family = requireFamily(state);
  checkSchoolYear(data.schoolYear);
  const reason = data.reason.trim();
  if (reason === '') {
    throw new RuleViolated('Say why the account is rejected: the family will read it.', 'REASON_REQUIRED');
  }
  const current = family.decisions[data.schoolYear];
  if (current?.status === 'REJECTED' && current.reason === reason) return [];
  const { familyId } = family;
  const { schoolYear, rejectedBy, rejectedAt } = data;
  return [{ type: 'AccountRejected', data: { familyId, schoolYear, reason, rejectedBy, rejectedAt } }];
}
