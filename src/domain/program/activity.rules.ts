import { isClassLevel } from '../child/child';
import { Conflict, RuleViolated } from '../shared/errors';
import { CLASS_LEVELS, ClassLevel, Cycle, MATERNELLE_LEVELS, PRIMAIRE_LEVELS } from '../shared/school';
import { formatSlot, minutesOf, Slot, slotsClash, TIME_PATTERN, WEEKDAYS } from '../shared/slot';
import type { ActivityDetails } from './program.events';
import type { CreatedProgram } from './program.state';

export function levelsOfCycle(cycle: Cycle): readonly ClassLevel[] {
  return cycle === 'MATERNELLE' ? MATERNELLE_LEVELS : PRIMAIRE_LEVELS;
}

/** Checks the details given (all when scheduling, some when changing) and returns them cleaned. */
export function cleanActivityDetails(
  details: Partial<ActivityDetails>,
  program: CreatedProgram,
): Partial<ActivityDetails> {
  const clean: Partial<ActivityDetails> = {};
  if (details.name !== undefined) {
    clean.name = details.name.trim();
    if (clean.name === '') throw new RuleViolated('The activity needs a name.', 'ACTIVITY_NAME_REQUIRED');
  }
  if (details.slot !== undefined) clean.slot = checkSlot(details.slot);
  if (details.priceCents !== undefined) {
    if (!Number.isInteger(details.priceCents) || details.priceCents <= 0) {
      throw new RuleViolated(
        'The price must be a whole number of cents above zero, e.g. 18000 for 180 €.',
        'PRICE_INVALID',
      );
    }
    clean.priceCents = details.priceCents;
  }
  if (details.acceptedLevels !== undefined) clean.acceptedLevels = checkLevels(details.acceptedLevels, program);
  if (details.capacity !== undefined) {
    if (!Number.isInteger(details.capacity) || details.capacity < 1) {
      throw new RuleViolated('The capacity must be a whole number of children, at least 1.', 'CAPACITY_INVALID');
    }
    clean.capacity = details.capacity;
  }
  return clean;
}

function checkSlot({ weekday, start, end }: Slot): Slot {
  if (!WEEKDAYS.includes(weekday) || !TIME_PATTERN.test(start) || !TIME_PATTERN.test(end)) {
    throw new RuleViolated(
      `The slot needs a weekday (${WEEKDAYS.join(', ')}) and times written HH:MM, e.g. 16:30.`,
      'SLOT_INVALID',
    );
  }
  if (minutesOf(start) >= minutesOf(end)) {
    throw new RuleViolated(`The slot must end after it starts (${start}–${end}).`, 'SLOT_ENDS_BEFORE_IT_STARTS');
  }
  return { weekday, start, end };
}

/** Non-empty, all of the program's cycle; returned without duplicates, in the order PS … CM2. */
function checkLevels(levels: readonly ClassLevel[], program: CreatedProgram): ClassLevel[] {
  if (levels.length === 0) throw new RuleViolated('Accept at least one class level.', 'LEVELS_REQUIRED');
  const cycleLevels = levelsOfCycle(program.cycle);
  for (const level of levels) {
    if (!isClassLevel(level)) {
      throw new RuleViolated(
        `"${level}" is not a class level: use one of ${CLASS_LEVELS.join(', ')}.`,
        'CLASS_LEVEL_UNKNOWN',
      );
    }
    if (!cycleLevels.includes(level)) {
      throw new RuleViolated(
        `${level} is not a level of ${program.name}: this program accepts only ${cycleLevels.join(', ')}.`,
        'CLASS_LEVEL_NOT_IN_CYCLE',
      );
    }
  }
  return CLASS_LEVELS.filter((level) => levels.includes(level));
}

/** The same activity twice: same name (ignoring case) at an overlapping time of the same weekday. */
export function checkNotDuplicate(
  program: CreatedProgram,
  candidate: { activityId: string; name: string; slot: Slot },
): void {
  const same = Object.values(program.activities).find(
    (other) =>
      other.status === 'Scheduled' &&
      other.activityId !== candidate.activityId &&
      other.name.toLowerCase() === candidate.name.toLowerCase() &&
      slotsClash(other.slot, candidate.slot),
  );
  if (same !== undefined) {
    throw new Conflict(
      `« ${same.name} » already takes place ${formatSlot(same.slot)} in ${program.name}.`,
      'ACTIVITY_DUPLICATE',
    );
  }
}
