import type { ProgramState } from '../program/program.state';
import { instantOf } from '../program/calendar';
import type { Tier } from '../shared/school';

interface PhaseSchedule {
  phaseId: string;
  name: string;
  opensAt: string;
  closesAt: string;
  admittedTiers: readonly Tier[];
}

/** Whether a phase is open is a matter of the clock (`phaseOpenAt`); `Closed` means its seed is committed. */
export type DefinedPhase = { status: 'Defined' } & PhaseSchedule;
export type ClosedPhase = { status: 'Closed'; seedCommitment: string; closedAt: string } & PhaseSchedule;
export type BookingPhase = DefinedPhase | ClosedPhase;

export function phaseOf(state: ProgramState, phaseId: string): BookingPhase | undefined {
  return state.status === 'Created' ? state.phases[phaseId] : undefined;
}

/** The program's phases in the order they open. */
export function phasesOf(state: ProgramState): BookingPhase[] {
  if (state.status !== 'Created') return [];
  return Object.values(state.phases).sort((a, b) => instantOf(a.opensAt) - instantOf(b.opensAt));
}

/**
 * The phase open at `now`: opensAt ≤ now < closesAt and not closed. With a tier, only if it admits
 * that tier; without one, whichever tiers it admits (so that a refusal can tell "no phase open"
 * from "open for another tier"). Phases never overlap, so there is at most one.
 */
export function phaseOpenAt(state: ProgramState, now: string, tier?: Tier): DefinedPhase | undefined {
  const at = instantOf(now, 'current time');
  return phasesOf(state).find(
    (phase): phase is DefinedPhase =>
      phase.status === 'Defined' &&
      (tier === undefined || phase.admittedTiers.includes(tier)) &&
      instantOf(phase.opensAt) <= at &&
      at < instantOf(phase.closesAt),
  );
}

/** The next phase to open after `now` for this tier, so that a refusal can say when to come back. */
export function nextPhaseFor(state: ProgramState, now: string, tier: Tier): DefinedPhase | undefined {
  const at = instantOf(now, 'current time');
  return phasesOf(state).find(
    (phase): phase is DefinedPhase =>
      phase.status === 'Defined' && phase.admittedTiers.includes(tier) && instantOf(phase.opensAt) > at,
  );
}

/** The earliest phase that has opened by `now` (closed or not): from then on, families may have booked. */
export function firstPhaseOpened(state: ProgramState, now: string): BookingPhase | undefined {
  const at = instantOf(now, 'current time');
  const first = phasesOf(state)[0];
  return first !== undefined && instantOf(first.opensAt) <= at ? first : undefined;
}
