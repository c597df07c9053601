import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { CreateProgram } from '../../domain/program/create-program.command';
import { programDecider, programStream } from '../../domain/program/program.decider';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

export type CreateProgramInput = Pick<CreateProgram['data'], 'name' | 'cycle' | 'schoolYear' | 'typicalWeek'>;

export class CreateProgramCommand extends Command<{ programId: string }> {
  constructor(
    readonly input: CreateProgramInput,
    readonly staffId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CreateProgramCommand)
export class CreateProgramHandler implements ICommandHandler<CreateProgramCommand> {
  constructor(private readonly commands: Commands) {}

  async execute({ input, staffId, context }: CreateProgramCommand): Promise<{ programId: string }> {
    const programId = randomUUID();
    const { name, cycle, schoolYear, typicalWeek } = input;
    await this.commands.run(
      programStream(programId),
      programDecider,
      {
        type: 'CreateProgram',
        data: {
          programId,
          name,
          cycle,
          schoolYear,
          typicalWeek: { from: typicalWeek.from, to: typicalWeek.to },
          createdBy: staffId,
          createdAt: context.now.toISOString(),
        },
      },
      context,
    );
    return { programId };
  }
}
