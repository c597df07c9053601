import type { CloseBookingPhase } from '../../../src/domain/booking-phase/close-booking-phase.command';
import { programDecider } from '../../../src/domain/program/program.decider';
import { Conflict, NotFound, RuleViolated } from '../../../src/domain/shared/errors';
import {
  aSeedCommitment,
  bookingPhaseClosed,
  bookingPhaseDefined,
  newId,
  programCreated,
} from '../../support/program.builders';
import { spec } from '../../support/given-when-then';

/** The builders' priority phase closes on 2024-05-27 at 20:00 (+02:00). */
const AT_DEADLINE = '2024-05-27T18:00:00Z';

const closeBookingPhase = (phaseId: string, overrides: Partial<CloseBookingPhase['data']> = {}): CloseBookingPhase => ({
  type: 'CloseBookingPhase',
  data: { phaseId, seedCommitment: aSeedCommitment, now: AT_DEADLINE, ...overrides },
});

describe('CloseBookingPhase', () => {
  describe('given the priority phase past its deadline', () => {
    it("closes it and records the seed's commitment", () => {
      const programId = newId('program');
      const phase = bookingPhaseDefined(programId);
      spec(programDecider)
        .given([programCreated(programId), phase])
        .when(closeBookingPhase(phase.data.phaseId))
        .then([bookingPhaseClosed(programId, phase.data.phaseId, { closedAt: AT_DEADLINE })]);
    });

    it('refuses a commitment that is not a SHA-256 digest', () => {
      const programId = newId('program');
      const phase = bookingPhaseDefined(programId);
      spec(programDecider)
        .given([programCreated(programId), phase])
        .when(closeBookingPhase(phase.data.phaseId, { seedCommitment: 'my-seed' }))
        .thenRefuses(RuleViolated, 'SEED_COMMITMENT_INVALID');
    });
  });

  describe('given the priority phase still open', () => {
    it('refuses and says until when it stays open', () => {
      const programId = newId('program');
      const phase = bookingPhaseDefined(programId);
      const error = spec(programDecider)
        .given([programCreated(programId), phase])
        .when(closeBookingPhase(phase.data.phaseId, { now: '2024-05-27T17:59:59Z' }))
        .thenRefuses(Conflict, 'PHASE_STILL_OPEN');
      expect(error.message).toContain('stays open until 2024-05-27T20:00:00+02:00');
    });
  });

  describe('given the priority phase already closed', () => {
    it('refuses to close it twice: the seed commitment cannot change', () => {
      const programId = newId('program');
      const phase = bookingPhaseDefined(programId);
      spec(programDecider)
        .given([programCreated(programId), phase, bookingPhaseClosed(programId, phase.data.phaseId)])
        .when(
          closeBookingPhase(phase.data.phaseId, { seedCommitment: 'f'.repeat(64), now: '2024-05-28T09:00:00+02:00' }),
        )
        .thenRefuses(Conflict, 'PHASE_ALREADY_CLOSED');
    });
  });

  describe('given no such phase', () => {
    it('refuses: no such phase', () => {
      spec(programDecider)
        .given([programCreated(newId('program'))])
        .when(closeBookingPhase(newId('phase')))
        .thenRefuses(NotFound, 'PHASE_NOT_FOUND');
    });
  });

  describe('given no program', () => {
    it('refuses: no such program', () => {
      spec(programDecider)
        .given([])
        .when(closeBookingPhase(newId('phase')))
        .thenRefuses(NotFound, 'PROGRAM_NOT_FOUND');
    });
  });
});
