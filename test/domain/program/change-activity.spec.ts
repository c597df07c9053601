import type { ChangeActivity } from '../../../src/domain/program/change-activity.command';
import { programDecider } from '../../../src/domain/program/program.decider';
import { Conflict, NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import { activityScheduled, bookingPhaseDefined, newId, programCreated } from '../../support/program.builders';
import { spec } from '../../support/given-when-then';

const BEFORE_BOOKING = '2024-04-01T09:00:00+02:00';
/** The priority phase of the builders opens on 2024-05-13 at 09:00 (+02:00). */
const DURING_BOOKING = '2024-05-13T09:00:00+02:00';

const changeActivity = (
  activityId: string,
  changes: ChangeActivity['data']['changes'],
  now = BEFORE_BOOKING,
): ChangeActivity => ({
  type: 'ChangeActivity',
  data: { activityId, changes, now },
});

const changed = (
  programId: string,
  activityId: string,
  changes: ChangeActivity['data']['changes'],
  changedAt = BEFORE_BOOKING,
) => ({
  type: 'ActivityChanged' as const,
  data: { programId, activityId, changes, changedAt },
});

describe('ChangeActivity', () => {
  describe('given an activity before booking opens', () => {
    const given = (programId: string, activityId: string) => [
      programCreated(programId),
      activityScheduled(programId, { activityId }),
      bookingPhaseDefined(programId),
    ];

    it('records a change of slot, price, levels and capacity', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      const changes = {
        slot: { weekday: 'THURSDAY' as const, start: '16:30', end: '17:30' },
        priceCents: 20000,
        acceptedLevels: ['MS' as const],
        capacity: 8,
      };
      spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, changes))
        .then([changed(programId, activityId, changes)]);
    });

    it('records only the fields that change', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { name: 'Éveil musical', acceptedLevels: ['MS', 'PS'], capacity: 14 }))
        .then([changed(programId, activityId, { capacity: 14 })]);
    });

    it('records nothing when nothing changes', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { priceCents: 18000 }))
        .thenNothingHappens();
    });

    it('refuses a slot that ends before it starts', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { slot: { weekday: 'MONDAY', start: '17:30', end: '16:30' } }))
        .thenRefuses(RuleViolated, 'SLOT_ENDS_BEFORE_IT_STARTS');
    });

    it('refuses a level of the other cycle', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { acceptedLevels: ['PS', 'CM2'] }))
        .thenRefuses(RuleViolated, 'CLASS_LEVEL_NOT_IN_CYCLE');
    });

    it('refuses a change that makes it the duplicate of another activity', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given([
          ...given(programId, activityId),
          activityScheduled(programId, { name: 'Judo', slot: { weekday: 'MONDAY', start: '17:00', end: '18:00' } }),
        ])
        .when(changeActivity(activityId, { name: 'Judo' }))
        .thenRefuses(Conflict, 'ACTIVITY_DUPLICATE');
    });
  });

  describe('given booking opened with the priority phase', () => {
    const given = (programId: string, activityId: string) => [
      programCreated(programId),
      activityScheduled(programId, { activityId }),
      bookingPhaseDefined(programId),
    ];

    it('allows fixing the name, raising the capacity and accepting more levels', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      const changes = {
        name: 'Éveil musical et rythmique',
        acceptedLevels: ['PS' as const, 'MS' as const, 'GS' as const],
        capacity: 15,
      };
      spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, changes, DURING_BOOKING))
        .then([changed(programId, activityId, changes, DURING_BOOKING)]);
    });

    it('refuses a change of slot and names the phase', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      const error = spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { slot: { weekday: 'MONDAY', start: '16:45', end: '17:45' } }, DURING_BOOKING))
        .thenRefuses(Conflict, 'BOOKING_ALREADY_OPEN');
      expect(error.message).toMatch(/« Période prioritaire »: changing the slot would invalidate reservations/);
    });

    it('refuses a change of price', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { priceCents: 15000 }, DURING_BOOKING))
        .thenRefuses(Conflict, 'BOOKING_ALREADY_OPEN');
    });

    it('refuses removing an accepted level, and says which', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      const error = spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { acceptedLevels: ['PS', 'GS'] }, DURING_BOOKING))
        .thenRefuses(Conflict, 'BOOKING_ALREADY_OPEN');
      expect(error.message).toContain('removing accepted levels (MS)');
    });

    it('refuses lowering the capacity', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      const error = spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { capacity: 10 }, DURING_BOOKING))
        .thenRefuses(Conflict, 'BOOKING_ALREADY_OPEN');
      expect(error.message).toContain('lowering the capacity (12 → 10)');
    });

    it('still refuses after the phase has closed', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given(given(programId, activityId))
        .when(changeActivity(activityId, { priceCents: 15000 }, '2024-06-15T09:00:00+02:00'))
        .thenRefuses(Conflict, 'BOOKING_ALREADY_OPEN');
    });
  });

  describe('given a withdrawn activity', () => {
    it('refuses to change it', () => {
      const [programId, activityId] = [newId('program'), newId('activity')];
      spec(programDecider)
        .given([
          programCreated(programId),
          activityScheduled(programId, { activityId }),
          {
            type: 'ActivityWithdrawn',
            data: { programId, activityId, reason: 'intervenant indisponible', withdrawnAt: BEFORE_BOOKING },
          },
        ])
        .when(changeActivity(activityId, { capacity: 20 }))
        .thenRefuses(Conflict, 'ACTIVITY_WITHDRAWN');
    });
  });

  describe('given no such activity', () => {
    it('refuses: no such activity', () => {
      const programId = newId('program');
      spec(programDecider)
        .given([programCreated(programId)])
        .when(changeActivity(newId('activity'), { capacity: 20 }))
        .thenRefuses(NotFound, 'ACTIVITY_NOT_FOUND');
    });
  });

  describe('given no program', () => {
    it('refuses: no such program', () => {
      spec(programDecider)
        .given([])
        .when(changeActivity(newId('activity'), { capacity: 20 }))
        .thenRefuses(NotFound, 'PROGRAM_NOT_FOUND');
    });
  });
});
