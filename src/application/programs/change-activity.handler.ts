import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { ActivityDetails } from '../../domain/program/program.events';
import { programDecider, programStream } from '../../domain/program/program.decider';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

export interface ActivityChangeResult {
  activityId: string;
  /** the fields that changed; empty when everything given was already so */
  changed: (keyof ActivityDetails)[];
}

export class ChangeActivityCommand extends Command<ActivityChangeResult> {
  constructor(
    readonly programId: string,
    readonly activityId: string,
    readonly changes: Partial<ActivityDetails>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeActivityCommand)
export class ChangeActivityHandler implements ICommandHandler<ChangeActivityCommand> {
  constructor(private readonly commands: Commands) {}

  async execute({ programId, activityId, changes, context }: ChangeActivityCommand): Promise<ActivityChangeResult> {
    const given: Partial<ActivityDetails> = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    );
    if (given.slot) given.slot = { weekday: given.slot.weekday, start: given.slot.start, end: given.slot.end };
    const { events } = await this.commands.run(
      programStream(programId),
      programDecider,
      { type: 'ChangeActivity', data: { activityId, changes: given, now: context.now.toISOString() } },
      context,
    );
    const changed = events.flatMap((event) =>
      event.type === 'ActivityChanged' ? (Object.keys(event.data.changes) as (keyof ActivityDetails)[]) : [],
    );
    return { activityId, changed };
  }
}
