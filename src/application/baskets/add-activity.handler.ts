import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { nextPhaseFor, phaseOpenAt } from '../../domain/booking-phase/booking-phase';
import type { Child } from '../../domain/child/child';
import { bookingDecider, bookingStream } from '../../domain/order/booking.decider';
import type { CreatedProgram } from '../../domain/program/program.state';
import { requireScheduledActivity } from '../../domain/program/program.state';
import { RuleViolated } from '../../domain/shared/errors';
import type { ClassLevel, Tier } from '../../domain/shared/school';
import { BasketQuery, type BasketView } from '../../projections/basket/basket.query';
import type { Principal } from '../auth/principal';
import { checkVisible, ProgramFacts } from '../programs/program-facts';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';
import { FamilyChildren } from './family-children';

export class AddActivityCommand extends Command<BasketView> {
  constructor(
    readonly principal: Principal,
    readonly childId: string,
    readonly programId: string,
    readonly activityId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Procedure, step 2: an activity of a program the family may see, for one child. Facts from the
 * family and program streams are resolved here; the booking stream decides duplicates and clashes.
 */
@CommandHandler(AddActivityCommand)
export class AddActivityHandler implements ICommandHandler<AddActivityCommand> {
  constructor(
    private readonly children: FamilyChildren,
    private readonly programs: ProgramFacts,
    private readonly commands: Commands,
    private readonly baskets: BasketQuery,
  ) {}

  async execute({ principal, childId, programId, activityId, context }: AddActivityCommand): Promise<BasketView> {
    const [{ familyId, family, child }, program] = await Promise.all([
      this.children.of(principal, childId),
      this.programs.load(programId),
    ]);
    const { tier } = checkVisible(program, family);
    const activity = requireScheduledActivity(program, activityId);
    const now = context.now.toISOString();
    assertBookable(program, now, tier);
    const { name, slot, priceCents, acceptedLevels } = activity;
    await this.commands.run(
      bookingStream(childId),
      bookingDecider,
      {
        type: 'AddActivity',
        data: {
          childId,
          familyId,
          activity: { activityId, programId, name, slot, priceCents, acceptedLevels },
          child: { classLevel: classLevelFor(child, program), firstName: child.firstName },
          now,
        },
      },
      context,
    );
    return this.baskets.basketOf(childId);
  }
}

/**
 * PRODUCT.md, AddActivity: "an open program". A program is open to a family while one of its
 * booking phases for the family's tier is open or still to come: a basket can be prepared before
 * the phase opens, never for a program the family can no longer order from.
 */
function assertBookable(program: CreatedProgram, now: string, tier: Tier): void {
  if (phaseOpenAt(program, now, tier) !== undefined || nextPhaseFor(program, now, tier) !== undefined) return;
  throw new RuleViolated(
    `${program.name} is not open for booking to your family: no booking phase for your family is open or to come.`,
    'PROGRAM_NOT_OPEN',
  );
}

/** The child's class in the program's school year, not in the family's current one. */
function classLevelFor(child: Child, program: CreatedProgram): ClassLevel {
  const classLevel = child.classLevels[program.schoolYear];
  if (classLevel === undefined) {
    throw new RuleViolated(
      `${child.firstName}'s class for ${program.schoolYear} is not known: update your account for ${program.schoolYear} first.`,
      'CLASS_LEVEL_UNKNOWN_FOR_YEAR',
    );
  }
  return classLevel;
}
