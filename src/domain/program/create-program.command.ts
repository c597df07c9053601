import type { Message } from '../shared/decider';
import { Conflict, RuleViolated } from '../shared/errors';
import { CYCLES, Cycle, isSchoolYear, SchoolYear } from '../shared/school';
import { daysBetween, isCalendarDate } from './calendar';
import type { ProgramEvent, TypicalWeek } from './program.events';
import type { ProgramState } from './program.state';

/** One program per cycle and school year, e.g. « Activités Maternelles 2024-2025 ». */
export type CreateProgram = Message<
  'CreateProgram',
  {
    programId: string;
    name: string;
    cycle: Cycle;
    schoolYear: SchoolYear;
    typicalWeek: TypicalWeek;
    createdBy: string;
    createdAt: string;
  }
>;

export function decideCreateProgram({ data }: CreateProgram, state: ProgramState): ProgramEvent[] {
  if (state.status === 'Created') {
    throw new Conflict(`The program ${state.name} already exists.`, 'PROGRAM_ALREADY_EXISTS');
  }
  const name = data.name.trim();
  if (name === '') {
    throw new RuleViolated('The program needs a name, e.g. Activités Maternelles 2024-2025.', 'PROGRAM_NAME_REQUIRED');
  }
  if (!CYCLES.includes(data.cycle)) {
    throw new RuleViolated(`"${data.cycle}" is not a cycle: use ${CYCLES.join(' or ')}.`, 'CYCLE_UNKNOWN');
  }
  if (!isSchoolYear(data.schoolYear)) {
    throw new RuleViolated(
      `"${data.schoolYear}" is not a school year: write it like 2025-2026.`,
      'SCHOOL_YEAR_INVALID',
    );
  }
  const { from, to } = data.typicalWeek;
  if (!isCalendarDate(from) || !isCalendarDate(to) || daysBetween(from, to) < 0 || daysBetween(from, to) > 6) {
    throw new RuleViolated(
      `The typical week must be one week, from its first to its last day (e.g. 2024-09-09 to 2024-09-13).`,
      'TYPICAL_WEEK_INVALID',
    );
  }
  const [firstYear, secondYear] = data.schoolYear.split('-');
  if (from < `${firstYear}-08-01` || to > `${secondYear}-07-31`) {
    throw new RuleViolated(
      `The typical week ${from} – ${to} is not in the school year ${data.schoolYear}.`,
      'TYPICAL_WEEK_OUTSIDE_SCHOOL_YEAR',
    );
  }
  const { programId, cycle, schoolYear, createdBy, createdAt } = data;
  return [
    {
      type: 'ProgramCreated',
      data: { programId, name, cycle, schoolYear, typicalWeek: { from, to }, createdBy, createdAt },
    },
  ];
}
