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

/** a phase with its instants read once */
interface Scheduled {
  phase: BookingPhase;
  opensAt: number;
  closesAt: number;
}

type ScheduledDefined = Scheduled & { phase: DefinedPhase };

/** a phase still defined (not closed) that admits this tier, or any tier when none is asked */
function definedFor(scheduled: Scheduled, tier?: Tier): scheduled is ScheduledDefined {
  const { phase } = scheduled;
  return phase.status === 'Defined' && (tier === undefined || phase.admittedTiers.includes(tier));
}

/**
 * The phases of a program's state in the order they open, their instants read: kept per phases
 * object, which a state never changes (a new phase or a closed one makes a new object), so that
 * the question asked by every AddActivity and PlaceOrder does not parse and sort them each time.
 */
const schedules = new WeakMap<Readonly<Record<string, BookingPhase>>, readonly Scheduled[]>();

function scheduleOf(state: ProgramState): readonly Scheduled[] {
  if (state.status !== 'Created') return [];
  let schedule = schedules.get(state.phases);
  if (schedule === undefined) {
    schedule = Object.values(state.phases)
      .map((phase) => ({ phase, opensAt: instantOf(phase.opensAt), closesAt: instantOf(phase.closesAt) }))
      .sort((a, b) => a.opensAt - b.opensAt);
    schedules.set(state.phases, schedule);
  }
  return schedule;
}

/** The program's phases in the order they open. */
export function phasesOf(state: ProgramState): BookingPhase[] {
  return scheduleOf(state).map(({ phase }) => phase);
}

/**
 * The phase open at `now`: opensAt ≤ now < closesAt and not closed. With a tier, only if it admits
 * that tier; without one, whichever tiers it admits (so that a refusal can tell "no phase open"
 * from "open for another tier"). Phases never overlap, so there is at most one.
 */
export function phaseOpenAt(state: ProgramState, now: string, tier?: Tier): DefinedPhase | undefined {
  const at = instantOf(now, 'current time');
  return scheduleOf(state).find(
    (scheduled): scheduled is ScheduledDefined =>
      definedFor(scheduled, tier) && scheduled.opensAt <= at && at < scheduled.closesAt,
  )?.phase;
}

/** The next phase to open after `now` for this tier, so that a refusal can say when to come back. */
export function nextPhaseFor(state: ProgramState, now: string, tier: Tier): DefinedPhase | undefined {
  const at = instantOf(now, 'current time');
  return scheduleOf(state).find(
    (scheduled): scheduled is ScheduledDefined => definedFor(scheduled, tier) && scheduled.opensAt > at,
  )?.phase;
}

/** The earliest phase that has opened by `now` (closed or not): from then on, families may have booked. */
export function firstPhaseOpened(state: ProgramState, now: string): BookingPhase | undefined {
  const at = instantOf(now, 'current time');
  const first = scheduleOf(state)[0];
  return first !== undefined && first.opensAt <= at ? first.phase : undefined;
}
