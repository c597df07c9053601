import type { DefineBookingPhase } from '../../../src/domain/booking-phase/define-booking-phase.command';
import { programDecider } from '../../../src/domain/program/program.decider';
import { Conflict, NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import { bookingPhaseClosed, bookingPhaseDefined, newId, programCreated } from '../../support/program.builders';
import { spec } from '../../support/given-when-then';

const defineBookingPhase = (
  phaseId: string,
  overrides: Partial<DefineBookingPhase['data']> = {},
): DefineBookingPhase => {
  const { programId: _p, phaseId: _id, definedAt, ...schedule } = bookingPhaseDefined('unused').data;
  return { type: 'DefineBookingPhase', data: { phaseId, ...schedule, now: definedAt, ...overrides } };
};

/** The builders' priority phase: 2024-05-13 09:00 → 2024-05-27 20:00 (+02:00). */
const generalPhase = {
  name: 'Toutes les familles',
  opensAt: '2024-06-10T09:00:00+02:00',
  closesAt: '2024-06-24T20:00:00+02:00',
  admittedTiers: [1, 2] as (1 | 2)[],
};

describe('DefineBookingPhase', () => {
  describe('given a program', () => {
    it('defines the priority phase, for tier 1 only', () => {
      const [programId, phaseId] = [newId('program'), newId('phase')];
      spec(programDecider)
        .given([programCreated(programId)])
        .when(defineBookingPhase(phaseId))
        .then([bookingPhaseDefined(programId, { phaseId })]);
    });

    it('records the admitted tiers once each, in order', () => {
      const [programId, phaseId] = [newId('program'), newId('phase')];
      spec(programDecider)
        .given([programCreated(programId)])
        .when(defineBookingPhase(phaseId, { admittedTiers: [2, 1, 2] }))
        .then([bookingPhaseDefined(programId, { phaseId, admittedTiers: [1, 2] })]);
    });

    it('refuses a phase that closes when it opens', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(defineBookingPhase(newId('phase'), { closesAt: '2024-05-13T09:00:00+02:00' }))
        .thenRefuses(RuleViolated, 'PHASE_CLOSES_BEFORE_IT_OPENS');
    });

    it('refuses a phase that would open in the past', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(defineBookingPhase(newId('phase'), { now: '2024-05-13T09:00:01+02:00' }))
        .thenRefuses(RuleViolated, 'PHASE_IN_THE_PAST');
    });

    it('refuses a time without its offset, whose meaning would depend on the server', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(defineBookingPhase(newId('phase'), { opensAt: '2024-05-13T09:00:00' }))
        .thenRefuses(RuleViolated, 'INSTANT_INVALID');
    });

    it('refuses a phase that admits no tier', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(defineBookingPhase(newId('phase'), { admittedTiers: [] }))
        .thenRefuses(RuleViolated, 'TIERS_INVALID');
    });

    it('refuses a tier that does not exist', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(defineBookingPhase(newId('phase'), { admittedTiers: [3 as never] }))
        .thenRefuses(RuleViolated, 'TIERS_INVALID');
    });

    it('refuses a phase without a name', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(defineBookingPhase(newId('phase'), { name: '' }))
        .thenRefuses(RuleViolated, 'PHASE_NAME_REQUIRED');
    });
  });

  describe('given the priority phase defined', () => {
    it('defines the next phase, for every tier, after it', () => {
      const [programId, phaseId] = [newId('program'), newId('phase')];
      spec(programDecider)
        .given([programCreated(programId), bookingPhaseDefined(programId)])
        .when(defineBookingPhase(phaseId, generalPhase))
        .then([bookingPhaseDefined(programId, { phaseId, ...generalPhase })]);
    });

    it('defines a phase that opens exactly when the previous one closes', () => {
      const [programId, phaseId] = [newId('program'), newId('phase')];
      const adjacent = { ...generalPhase, opensAt: '2024-05-27T18:00:00Z' };
      spec(programDecider)
        .given([programCreated(programId), bookingPhaseDefined(programId)])
        .when(defineBookingPhase(phaseId, adjacent))
        .then([bookingPhaseDefined(programId, { phaseId, ...adjacent })]);
    });

    it('refuses an overlapping phase and names the phase it overlaps', () => {
      const programId = newId('program');
      const error = spec(programDecider)
        .given([programCreated(programId), bookingPhaseDefined(programId)])
        .when(defineBookingPhase(newId('phase'), { ...generalPhase, opensAt: '2024-05-27T17:59:00Z' }))
        .thenRefuses(Conflict, 'PHASE_OVERLAPS');
      expect(error.message).toContain('« Période prioritaire »');
    });

    it('refuses an overlap with a phase already closed too', () => {
      const programId = newId('program');
      const priority = bookingPhaseDefined(programId);
      spec(programDecider)
        .given([programCreated(programId), priority, bookingPhaseClosed(programId, priority.data.phaseId)])
        .when(defineBookingPhase(newId('phase'), { ...generalPhase, opensAt: '2024-05-20T09:00:00+02:00' }))
        .thenRefuses(Conflict, 'PHASE_OVERLAPS');
    });

    it('refuses to define it again', () => {
      const programId = newId('program');
      const priority = bookingPhaseDefined(programId);
      spec(programDecider)
        .given([programCreated(programId), priority])
        .when(defineBookingPhase(priority.data.phaseId, generalPhase))
        .thenRefuses(Conflict, 'PHASE_ALREADY_DEFINED');
    });
  });

  describe('given no program', () => {
    it('refuses: no such program', () => {
      spec(programDecider)
        .given([])
        .when(defineBookingPhase(newId('phase')))
        .thenRefuses(NotFound, 'PROGRAM_NOT_FOUND');
    });
  });
});
