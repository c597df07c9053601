import {
  firstPhaseOpened,
  nextPhaseFor,
  phaseOf,
  phaseOpenAt,
  phasesOf,
} from '../../../src/domain/booking-phase/booking-phase';
import { programDecider } from '../../../src/domain/program/program.decider';
import { activityOf, scheduledActivities } from '../../../src/domain/program/program.state';
import { fold } from '../../../src/domain/shared/decider';
import { RuleViolated } from '../../../src/domain/shared/errors';
import {
  activityScheduled,
  aSeedCommitment,
  bookingPhaseClosed,
  bookingPhaseDefined,
  newId,
  programCreated,
} from '../../support/program.builders';

/** A program with the procedure's two phases: priority (tier 1) 13–27 May, then everyone 10–24 June 2024. */
function aProgramWithTwoPhases() {
  const programId = newId('program');
  const priority = bookingPhaseDefined(programId);
  const general = bookingPhaseDefined(programId, {
    name: 'Toutes les familles',
    opensAt: '2024-06-10T09:00:00+02:00',
    closesAt: '2024-06-24T20:00:00+02:00',
    admittedTiers: [1, 2],
  });
  // defined out of order on purpose: the helpers follow the clock, not the stream
  const events = [programCreated(programId), general, priority];
  return { programId, priority: priority.data.phaseId, general: general.data.phaseId, events };
}

describe('phaseOpenAt', () => {
  it('gives the phase open at this time for this tier', () => {
    const { events, priority } = aProgramWithTwoPhases();
    expect(phaseOpenAt(fold(programDecider, events), '2024-05-13T07:00:00Z', 1)).toMatchObject({
      phaseId: priority,
      status: 'Defined',
    });
  });

  it('gives nothing to a tier the open phase does not admit', () => {
    const { events } = aProgramWithTwoPhases();
    expect(phaseOpenAt(fold(programDecider, events), '2024-05-20T12:00:00+02:00', 2)).toBeUndefined();
  });

  it('gives the open phase whatever the tiers it admits when no tier is asked', () => {
    const { events, priority } = aProgramWithTwoPhases();
    expect(phaseOpenAt(fold(programDecider, events), '2024-05-20T12:00:00+02:00')?.phaseId).toBe(priority);
  });

  it('gives nothing at the deadline: the closing time is excluded', () => {
    const { events } = aProgramWithTwoPhases();
    expect(phaseOpenAt(fold(programDecider, events), '2024-05-27T20:00:00+02:00', 1)).toBeUndefined();
  });

  it('gives nothing between two phases', () => {
    const { events } = aProgramWithTwoPhases();
    expect(phaseOpenAt(fold(programDecider, events), '2024-06-01T12:00:00+02:00', 1)).toBeUndefined();
  });

  it('gives nothing for a program not created', () => {
    expect(phaseOpenAt(fold(programDecider, []), '2024-05-20T12:00:00+02:00', 1)).toBeUndefined();
  });

  it('refuses a current time without its offset', () => {
    const { events } = aProgramWithTwoPhases();
    expect(() => phaseOpenAt(fold(programDecider, events), '2024-05-20T12:00:00', 1)).toThrow(RuleViolated);
  });
});

describe('nextPhaseFor', () => {
  it('tells a tier 2 family, during the priority phase, when its phase opens', () => {
    const { events, general } = aProgramWithTwoPhases();
    expect(nextPhaseFor(fold(programDecider, events), '2024-05-20T12:00:00+02:00', 2)).toMatchObject({
      phaseId: general,
      opensAt: '2024-06-10T09:00:00+02:00',
    });
  });

  it('gives the earliest phase to come for tier 1 before any opens', () => {
    const { events, priority } = aProgramWithTwoPhases();
    expect(nextPhaseFor(fold(programDecider, events), '2024-04-01T12:00:00+02:00', 1)?.phaseId).toBe(priority);
  });

  it('gives nothing once the last phase has opened', () => {
    const { events } = aProgramWithTwoPhases();
    expect(nextPhaseFor(fold(programDecider, events), '2024-06-10T09:00:00+02:00', 1)).toBeUndefined();
  });
});

describe('firstPhaseOpened', () => {
  it('gives nothing before the first phase opens', () => {
    const { events } = aProgramWithTwoPhases();
    expect(firstPhaseOpened(fold(programDecider, events), '2024-05-13T08:59:59+02:00')).toBeUndefined();
  });

  it('gives the first phase from its opening on, even once closed', () => {
    const { programId, events, priority } = aProgramWithTwoPhases();
    const state = fold(programDecider, [...events, bookingPhaseClosed(programId, priority)]);
    expect(firstPhaseOpened(state, '2024-05-13T09:00:00+02:00')?.phaseId).toBe(priority);
    expect(firstPhaseOpened(state, '2024-07-01T09:00:00+02:00')?.phaseId).toBe(priority);
  });
});

describe('phaseOf and phasesOf', () => {
  it('give a closed phase with its seed commitment, and the phases in the order they open', () => {
    const { programId, events, priority, general } = aProgramWithTwoPhases();
    const state = fold(programDecider, [...events, bookingPhaseClosed(programId, priority)]);
    expect(phaseOf(state, priority)).toMatchObject({ status: 'Closed', seedCommitment: aSeedCommitment });
    expect(phasesOf(state).map((phase) => phase.phaseId)).toEqual([priority, general]);
  });
});

describe('the phases kept in opening order for a state', () => {
  it('follow the stream: a phase closed or defined after a question is seen by the next one', () => {
    const { programId, events, priority } = aProgramWithTwoPhases();
    const before = fold(programDecider, events);
    expect(phaseOpenAt(before, '2024-05-20T12:00:00+02:00', 1)?.phaseId).toBe(priority);

    const closed = programDecider.evolve(before, bookingPhaseClosed(programId, priority));
    expect(phaseOpenAt(closed, '2024-05-20T12:00:00+02:00', 1)).toBeUndefined();

    const late = bookingPhaseDefined(programId, {
      name: 'Places restantes',
      opensAt: '2024-09-02T09:00:00+02:00',
      closesAt: '2024-09-09T20:00:00+02:00',
      admittedTiers: [1, 2],
    });
    const withLate = programDecider.evolve(closed, late);
    expect(nextPhaseFor(withLate, '2024-06-30T12:00:00+02:00', 2)?.phaseId).toBe(late.data.phaseId);
    // the earlier states answer as they did
    expect(phaseOpenAt(before, '2024-05-20T12:00:00+02:00', 1)?.phaseId).toBe(priority);
    expect(nextPhaseFor(closed, '2024-06-30T12:00:00+02:00', 2)).toBeUndefined();
  });
});

describe('activityOf and scheduledActivities', () => {
  it('give the activity as last changed, and tell a withdrawn one', () => {
    const programId = newId('program');
    const kept = activityScheduled(programId);
    const withdrawn = activityScheduled(programId, { name: 'Judo' });
    const state = fold(programDecider, [
      programCreated(programId),
      kept,
      withdrawn,
      {
        type: 'ActivityChanged',
        data: {
          programId,
          activityId: kept.data.activityId,
          changes: { capacity: 15 },
          changedAt: '2024-03-01T09:00:00+01:00',
        },
      },
      {
        type: 'ActivityWithdrawn',
        data: {
          programId,
          activityId: withdrawn.data.activityId,
          reason: 'doublon',
          withdrawnAt: '2024-03-01T09:00:00+01:00',
        },
      },
    ]);
    expect(activityOf(state, kept.data.activityId)).toEqual({
      status: 'Scheduled',
      activityId: kept.data.activityId,
      name: 'Éveil musical',
      slot: { weekday: 'MONDAY', start: '16:30', end: '17:30' },
      priceCents: 18000,
      acceptedLevels: ['PS', 'MS'],
      capacity: 15,
    });
    expect(activityOf(state, withdrawn.data.activityId)).toMatchObject({
      status: 'Withdrawn',
      withdrawnReason: 'doublon',
    });
    expect(activityOf(state, newId('activity'))).toBeUndefined();
    expect(scheduledActivities(state).map((activity) => activity.activityId)).toEqual([kept.data.activityId]);
  });
});
