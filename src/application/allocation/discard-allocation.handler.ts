import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { allocationRunDecider } from '../../allocation/allocation-run.decider';
import { allocationStream } from '../../allocation/allocation-run.events';
import { AllocationAuditQuery, type RunSummaryView } from '../../projections/allocation-audit/allocation-audit.query';
import type { CommandContext } from '../shared/command-context';
import { Commands } from '../shared/commands.service';
import { shownRun } from './allocation-run-views';

export class DiscardAllocationCommand extends Command<RunSummaryView> {
  constructor(
    readonly runId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A proposal set aside stays in the trail (PRODUCT.md: no one re-draws until the outcome suits them). */
@CommandHandler(DiscardAllocationCommand)
export class DiscardAllocationHandler implements ICommandHandler<DiscardAllocationCommand> {
  constructor(
    private readonly commands: Commands,
    private readonly audit: AllocationAuditQuery,
  ) {}

  async execute({ runId, reason, context }: DiscardAllocationCommand): Promise<RunSummaryView> {
    await this.commands.run(
      allocationStream(runId),
      allocationRunDecider,
      {
        type: 'DiscardAllocation',
        data: { runId, discardedBy: context.actor, discardedAt: context.now.toISOString(), reason: reason.trim() },
      },
      context,
    );
    return shownRun(this.audit, runId);
  }
}
