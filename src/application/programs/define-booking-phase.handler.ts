import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { DefineBookingPhase } from '../../domain/booking-phase/define-booking-phase.command';
import { programDecider, programStream } from '../../domain/program/program.decider';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

export type BookingPhaseInput = Pick<DefineBookingPhase['data'], 'name' | 'opensAt' | 'closesAt' | 'admittedTiers'>;

export class DefineBookingPhaseCommand extends Command<{ phaseId: string }> {
  constructor(
    readonly programId: string,
    readonly input: BookingPhaseInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DefineBookingPhaseCommand)
export class DefineBookingPhaseHandler implements ICommandHandler<DefineBookingPhaseCommand> {
  constructor(private readonly commands: Commands) {}

  async execute({ programId, input, context }: DefineBookingPhaseCommand): Promise<{ phaseId: string }> {
    const phaseId = randomUUID();
    const { name, opensAt, closesAt, admittedTiers } = input;
    await this.commands.run(
      programStream(programId),
      programDecider,
      {
        type: 'DefineBookingPhase',
        data: { phaseId, name, opensAt, closesAt, admittedTiers: [...admittedTiers], now: context.now.toISOString() },
      },
      context,
    );
    return { phaseId };
  }
}
