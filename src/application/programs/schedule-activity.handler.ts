import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { ActivityDetails } from '../../domain/program/program.events';
import { programDecider, programStream } from '../../domain/program/program.decider';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

export class ScheduleActivityCommand extends Command<{ activityId: string }> {
  constructor(
    readonly programId: string,
    readonly details: ActivityDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ScheduleActivityCommand)
export class ScheduleActivityHandler implements ICommandHandler<ScheduleActivityCommand> {
  constructor(private readonly commands: Commands) {}

  async execute({ programId, details, context }: ScheduleActivityCommand): Promise<{ activityId: string }> {
    const activityId = randomUUID();
    const { name, slot, priceCents, acceptedLevels, capacity } = details;
    await this.commands.run(
      programStream(programId),
      programDecider,
      {
        type: 'ScheduleActivity',
        data: {
          activityId,
          name,
          slot: { weekday: slot.weekday, start: slot.start, end: slot.end },
          priceCents,
          acceptedLevels: [...acceptedLevels],
          capacity,
          now: context.now.toISOString(),
        },
      },
      context,
    );
    return { activityId };
  }
}
