import { accountDecider, accountStream } from '../../../src/domain/account/account.decider';
import type { AccountRegistered } from '../../../src/domain/account/account.events';
import { fold } from '../../../src/domain/shared/decider';
import { Conflict, RuleViolated } from '../../../src/domain/shared/errors';
import { newId } from '../../support/family.builders';
import { spec } from '../../support/given-when-then';
import type { RegisterAccount } from '../../../src/domain/account/register-account.command';

const registerParent = (overrides: Partial<RegisterAccount['data']> = {}): RegisterAccount => ({
  type: 'RegisterAccount',
  data: {
    accountId: newId('account'),
    email: 'camille.martin@example.org',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    role: 'parent',
    familyId: newId('family'),
    registeredAt: '2024-03-01T10:00:00+01:00',
    ...overrides,
  },
});

const registered = (command: RegisterAccount): AccountRegistered => ({ type: 'AccountRegistered', data: command.data });

describe('accountStream', () => {
  it('names the stream after the e-mail key, so that an e-mail has one account', () => {
    expect(accountStream('5d41402abc4b2a76')).toBe('account-5d41402abc4b2a76');
  });
});

describe('RegisterAccount', () => {
  describe('given no account with this e-mail', () => {
    it('registers a parent account for its family', () => {
      const command = registerParent();
      spec(accountDecider)
        .given([])
        .when(command)
        .then([registered(command)]);
    });

    it('registers a staff account, which belongs to no family', () => {
      const command = registerParent({ role: 'staff', familyId: undefined });
      const { familyId: _none, ...data } = command.data;
      spec(accountDecider)
        .given([])
        .when({ type: 'RegisterAccount', data })
        .then([{ type: 'AccountRegistered', data }]);
    });

    it('keeps the e-mail without surrounding spaces', () => {
      const command = registerParent({ email: '  camille.martin@example.org ' });
      spec(accountDecider)
        .given([])
        .when(command)
        .then([{ type: 'AccountRegistered', data: { ...command.data, email: 'camille.martin@example.org' } }]);
    });

    it('refuses an address that is not an e-mail', () => {
      spec(accountDecider)
        .given([])
        .when(registerParent({ email: 'camille.martin' }))
        .thenRefuses(RuleViolated, 'EMAIL_INVALID');
    });

    it('refuses an account without a password', () => {
      spec(accountDecider)
        .given([])
        .when(registerParent({ passwordHash: ' ' }))
        .thenRefuses(RuleViolated, 'PASSWORD_REQUIRED');
    });

    it('refuses a parent account that belongs to no family', () => {
      spec(accountDecider)
        .given([])
        .when(registerParent({ familyId: undefined }))
        .thenRefuses(RuleViolated, 'FAMILY_REQUIRED');
    });

    it('refuses a staff account tied to a family', () => {
      spec(accountDecider)
        .given([])
        .when(registerParent({ role: 'staff' }))
        .thenRefuses(RuleViolated, 'STAFF_WITHOUT_FAMILY');
    });
  });

  describe('given an account already registered with this e-mail', () => {
    it('refuses and says the e-mail is taken', () => {
      const first = registerParent();
      const error = spec(accountDecider)
        .given([registered(first)])
        .when(registerParent())
        .thenRefuses(Conflict, 'EMAIL_ALREADY_REGISTERED');
      expect(error.message).toMatch(/already exists/);
    });
  });

  it('folds to a registered account holding what login needs', () => {
    const command = registerParent();
    const state = fold(accountDecider, [registered(command)]);
    expect(state).toEqual({
      status: 'Registered',
      accountId: command.data.accountId,
      email: command.data.email,
      passwordHash: command.data.passwordHash,
      role: 'parent',
      familyId: command.data.familyId,
    });
  });
});
