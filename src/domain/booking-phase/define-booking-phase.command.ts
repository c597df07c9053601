import { instantOf } from '../program/calendar';
import type { ProgramEvent } from '../program/program.events';
import { ProgramState, requireProgram } from '../program/program.state';
import type { Message } from '../shared/decider';
import { Conflict, RuleViolated } from '../shared/errors';
import type { Tier } from '../shared/school';

export type DefineBookingPhase = Message<
  'DefineBookingPhase',
  { phaseId: string; name: string; opensAt: string; closesAt: string; admittedTiers: Tier[]; now: string }
>;

export function decideDefineBookingPhase({ data }: DefineBookingPhase, state: ProgramState): ProgramEvent[] {
  const program = requireProgram(state);
  const existing = program.phases[data.phaseId];
  if (existing !== undefined) {
    throw new Conflict(`The phase « ${existing.name} » is already defined.`, 'PHASE_ALREADY_DEFINED');
  }
  const name = data.name.trim();
  if (name === '') {
    throw new RuleViolated('The booking phase needs a name, e.g. Période prioritaire.', 'PHASE_NAME_REQUIRED');
  }
  const [opens, closes, now] = [
    instantOf(data.opensAt, 'opening time'),
    instantOf(data.closesAt, 'closing time'),
    instantOf(data.now, 'current time'),
  ];
  if (closes <= opens) {
    throw new RuleViolated(
      `The phase must close after it opens (${data.opensAt} – ${data.closesAt}).`,
      'PHASE_CLOSES_BEFORE_IT_OPENS',
    );
  }
  if (opens < now) throw new RuleViolated(`The phase cannot open in the past (${data.opensAt}).`, 'PHASE_IN_THE_PAST');
  if (data.admittedTiers.length === 0 || data.admittedTiers.some((tier) => tier !== 1 && tier !== 2)) {
    throw new RuleViolated('Admit tier 1, tier 2 or both to the phase.', 'TIERS_INVALID');
  }
  const admittedTiers = ([1, 2] as const).filter((tier) => data.admittedTiers.includes(tier));
  const overlapping = Object.values(program.phases).find(
    (phase) => opens < instantOf(phase.closesAt) && instantOf(phase.opensAt) < closes,
  );
  if (overlapping !== undefined) {
    throw new Conflict(
      `The phase overlaps « ${overlapping.name} » (${overlapping.opensAt} – ${overlapping.closesAt}): the phases of a program follow one another.`,
      'PHASE_OVERLAPS',
    );
  }
  const { phaseId, opensAt, closesAt } = data;
  return [
    {
      type: 'BookingPhaseDefined',
      data: { programId: program.programId, phaseId, name, opensAt, closesAt, admittedTiers, definedAt: data.now },
    },
  ];
}
