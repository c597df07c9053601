import { programDecider } from '../../../src/domain/program/program.decider';
import type { ScheduleActivity } from '../../../src/domain/program/schedule-activity.command';
import { Conflict, NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import { activityScheduled, bookingPhaseDefined, newId, programCreated } from '../../support/program.builders';
import { spec } from '../../support/given-when-then';

const scheduleActivity = (activityId: string, overrides: Partial<ScheduleActivity['data']> = {}): ScheduleActivity => {
  const { programId: _p, scheduledAt, activityId: _a, ...details } = activityScheduled('unused').data;
  return { type: 'ScheduleActivity', data: { activityId, ...details, now: scheduledAt, ...overrides } };
};

describe('ScheduleActivity', () => {
  describe('given a maternelle program', () => {
    it('schedules the activity with its slot, price, accepted levels and capacity', () => {
      const programId = newId('program');
      const activityId = newId('activity');
      spec(programDecider)
        .given([programCreated(programId)])
        .when(scheduleActivity(activityId))
        .then([activityScheduled(programId, { activityId })]);
    });

    it('records the accepted levels once each, in class order', () => {
      const programId = newId('program');
      const activityId = newId('activity');
      spec(programDecider)
        .given([programCreated(programId)])
        .when(scheduleActivity(activityId, { acceptedLevels: ['GS', 'PS', 'GS'] }))
        .then([activityScheduled(programId, { activityId, acceptedLevels: ['PS', 'GS'] })]);
    });

    it('refuses a slot that ends when it starts', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(scheduleActivity(newId('activity'), { slot: { weekday: 'MONDAY', start: '16:30', end: '16:30' } }))
        .thenRefuses(RuleViolated, 'SLOT_ENDS_BEFORE_IT_STARTS');
    });

    it('refuses a slot with a time that is not HH:MM', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(scheduleActivity(newId('activity'), { slot: { weekday: 'MONDAY', start: '4pm', end: '17:30' } }))
        .thenRefuses(RuleViolated, 'SLOT_INVALID');
    });

    it('refuses a slot on a day that is not a weekday of the planning', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(
          scheduleActivity(newId('activity'), { slot: { weekday: 'SUNDAY' as never, start: '10:00', end: '11:00' } }),
        )
        .thenRefuses(RuleViolated, 'SLOT_INVALID');
    });

    it('refuses a level of the primaire cycle and lists the levels it accepts', () => {
      const error = spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(scheduleActivity(newId('activity'), { acceptedLevels: ['GS', 'CP'] }))
        .thenRefuses(RuleViolated, 'CLASS_LEVEL_NOT_IN_CYCLE');
      expect(error.message).toBe(
        'CP is not a level of Activités Maternelles 2024-2025: this program accepts only PS, MS, GS.',
      );
    });

    it('refuses an activity that accepts no level', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(scheduleActivity(newId('activity'), { acceptedLevels: [] }))
        .thenRefuses(RuleViolated, 'LEVELS_REQUIRED');
    });

    it('refuses a level that does not exist', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(scheduleActivity(newId('activity'), { acceptedLevels: ['TPS' as never] }))
        .thenRefuses(RuleViolated, 'CLASS_LEVEL_UNKNOWN');
    });

    it.each([0, -100, 12.5])('refuses a price of %p cents', (priceCents) => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(scheduleActivity(newId('activity'), { priceCents }))
        .thenRefuses(RuleViolated, 'PRICE_INVALID');
    });

    it.each([0, 2.5])('refuses a capacity of %p', (capacity) => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(scheduleActivity(newId('activity'), { capacity }))
        .thenRefuses(RuleViolated, 'CAPACITY_INVALID');
    });

    it('refuses an activity without a name', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(scheduleActivity(newId('activity'), { name: '' }))
        .thenRefuses(RuleViolated, 'ACTIVITY_NAME_REQUIRED');
    });
  });

  describe('given an activity of the same name in the same slot', () => {
    it('refuses the duplicate', () => {
      const programId = newId('program');
      spec(programDecider)
        .given([programCreated(programId), activityScheduled(programId)])
        .when(scheduleActivity(newId('activity'), { name: 'éveil MUSICAL' }))
        .thenRefuses(Conflict, 'ACTIVITY_DUPLICATE');
    });

    it('accepts the same activity in another slot', () => {
      const programId = newId('program');
      const activityId = newId('activity');
      const slot = { weekday: 'TUESDAY' as const, start: '16:30', end: '17:30' };
      spec(programDecider)
        .given([programCreated(programId), activityScheduled(programId)])
        .when(scheduleActivity(activityId, { slot }))
        .then([activityScheduled(programId, { activityId, slot })]);
    });

    it('accepts it again once the first was withdrawn', () => {
      const programId = newId('program');
      const first = activityScheduled(programId);
      const activityId = newId('activity');
      spec(programDecider)
        .given([
          programCreated(programId),
          first,
          {
            type: 'ActivityWithdrawn',
            data: {
              programId,
              activityId: first.data.activityId,
              reason: 'doublon',
              withdrawnAt: '2024-02-02T10:00:00+01:00',
            },
          },
        ])
        .when(scheduleActivity(activityId))
        .then([activityScheduled(programId, { activityId })]);
    });
  });

  describe('given the activity id already used', () => {
    it('refuses to schedule it again', () => {
      const programId = newId('program');
      const existing = activityScheduled(programId);
      spec(programDecider)
        .given([programCreated(programId), existing])
        .when(scheduleActivity(existing.data.activityId, { name: 'Judo' }))
        .thenRefuses(Conflict, 'ACTIVITY_ALREADY_EXISTS');
    });
  });

  describe('given booking already open', () => {
    it('still schedules a new activity: no reservation relies on it', () => {
      const programId = newId('program');
      const activityId = newId('activity');
      const now = '2024-05-20T12:00:00+02:00';
      spec(programDecider)
        .given([programCreated(programId), bookingPhaseDefined(programId)])
        .when(scheduleActivity(activityId, { now }))
        .then([activityScheduled(programId, { activityId, scheduledAt: now })]);
    });
  });

  describe('given no program', () => {
    it('refuses: no such program', () => {
      spec(programDecider)
        .given([])
        .when(scheduleActivity(newId('activity')))
        .thenRefuses(NotFound, 'PROGRAM_NOT_FOUND');
    });
  });
});
