import { instantOf } from '../program/calendar';
import type { ProgramEvent } from '../program/program.events';
import { ProgramState, requireProgram } from '../program/program.state';
import type { Message } from '../shared/decider';
import { Conflict, NotFound, RuleViolated } from '../shared/errors';

/** `seedCommitment`: the SHA-256 (lowercase hex) of the seed the application drew for this phase's allocation. */
export type CloseBookingPhase = Message<'CloseBookingPhase', { phaseId: string; seedCommitment: string; now: string }>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** PRODUCT.md: "The seed is committed before the draw": recorded once, when the phase closes, never changed. */
export function decideCloseBookingPhase({ data }: CloseBookingPhase, state: ProgramState): ProgramEvent[] {
  const program = requireProgram(state);
  const phase = program.phases[data.phaseId];
  if (phase === undefined) {
    throw new NotFound(`The program ${program.name} has no such booking phase.`, 'PHASE_NOT_FOUND');
  }
  if (phase.status === 'Closed') {
    throw new Conflict(
      `The phase « ${phase.name} » was already closed on ${phase.closedAt}; its seed commitment cannot change.`,
      'PHASE_ALREADY_CLOSED',
    );
  }
  if (instantOf(data.now, 'current time') < instantOf(phase.closesAt)) {
    throw new Conflict(
      `The phase « ${phase.name} » stays open until ${phase.closesAt}; it can be closed only after that.`,
      'PHASE_STILL_OPEN',
    );
  }
  if (!SHA256_HEX.test(data.seedCommitment)) {
    throw new RuleViolated(
      'The seed commitment must be a SHA-256 digest: 64 lowercase hexadecimal characters.',
      'SEED_COMMITMENT_INVALID',
    );
  }
  const { phaseId, seedCommitment, now } = data;
  return [
    { type: 'BookingPhaseClosed', data: { programId: program.programId, phaseId, seedCommitment, closedAt: now } },
  ];
}
