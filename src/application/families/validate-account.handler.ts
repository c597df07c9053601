import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { familyDecider, familyStream } from '../../domain/family/family.decider';
import { validationFor } from '../../domain/family/family.state';
import type { AccountValidation } from '../../domain/family/family.state';
import { programDecider, programStream } from '../../domain/program/program.decider';
import type { ProgramEvent } from '../../domain/program/program.events';
import { fold } from '../../domain/shared/decider';
import { NotFound, RuleViolated } from '../../domain/shared/errors';
import type { FamilyCategory } from '../../domain/shared/school';
import { EventStore } from '../../event-store/event-store.port';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

/** PRODUCT.md, ValidateAccount: staff set the family's category (its tier) and the programs it may see. */
export class ValidateAccount extends Command<AccountValidation> {
  constructor(
    readonly familyId: string,
    readonly decision: { schoolYear: string; category: FamilyCategory; programIds: string[] },
    readonly staffAccountId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ValidateAccount)
export class ValidateAccountHandler implements ICommandHandler<ValidateAccount> {
  constructor(
    private readonly commands: Commands,
    private readonly store: EventStore,
  ) {}

  async execute({ familyId, decision, staffAccountId, context }: ValidateAccount): Promise<AccountValidation> {
    const { schoolYear, category } = decision;
    const programIds = [...new Set(decision.programIds.map((id) => id.trim()))];
    await this.checkPrograms(programIds, schoolYear);
    const { state } = await this.commands.run(
      familyStream(familyId),
      familyDecider,
      {
        type: 'ValidateAccount',
        data: { schoolYear, category, programIds, validatedBy: staffAccountId, validatedAt: context.now.toISOString() },
      },
      context,
    );
    return validationFor(state, schoolYear);
  }

  /** a program the family may see must exist, and be one of that school year: a typo would hide every activity */
  private async checkPrograms(programIds: readonly string[], schoolYear: string): Promise<void> {
    for (const programId of programIds) {
      const recorded = await this.store.readStream(programStream(programId));
      const program = fold(programDecider, recorded as unknown as ProgramEvent[]);
      if (program.status !== 'Created') {
        throw new NotFound(`There is no program with the id "${programId}".`, 'PROGRAM_NOT_FOUND');
      }
      if (program.schoolYear !== schoolYear) {
        throw new RuleViolated(
          `The program ${program.name} is for ${program.schoolYear}, not ${schoolYear}: choose programs of ${schoolYear}.`,
          'PROGRAM_OF_ANOTHER_SCHOOL_YEAR',
        );
      }
    }
  }
}
