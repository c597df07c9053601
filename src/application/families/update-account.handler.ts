import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Address, Guardian } from '../../domain/family/family.events';
import { familyDecider, familyStream } from '../../domain/family/family.decider';
import type { ClassLevel } from '../../domain/shared/school';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

/** « actualisation du compte »: guardians, address and every child's class, confirmed for a school year. */
export class UpdateAccount extends Command<void> {
  constructor(
    readonly familyId: string,
    readonly schoolYear: string,
    readonly details: {
      guardians: Guardian[];
      address: Address;
      children: { childId: string; classLevel: ClassLevel }[];
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UpdateAccount)
export class UpdateAccountHandler implements ICommandHandler<UpdateAccount> {
  constructor(private readonly commands: Commands) {}

  async execute({ familyId, schoolYear, details, context }: UpdateAccount): Promise<void> {
    const { guardians, address } = details;
    const children = details.children.map(({ childId, classLevel }) => ({ childId, classLevel }));
    await this.commands.run(
      familyStream(familyId),
      familyDecider,
      {
        type: 'UpdateAccount',
        data: { schoolYear, guardians, address, children, updatedAt: context.now.toISOString() },
      },
      context,
    );
  }
}
