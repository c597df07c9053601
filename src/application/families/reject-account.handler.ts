import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { familyDecider, familyStream } from '../../domain/family/family.decider';
import { validationFor } from '../../domain/family/family.state';
import type { AccountValidation } from '../../domain/family/family.state';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';

/** Staff reject the account for a school year, saying why: the family reads the reason. */
export class RejectAccount extends Command<AccountValidation> {
  constructor(
    readonly familyId: string,
    readonly decision: { schoolYear: string; reason: string },
    readonly staffAccountId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RejectAccount)
export class RejectAccountHandler implements ICommandHandler<RejectAccount> {
  constructor(private readonly commands: Commands) {}

  async execute({ familyId, decision, staffAccountId, context }: RejectAccount): Promise<AccountValidation> {
    const { schoolYear, reason } = decision;
    const { state } = await this.commands.run(
      familyStream(familyId),
      familyDecider,
      {
        type: 'RejectAccount',
        data: { schoolYear, reason, rejectedBy: staffAccountId, rejectedAt: context.now.toISOString() },
      },
      context,
    );
    return validationFor(state, schoolYear);
  }
}
