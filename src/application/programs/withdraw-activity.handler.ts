import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { programDecider, programStream } from '../../domain/program/program.decider';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

export class WithdrawActivityCommand extends Command<{ activityId: string; withdrawnAt: string }> {
  constructor(
    readonly programId: string,
    readonly activityId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(WithdrawActivityCommand)
export class WithdrawActivityHandler implements ICommandHandler<WithdrawActivityCommand> {
  constructor(private readonly commands: Commands) {}

  async execute({ programId, activityId, reason, context }: WithdrawActivityCommand) {
    const now = context.now.toISOString();
    await this.commands.run(
      programStream(programId),
      programDecider,
      { type: 'WithdrawActivity', data: { activityId, reason, now } },
      context,
    );
    return { activityId, withdrawnAt: now };
  }
}
