import { programDecider } from '../../../src/domain/program/program.decider';
import type { WithdrawActivity } from '../../../src/domain/program/withdraw-activity.command';
import { Conflict, NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import { activityScheduled, bookingPhaseDefined, newId, programCreated } from '../../support/program.builders';
import { spec } from '../../support/given-when-then';

const withdrawActivity = (activityId: string, overrides: Partial<WithdrawActivity['data']> = {}): WithdrawActivity => ({
  type: 'WithdrawActivity',
  data: { activityId, reason: 'Intervenant indisponible', now: '2024-04-01T09:00:00+02:00', ...overrides },
});

describe('WithdrawActivity', () => {
  describe('given an activity before booking opens', () => {
    it('withdraws it with its reason', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given([
          programCreated(programId),
          activityScheduled(programId, { activityId }),
          bookingPhaseDefined(programId),
        ])
        .when(withdrawActivity(activityId))
        .then([
          {
            type: 'ActivityWithdrawn',
            data: {
              programId,
              activityId,
              reason: 'Intervenant indisponible',
              withdrawnAt: '2024-04-01T09:00:00+02:00',
            },
          },
        ]);
    });

    it('refuses a withdrawal without a reason', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given([programCreated(programId), activityScheduled(programId, { activityId })])
        .when(withdrawActivity(activityId, { reason: ' ' }))
        .thenRefuses(RuleViolated, 'REASON_REQUIRED');
    });
  });

  describe('given booking opened with the priority phase', () => {
    it('refuses, names the phase and says what to do instead', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      const error = spec(programDecider)
        .given([
          programCreated(programId),
          activityScheduled(programId, { activityId }),
          bookingPhaseDefined(programId),
        ])
        .when(withdrawActivity(activityId, { now: '2024-05-14T09:00:00+02:00' }))
        .thenRefuses(Conflict, 'BOOKING_ALREADY_OPEN');
      expect(error.message).toMatch(/« Période prioritaire ».*can no longer be withdrawn/);
    });
  });

  describe('given an activity already withdrawn', () => {
    it('refuses to withdraw it twice', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given([
          programCreated(programId),
          activityScheduled(programId, { activityId }),
          {
            type: 'ActivityWithdrawn',
            data: { programId, activityId, reason: 'doublon', withdrawnAt: '2024-03-01T09:00:00+01:00' },
          },
        ])
        .when(withdrawActivity(activityId))
        .thenRefuses(Conflict, 'ACTIVITY_WITHDRAWN');
    });
  });

  describe('given no such activity', () => {
    it('refuses: no such activity', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(withdrawActivity(newId('activity')))
        .thenRefuses(NotFound, 'ACTIVITY_NOT_FOUND');
    });
  });

  describe('given no program', () => {
    it('refuses: no such program', () => {
      spec(programDecider)
        .given([])
        .when(withdrawActivity(newId('activity')))
        .thenRefuses(NotFound, 'PROGRAM_NOT_FOUND');
    });
  });
});
