import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllocationApplier, ApplicationOutcome } from './allocation-applier';

/** Apply an approved run's decisions to the orders, or resume where a previous attempt stopped. */
export class ApplyAllocationCommand extends Command<ApplicationOutcome> {
  constructor(readonly runId: string) {
    super();
  }
}

@CommandHandler(ApplyAllocationCommand)
export class ApplyAllocationHandler implements ICommandHandler<ApplyAllocationCommand> {
  constructor(private readonly applier: AllocationApplier) {}

  execute({ runId }: ApplyAllocationCommand): Promise<ApplicationOutcome> {
    return this.applier.apply(runId);
  }
}
