import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Child, ChildDetails } from '../../domain/child/child';
import { familyDecider, familyStream } from '../../domain/family/family.decider';
import { childOf } from '../../domain/family/family.state';
import { NotFound } from '../../domain/shared/errors';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

/** A parent corrects a child's details; a child of another family is not found. */
export class UpdateChild extends Command<Child> {
  constructor(
    readonly familyId: string,
    readonly childId: string,
    readonly changes: Partial<ChildDetails>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UpdateChild)
export class UpdateChildHandler implements ICommandHandler<UpdateChild> {
  constructor(private readonly commands: Commands) {}

  async execute({ familyId, childId, changes, context }: UpdateChild): Promise<Child> {
    const { firstName, lastName, birthDate, classLevel } = changes;
    const given = Object.fromEntries(
      Object.entries({ firstName, lastName, birthDate, classLevel }).filter(([, value]) => value !== undefined),
    );
    const { state } = await this.commands.run(
      familyStream(familyId),
      familyDecider,
      { type: 'UpdateChild', data: { childId, ...given, updatedAt: context.now.toISOString() } },
      context,
    );
    const child = childOf(state, childId);
    if (child === undefined) throw new NotFound("This child is not one of the family's children.", 'CHILD_NOT_FOUND');
    return child;
  }
}
