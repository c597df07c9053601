import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { ChildDetails } from '../../domain/child/child';
import { familyDecider, familyStream } from '../../domain/family/family.decider';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

/** A parent adds a child to the family, with its class for the family's current school year. */
export class AddChild extends Command<{ childId: string }> {
  constructor(
    readonly familyId: string,
    readonly child: ChildDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AddChild)
export class AddChildHandler implements ICommandHandler<AddChild> {
  constructor(private readonly commands: Commands) {}

  async execute({ familyId, child, context }: AddChild): Promise<{ childId: string }> {
    const childId = randomUUID();
    const { firstName, lastName, birthDate, classLevel } = child;
    await this.commands.run(
      familyStream(familyId),
      familyDecider,
      {
        type: 'AddChild',
        data: { childId, firstName, lastName, birthDate, classLevel, addedAt: context.now.toISOString() },
      },
      context,
    );
    return { childId };
  }
}
